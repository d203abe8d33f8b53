// The registrar's page: pending claims; the number from the document the person showed is
// hashed here and compared with the claim, then verified or rejected.
import { idHash, type Kind } from '../crypto/identity';
import { h } from '../dom';
import { connect } from '../chain';
import { formatLoan, hex, short } from '../format';
import { t } from '../i18n';
import { isRegistrar, pendingClaims, type IdentityRecord } from '../records';
import { send, txStatus } from '../tx';
import { activeAddress, canSign } from '../wallet';
import { input, loading, note } from '../components/common';
import { confirmAct } from '../components/confirm';
import { invalidNumber } from '../components/identity-fields';

function claimRow(
  registrar: string,
  claim: IdentityRecord & { account: string },
  refresh: () => void,
): HTMLElement {
  const number = input('documentNumber', { placeholder: t('documentNumber') });
  const check = h('span', { class: 'check' });
  const status = txStatus();
  const verify = h('button', { disabled: true }, t('verify'));
  let matched = false;
  const submit = async (call: 'verify' | 'reject') => {
    if (call === 'reject') {
      const api = await connect();
      const deposit = BigInt(api.consts.creditIdentity.identityDeposit.toString());
      const penalty =
        (deposit * BigInt(api.consts.creditIdentity.rejectionPenalty.toString())) / 1_000_000_000n;
      const confirmed = await confirmAct(
        t('confirmRejectTitle', { account: short(claim.account) }),
        [t('confirmReject', { penalty: formatLoan(penalty) })],
        t('reject'),
      );
      if (!confirmed) return;
    }
    try {
      await send(
        (api) =>
          call === 'verify'
            ? api.tx.creditIdentity.verify(claim.account, claim.idHash, claim.kind)
            : api.tx.creditIdentity.reject(claim.account),
        registrar,
        status,
      );
      refresh();
    } catch {
      // The status line says why.
    }
  };
  verify.addEventListener('click', () => matched && void submit('verify'));
  return h(
    'tr',
    { 'data-account': claim.account },
    h('td', {}, h('code', {}, claim.account)),
    h('td', {}, t(claim.kind === 'Person' ? 'kindPerson' : 'kindEnterprise')),
    h('td', {}, h('code', {}, hex(claim.idHash))),
    h(
      'td',
      {},
      h(
        'form',
        {
          class: 'inline',
          onsubmit: async (event: Event) => {
            event.preventDefault();
            check.textContent = t('hashing');
            try {
              const hash = await idHash(claim.kind as Kind, number.value);
              matched = hex(hash) === hex(claim.idHash);
              check.textContent = t(matched ? 'claimMatches' : 'claimDiffers');
              check.dataset.match = String(matched);
            } catch (error) {
              matched = false;
              check.textContent = invalidNumber(error) ?? String(error);
            }
            verify.disabled = !matched;
          },
        },
        number,
        h('button', { type: 'submit' }, t('check')),
      ),
      check,
    ),
    h(
      'td',
      {},
      verify,
      h('button', { class: 'danger', onclick: () => void submit('reject') }, t('reject')),
      status,
    ),
  );
}

export function registrarPage(): HTMLElement {
  const page = h('main', {});
  const render = () => {
    page.replaceChildren(
      h('h1', {}, t('registrarTitle')),
      note(t('registrarIntro')),
      loading(async () => {
        const registrar = activeAddress();
        if (!registrar || !canSign(registrar)) return [note(t('needUnlocked'))];
        if (!(await isRegistrar(registrar))) return [note(t('notARegistrar'))];
        const claims = await pendingClaims();
        if (!claims.length) return [];
        return [
          h(
            'table',
            { 'data-testid': 'claims' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, t('account')),
                h('th', {}, t('kind')),
                h('th', {}, t('idHash')),
                h('th', {}, t('documentNumber')),
                h('th', {}, ''),
              ),
            ),
            h('tbody', {}, ...claims.map((claim) => claimRow(registrar, claim, render))),
          ),
        ];
      }, 'noClaims'),
    );
  };
  render();
  return page;
}
