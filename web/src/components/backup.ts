// The backup of a new mnemonic — an account's (Account) or a lending secret's (Lending
// privately): the words shown once with what they are for, and three of them, asked at
// random, typed back before the secret is kept.
import { h } from '../dom';
import { t, type Key } from '../i18n';
import { newMnemonic } from '../wallet';
import { field, input, note } from './common';

/** Three distinct word positions (1 to `count`), in order, for the backup check. */
function backupPositions(count: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < 3) chosen.add(1 + (crypto.getRandomValues(new Uint32Array(1))[0] % count));
  return [...chosen].sort((a, b) => a - b);
}

/**
 * The backup of a new mnemonic, checked: the words are shown once with what they are for
 * (`intro`), and the secret is kept only when three of them, asked at random, are typed back.
 */
export function backupCheck(mnemonic: string, intro: Key = 'backupIntro') {
  const words = mnemonic.split(' ');
  const positions = backupPositions(words.length);
  const inputs = positions.map((position) =>
    input('backupWord', {
      required: true,
      autocomplete: 'off',
      'data-position': String(position),
    }),
  );
  return {
    node: h(
      'fieldset',
      { class: 'backup', 'data-testid': 'backup' },
      h('legend', {}, t('backupTitle')),
      note(t(intro, { count: words.length })),
      h('ol', { class: 'words' }, ...words.map((word) => h('li', {}, word))),
      ...inputs.map((box, i) => field(t('backupWord', { position: positions[i] }), box)),
    ),
    confirmed: () =>
      inputs.every(
        (box, i) => box.value.trim().toLowerCase() === words[positions[i] - 1].toLowerCase(),
      ),
  };
}

/**
 * A field for a mnemonic (a textarea named `name`) and a button that generates one: words
 * generated here must be backed up (`backupCheck`, shown in `backupSlot`) before they are
 * kept; words typed in were written down before and are not asked for again. `problem`
 * says what keeps the form from keeping them: the backup, or a password under 8 characters.
 */
export function mnemonicInput(name: string, generateLabel: Key, intro?: Key) {
  const words = h('textarea', { name, rows: '2', spellcheck: 'false' });
  const backupSlot = h('div');
  let backup: { words: string; confirmed: () => boolean } | undefined;
  const generate = h(
    'button',
    {
      type: 'button',
      onclick: () => {
        const made = newMnemonic();
        words.value = made;
        const check = backupCheck(made, intro);
        backup = { words: made, confirmed: check.confirmed };
        backupSlot.replaceChildren(check.node);
      },
    },
    t(generateLabel),
  );
  words.addEventListener('input', () => {
    if (backup && words.value.trim() !== backup.words) {
      backup = undefined;
      backupSlot.replaceChildren();
    }
  });
  return {
    words,
    generate,
    backupSlot,
    /** What keeps the form from keeping the words with `password`, if anything. */
    problem: (password: string): Key | undefined =>
      backup && !backup.confirmed()
        ? 'backupWrong'
        : password.length < 8
          ? 'passwordTooShort'
          : undefined,
  };
}
