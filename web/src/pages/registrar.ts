// The registrar's page: the id of the document in the registrar's hands, computed with the
// registrars' evaluation services (SPEC §2: nobody computes an id alone), to give to the
// person who registers with it; and the pending claims, each compared with the id of the
// document its claimant shows, then verified or rejected.
import { type Kind } from '../crypto/identity';
import { h } from '../dom';
import { connect } from '../chain';
import { formatLoan, hex, short } from '../format';
import { t } from '../i18n';
import { registrarIdHash, registrarNodes } from '../kyc';
import { isRegistrar, pendingClaims, type IdentityRecord } from '../records';
import { send, txStatus } from '../tx';
import { activeAddress, canSign } from '../wallet';
import { field, input, loading, note, section } from '../components/common';
import { confirmAct } from '../components/confirm';
import { identityProblem, numberFields } from '../components/identity-fields';
import { copyButton, qrCode } from '../components/share';

/** Where the other registrars' nodes are typed, kept in this browser. */
const NODES_KEY = 'loanchain.registrarNodes';

function nodesField() {
  const nodes = input('registrarNodes', {
    value: localStorage.getItem(NODES_KEY) ?? '',
    placeholder: 'ws://…',
  });
  nodes.addEventListener('change', () => localStorage.setItem(NODES_KEY, nodes.value));
  return { nodes, urls: () => registrarNodes(nodes.value) };
}

/** A person's or company's id from the document shown, to hand to them for registering. */
function kycForm(registrar: string, urls: () => string[]): HTMLElement {
  const fields = numberFields();
  const shown = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('computeId'));
  return h(
    'form',
    {
      'data-testid': 'kyc-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        submit.disabled = true;
        shown.replaceChildren(note(t('hashing')));
        try {
          const id = await registrarIdHash(
            fields.kindValue(),
            fields.number.value,
            registrar,
            urls(),
          );
          shown.replaceChildren(
            h(
              'p',
              { class: 'hash' },
              `${t('idIs')}: `,
              h('code', { 'data-testid': 'kyc-id' }, hex(id)),
              ' ',
              copyButton(hex(id)),
            ),
            qrCode(hex(id)),
            note(t('giveIdToPerson')),
          );
        } catch (error) {
          shown.replaceChildren(
            h('p', { class: 'error', role: 'alert' }, identityProblem(error) ?? String(error)),
          );
        } finally {
          submit.disabled = false;
        }
      },
    },
    ...fields.nodes,
    submit,
    shown,
  );
}

/**
 * A pending claim: the claimant's account, the kind and id claimed, the document check and
 * the registrar's answer. `rivals` is how many pending claims name the same id (one is this).
 */
function claimRow(
  registrar: string,
  claim: IdentityRecord & { account: string },
  rivals: number,
  urls: () => string[],
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
    { 'data-account': claim.account, class: rivals > 1 ? 'due' : '' },
    h('td', {}, h('code', {}, claim.account)),
    h('td', {}, t(claim.kind === 'Person' ? 'kindPerson' : 'kindEnterprise')),
    h(
      'td',
      {},
      h('code', {}, hex(claim.idHash)),
      // Two accounts claim one id: the registrar verifies the one whose holder showed the
      // document, by the account, and rejects the other.
      rivals > 1
        ? h(
            'p',
            { class: 'prompt', 'data-testid': 'rival-claims' },
            t('rivalClaims', { count: rivals }),
          )
        : null,
    ),
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
              const hash = await registrarIdHash(
                claim.kind as Kind,
                number.value,
                registrar,
                urls(),
              );
              matched = hex(hash) === hex(claim.idHash);
              check.textContent = t(matched ? 'claimMatches' : 'claimDiffers');
              check.dataset.match = String(matched);
            } catch (error) {
              matched = false;
              check.textContent = identityProblem(error) ?? String(error);
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
  const nodes = nodesField();
  const render = () => {
    page.replaceChildren(
      h('h1', {}, t('registrarTitle')),
      note(t('registrarIntro')),
      loading(async () => {
        const registrar = activeAddress();
        if (!registrar || !canSign(registrar)) return [note(t('needUnlocked'))];
        if (!(await isRegistrar(registrar))) return [note(t('notARegistrar'))];
        const claims = await pendingClaims();
        const tools = [
          field(t('registrarNodes'), nodes.nodes, t('registrarNodesHint')),
          section(t('kycTitle'), kycForm(registrar, nodes.urls)),
        ];
        if (!claims.length) return [...tools, note(t('noClaims'))];
        return [
          ...tools,
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
            h(
              'tbody',
              {},
              ...claims.map((claim) =>
                claimRow(
                  registrar,
                  claim,
                  claims.filter((other) => hex(other.idHash) === hex(claim.idHash)).length,
                  nodes.urls,
                  render,
                ),
              ),
            ),
          ),
        ];
      }, 'noClaims'),
    );
  };
  render();
  return page;
}
