// Accounts and the encryption key: create or import an account, use the polkadot.js
// extension's, unlock, export; generate, export and import the X25519 key (loanctl's key
// file); send LOAN.
import { formatKeyFile, parseKeyFile } from '../crypto/keyfile';
import { h } from '../dom';
import { notificationsWanted, setNotifications } from '../notices';
import { connect } from '../chain';
import { PLANCKS_PER_LOAN, formatLoan, hex, parseLoan } from '../format';
import { t } from '../i18n';
import { watchBalance } from '../records';
import { send, txStatus } from '../tx';
import {
  accounts,
  activeAddress,
  addAccount,
  canSign,
  connectExtension,
  devFaucet,
  encryptionPublicKey,
  encryptionSecret,
  exportAccount,
  hasEncryptionKey,
  hasLendingSecret,
  lendingSecretWords,
  lock,
  newEncryptionSecret,
  removeAccount,
  setActive,
  storeEncryptionKey,
  unlock,
} from '../wallet';
import { alert, field, input, message, note, section } from '../components/common';
import { mnemonicInput } from '../components/backup';
import { copyButton } from '../components/share';

/** Offers `text` as a file download named `name`. */
function download(name: string, text: string, type = 'text/plain') {
  const link = h('a', {
    href: URL.createObjectURL(new Blob([text], { type })),
    download: name,
  });
  link.click();
  URL.revokeObjectURL(link.href);
}

function accountList(): HTMLElement {
  const all = accounts();
  if (!all.length) return note(t('noAccounts'));
  const active = activeAddress();
  return h(
    'ul',
    { class: 'accounts', 'data-testid': 'accounts' },
    ...all.map((account) => {
      const password = input('password', { type: 'password', placeholder: t('password') });
      const problem = h('span', { class: 'error' });
      const unlocked = canSign(account.address);
      // A browser account unlocks its keys; an extension's account (the extension signs)
      // only its encryption key and its lending secret, those stored here.
      const locked =
        account.source === 'browser'
          ? !unlocked
          : (hasEncryptionKey(account.address) && !encryptionSecret(account.address)) ||
            (hasLendingSecret(account.address) && !lendingSecretWords(account.address));
      const balance = h('span', { class: 'balance', 'data-testid': 'balance' });
      // Kept up to date: a transfer or the faucet's shows as soon as it is in a block.
      void watchBalance(account.address, (free) => {
        balance.textContent = t('balance', { amount: formatLoan(free) });
      });
      return h(
        'li',
        { 'data-address': account.address, class: account.address === active ? 'active' : '' },
        h(
          'label',
          { class: 'choice' },
          h('input', {
            type: 'radio',
            name: 'active',
            checked: account.address === active,
            onchange: () => setActive(account.address),
          }),
          h('strong', {}, account.name || t('unnamed')),
          ' ',
          h('code', {}, account.address),
          ' ',
          copyButton(account.address),
        ),
        h(
          'span',
          { class: 'source' },
          t(account.source === 'browser' ? 'inBrowser' : 'inExtension'),
        ),
        balance,
        locked
          ? h(
              'form',
              {
                class: 'inline',
                onsubmit: async (event: Event) => {
                  event.preventDefault();
                  try {
                    await unlock(account.address, password.value);
                  } catch {
                    problem.textContent = t('wrongPassword');
                  }
                },
              },
              password,
              h('button', { type: 'submit' }, t('unlock')),
              problem,
            )
          : null,
        !locked &&
          (account.source === 'browser' ||
            encryptionSecret(account.address) ||
            lendingSecretWords(account.address))
          ? h('button', { onclick: () => lock(account.address) }, t('lock'))
          : null,
        account.source === 'browser'
          ? h(
              'button',
              {
                onclick: () =>
                  download(
                    `${account.address}.json`,
                    exportAccount(account.address),
                    'application/json',
                  ),
              },
              t('exportAccount'),
            )
          : null,
        account.source === 'browser'
          ? h(
              'button',
              {
                class: 'danger',
                onclick: () => {
                  if (confirm(t('confirmRemove'))) removeAccount(account.address);
                },
              },
              t('remove'),
            )
          : null,
      );
    }),
  );
}

function addAccountForm(): HTMLElement {
  const secret = mnemonicInput('mnemonic', 'generateMnemonic');
  const name = input('name');
  const password = input('password', { type: 'password', autocomplete: 'new-password' });
  const result = h('div');
  return h(
    'form',
    {
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const problem = secret.problem(password.value);
        if (problem) {
          result.replaceChildren(alert(t(problem)));
          return;
        }
        try {
          await addAccount(secret.words.value, name.value, password.value);
        } catch (error) {
          result.replaceChildren(alert(t('badMnemonic', { message: message(error) })));
        }
      },
    },
    field(t('mnemonic'), secret.words, t('mnemonicHint')),
    secret.generate,
    secret.backupSlot,
    field(t('accountName'), name),
    field(t('password'), password, t('passwordHint')),
    h('button', { type: 'submit' }, t('addAccount')),
    result,
  );
}

/**
 * Funds for deposits and fees. On a test chain (`--dev`, `--chain local`) a faucet sends
 * 100 LOAN from Alice's development account; on a real network, where to get LOAN.
 */
function fundsSection(address: string): HTMLElement {
  const status = txStatus();
  const slot = h('div', {}, note(t('loading')));
  void connect()
    .then((api) => api.rpc.system.chainType())
    .then((type) => {
      if (!type.isDevelopment && !type.isLocal) {
        slot.replaceChildren(note(t('fundsRealNetwork')));
        return;
      }
      slot.replaceChildren(
        note(t('faucetIntro')),
        h(
          'button',
          {
            'data-testid': 'faucet',
            onclick: async () => {
              try {
                const alice = await devFaucet();
                await send(
                  (api) => api.tx.balances.transferKeepAlive(address, FAUCET_AMOUNT),
                  alice,
                  status,
                );
              } catch {
                // The status line says why.
              }
            },
          },
          t('faucet', { amount: formatLoan(FAUCET_AMOUNT) }),
        ),
        status,
      );
    })
    .catch((error) => slot.replaceChildren(alert(message(error))));
  return slot;
}

/** What the faucet sends: enough for an identity's deposit and many transactions' fees. */
const FAUCET_AMOUNT = 100n * PLANCKS_PER_LOAN;

function extensionSection(): HTMLElement {
  const result = h('span');
  return h(
    'p',
    {},
    h(
      'button',
      {
        onclick: async () => {
          const found = await connectExtension().catch(() => false);
          result.textContent = found ? '' : t('noExtension');
        },
      },
      t('useExtension'),
    ),
    ' ',
    result,
  );
}

function encryptionKeySection(address: string): HTMLElement {
  const stored = hasEncryptionKey(address);
  const publicKey = encryptionPublicKey(address);
  const password = input('keyPassword', { type: 'password', autocomplete: 'current-password' });
  const file = h('input', { type: 'file', name: 'keyFile', accept: '.key,.txt,text/plain' });
  const result = h('div');
  const keep = async (secret: Uint8Array) => {
    try {
      storeEncryptionKey(address, secret, password.value);
    } catch {
      result.replaceChildren(alert(t('wrongPassword')));
    }
  };
  return h(
    'div',
    { 'data-testid': 'encryption-key' },
    publicKey
      ? h('p', {}, t('keyPublic'), ' ', h('code', { 'data-testid': 'public-key' }, hex(publicKey)))
      : note(t(stored ? 'keyLocked' : 'keyMissing')),
    field(t('password'), password, t('keyPasswordHint')),
    h(
      'button',
      {
        onclick: async () => {
          if (stored && !confirm(t('confirmReplaceKey'))) return;
          await keep(newEncryptionSecret());
        },
      },
      t('generateKey'),
    ),
    field(t('importKey'), file),
    h(
      'button',
      {
        onclick: async () => {
          const chosen = file.files?.[0];
          if (!chosen) return;
          try {
            await keep(parseKeyFile(await chosen.text()));
          } catch (error) {
            result.replaceChildren(alert(message(error)));
          }
        },
      },
      t('importKeyButton'),
    ),
    publicKey
      ? h(
          'button',
          {
            onclick: () => {
              const secret = encryptionSecret(address);
              if (secret) download('loanchain-x25519.key', formatKeyFile(secret));
            },
          },
          t('exportKey'),
        )
      : null,
    note(t('keyFileNote')),
    result,
  );
}

function transferForm(address: string): HTMLElement {
  const to = input('to');
  const amount = input('amount', { inputmode: 'decimal' });
  const status = txStatus();
  return h(
    'form',
    {
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          await send(
            (api) => api.tx.balances.transferKeepAlive(to.value.trim(), parseLoan(amount.value)),
            address,
            status,
          );
        } catch {
          // The status line says what went wrong.
        }
      },
    },
    field(t('recipient'), to),
    field(t('amountLoan'), amount),
    h('button', { type: 'submit' }, t('send')),
    status,
  );
}

export function accountPage(): HTMLElement {
  const address = activeAddress();
  return h(
    'main',
    {},
    h('h1', {}, t('accountTitle')),
    section(t('yourAccounts'), accountList(), extensionSection()),
    section(t('addAccountTitle'), note(t('addAccountIntro')), addAccountForm()),
    address ? section(t('encryptionKeyTitle'), encryptionKeySection(address)) : null,
    address ? section(t('fundsTitle'), fundsSection(address)) : null,
    address && canSign(address) ? section(t('sendTitle'), transferForm(address)) : null,
    section(t('noticesTitle'), noticesChoice()),
  );
}

/** Whether new notices also show as browser notifications (asked once of the browser). */
function noticesChoice(): HTMLElement {
  const box = h('input', { type: 'checkbox', name: 'notify' });
  box.checked = notificationsWanted();
  const why = h('span');
  box.addEventListener('change', async () => {
    box.checked = await setNotifications(box.checked);
    why.replaceChildren(
      box.checked || !('Notification' in window) || Notification.permission !== 'denied'
        ? ''
        : note(t('notificationsBlocked')),
    );
  });
  return h('label', { class: 'inline' }, box, t('notifyMe'), why);
}
