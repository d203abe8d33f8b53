// The active account's identity: register (the ID number hashed here; only the hash is sent),
// see the claim's status, set a new encryption key.
import { h } from '../dom';
import { hex } from '../format';
import { t } from '../i18n';
import { send, txStatus } from '../tx';
import { canSign, encryptionPublicKey } from '../wallet';
import { alert, currentUser, field, loading, note, type User } from '../components/common';
import { idField, identityProblem, kindSelect } from '../components/identity-fields';
import { copyButton } from '../components/share';

const same = (a?: Uint8Array, b?: Uint8Array) => !!a && !!b && hex(a) === hex(b);

function statusView(user: User): HTMLElement {
  const identity = user.identity!;
  const local = encryptionPublicKey(user.account.address);
  return h(
    'dl',
    { 'data-testid': 'identity' },
    h('dt', {}, t('status')),
    h('dd', { 'data-status': identity.status }, t(`status${identity.status}`)),
    h('dt', {}, t('kind')),
    h('dd', {}, t(identity.kind === 'Person' ? 'kindPerson' : 'kindEnterprise')),
    h('dt', {}, t('idHash')),
    h(
      'dd',
      {},
      h('code', { 'data-testid': 'my-id' }, hex(identity.idHash)),
      ' ',
      copyButton(hex(identity.idHash)),
      note(t('myIdUse')),
    ),
    h('dt', {}, t('keyOnChain')),
    h('dd', {}, h('code', {}, hex(identity.encryptionKey))),
    local && !same(local, identity.encryptionKey) ? h('dd', {}, note(t('keyDiffers'))) : null,
  );
}

function registerForm(user: User, refresh: () => void): HTMLElement {
  const kind = kindSelect();
  const id = idField();
  const result = h('div');
  const status = txStatus();
  return h(
    'form',
    {
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const key = encryptionPublicKey(user.account.address);
        if (!key) {
          result.replaceChildren(alert(t('needKeyFirst')));
          return;
        }
        let hash: Uint8Array;
        try {
          hash = id.idHash();
        } catch (error) {
          result.replaceChildren(alert(identityProblem(error) ?? String(error)));
          return;
        }
        result.replaceChildren();
        try {
          await send(
            (api) => api.tx.creditIdentity.register(kind.value, hash, key),
            user.account.address,
            status,
          );
          refresh();
        } catch {
          // The status line says why.
        }
      },
    },
    note(t('registerIntro')),
    field(t('kind'), kind),
    id.node,
    h('button', { type: 'submit' }, t('register')),
    result,
    status,
  );
}

function setKeyButton(user: User, refresh: () => void): HTMLElement | null {
  const local = encryptionPublicKey(user.account.address);
  if (!local || same(local, user.identity?.encryptionKey)) return null;
  const status = txStatus();
  return h(
    'p',
    {},
    h(
      'button',
      {
        onclick: async () => {
          try {
            await send(
              (api) => api.tx.creditIdentity.setEncryptionKey(local),
              user.account.address,
              status,
            );
            refresh();
          } catch {
            // The status line says why.
          }
        },
      },
      t('setKey'),
    ),
    status,
  );
}

export function identityPage(): HTMLElement {
  const page = h('main', {}, h('h1', {}, t('identityTitle')));
  const render = () => {
    page.replaceChildren(
      h('h1', {}, t('identityTitle')),
      loading(async () => {
        const user = await currentUser();
        if (!user) return [note(t('needAccount'))];
        if (!canSign(user.account.address)) return [note(t('needUnlocked'))];
        const registered = user.identity && user.identity.status !== 'Rejected';
        return [
          user.identity ? statusView(user) : note(t('notRegistered')),
          registered ? setKeyButton(user, render) : registerForm(user, render),
        ].filter((node): node is HTMLElement => !!node);
      }, 'notRegistered'),
    );
  };
  render();
  return page;
}
