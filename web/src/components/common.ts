// Pieces every page uses: sections, labelled fields, and who is using the app.
import { TimeoutError, withTimeout } from '../chain';
import { h } from '../dom';
import { t, type Key } from '../i18n';
import { identityOf, type IdentityRecord } from '../records';
import { InputError } from '../terms';
import { activeAccount, encryptionSecret, type Account } from '../wallet';

export const section = (title: string, ...children: (Node | string | null | false)[]) =>
  h('section', { class: 'card' }, h('h2', {}, title), ...children);

export const field = (label: string, input: HTMLElement, hint?: string) =>
  h('label', {}, label, input, hint ? h('small', {}, hint) : null);

export const note = (text: string) => h('p', { class: 'note' }, text);

export const alert = (text: string) => h('p', { class: 'error', role: 'alert' }, text);

export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A refused input (an `InputError` of ../terms) in words, or undefined for other errors. */
export const inputProblem = (error: unknown) =>
  error instanceof InputError ? t(error.key, error.values) : undefined;

export function input(name: string, attributes: Record<string, string | boolean> = {}) {
  return h('input', { name, autocomplete: 'off', spellcheck: 'false', ...attributes });
}

export function select(name: string, options: [string, Key][]) {
  return h(
    'select',
    { name },
    ...options.map(([value, label]) => h('option', { value }, t(label))),
  );
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const fieldsOf = (root: ParentNode) => [
  ...root.querySelectorAll<Field>('input[name], select[name], textarea[name]'),
];

/** Whether the user changed `f` from what it was drawn with. */
function edited(f: Field): boolean {
  if (f instanceof HTMLSelectElement)
    return [...f.options].some((option) => option.selected !== option.defaultSelected);
  if (f instanceof HTMLInputElement && (f.type === 'checkbox' || f.type === 'radio'))
    return f.checked !== f.defaultChecked;
  return f.value !== f.defaultValue;
}

/**
 * Puts `fresh` — a part drawn anew from the chain — in the place of `old`, with what the user
 * typed or chose in `old`'s fields (those with a name, matched by name and order) and the
 * field they were typing in: news from the chain does not wipe a form being filled in. A
 * field left as drawn shows what `fresh` was drawn with.
 */
export function replaceKeepingTyped(old: Element, fresh: Element) {
  const into = new Map<string, Field[]>();
  for (const f of fieldsOf(fresh)) into.set(f.name, [...(into.get(f.name) ?? []), f]);
  const seen = new Map<string, number>();
  let focus: { target: Field; from: Field } | undefined;
  for (const f of fieldsOf(old)) {
    const n = seen.get(f.name) ?? 0;
    seen.set(f.name, n + 1);
    const target = into.get(f.name)?.[n];
    if (!target) continue;
    if (f === document.activeElement) focus = { target, from: f };
    if (!edited(f)) continue;
    if (
      target instanceof HTMLInputElement &&
      (target.type === 'checkbox' || target.type === 'radio')
    )
      target.checked = (f as HTMLInputElement).checked;
    else target.value = f.value;
    // What a field's change shows or hides (the price of a paid disclosure) follows.
    target.dispatchEvent(new Event('input', { bubbles: true }));
    target.dispatchEvent(new Event('change', { bubbles: true }));
  }
  old.replaceWith(fresh);
  if (!focus) return;
  focus.target.focus();
  const { from, target } = focus;
  // Where the caret was, for fields that have one (a select, a number input have none).
  if (!(from instanceof HTMLSelectElement) && !(target instanceof HTMLSelectElement))
    try {
      target.setSelectionRange(from.selectionStart, from.selectionEnd);
    } catch {
      // This kind of input has no caret.
    }
}

/**
 * A list of rows loaded later: "Loading…" until `load` fills it, its failure in words — a
 * node that does not answer within `ANSWER_TIMEOUT_MS` included — with a button to try again.
 */
export function loading(load: () => Promise<Node[]>, empty: Key): HTMLElement {
  const box = h('div', { class: 'list' });
  const start = () => {
    box.replaceChildren(h('p', { class: 'note' }, t('loading')));
    withTimeout(load()).then(
      (rows) => box.replaceChildren(...(rows.length ? rows : [note(t(empty))])),
      (error) =>
        box.replaceChildren(
          alert(
            error instanceof TimeoutError
              ? t('timedOut', { seconds: error.ms / 1000 })
              : t('failed', { message: message(error) }),
          ),
          h('button', { 'data-testid': 'retry', onclick: start }, t('retry')),
        ),
    );
  };
  start();
  return box;
}

/** The person using the app: the active account, its identity on chain, its X25519 key. */
export interface User {
  account: Account;
  identity?: IdentityRecord;
  secret?: Uint8Array;
}

export async function currentUser(): Promise<User | undefined> {
  const account = activeAccount();
  if (!account) return undefined;
  return {
    account,
    identity: await identityOf(account.address),
    secret: encryptionSecret(account.address),
  };
}

/**
 * What stops `user` from taking part in loans, in words — no account, no verified
 * identity, the key locked — or undefined when nothing does.
 */
export function missingForLoans(user: User | undefined): HTMLElement | undefined {
  if (!user) return note(t('needAccount'));
  if (user.identity?.status !== 'Verified') return note(t('needVerified'));
  if (!user.secret) return note(t('needUnlocked'));
  return undefined;
}
