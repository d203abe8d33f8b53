// Signing a consent for `loans.record`: a company records a loan in one transaction with
// its customer's signature, so the customer needs no funds. The company's system hands the
// customer a consent request (docs/web.md); the app opens its terms with the customer's
// encryption key, and signs the consent hash (SPEC §3) as a wallet signs a message. A
// private lender's request (`loans.record_private`, made by `loanctl
// private-consent-request`) names the lender by its per-loan key only: the app reads who
// lends from the terms' signed statement, checks it, and signs the private consent hash.
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { connect } from '../chain';
import {
  consentHash,
  openEnvelope,
  privateConsentHash,
  type SealedDetails,
} from '../crypto/sealing';
import {
  SIGNATURE_VARIANT,
  isPrivateConsentRequest,
  parseConsentRequest,
  parsePrivateConsentRequest,
  type PrivateConsentRequest,
} from '../consent-request';
import { h } from '../dom';
import { hex } from '../format';
import { t } from '../i18n';
import { chainClock, estimatedTime, when } from '../dates';
import { checkLender } from '../lender-of';
import { ownerOf } from '../records';
import { openTerms } from '../terms';
import { signMessage } from '../wallet';
import { alert, field, message, note, type User } from './common';
import { termsView } from './terms-view';
import { shareable } from './share';

const detailsOf = (hexDetails: Record<keyof SealedDetails, string>) =>
  Object.fromEntries(
    Object.entries(hexDetails).map(([name, value]) => [name, hexToU8a(value)]),
  ) as unknown as SealedDetails;

/** The deadline as a date, or the refusal of a consent whose deadline has passed. */
async function deadlineNote(deadline: number): Promise<HTMLElement> {
  const clock = await chainClock();
  const date = when(estimatedTime(deadline, clock), clock.at);
  if (deadline < clock.block) throw new Error(t('consentExpired', { date }));
  return note(t('consentDeadline', { date }));
}

/** The button that signs `hash` (made when pressed) and shows the consent to hand back. */
function signButton(user: User, deadline: number, hash: () => Uint8Array): HTMLElement[] {
  const output = h('div');
  return [
    h(
      'button',
      {
        class: 'primary',
        onclick: async () => {
          try {
            const signature = await signMessage(user.account.address, hash());
            const consent = {
              deadline,
              signature: { [SIGNATURE_VARIANT[user.account.type]]: u8aToHex(signature) },
            };
            output.replaceChildren(shareable(JSON.stringify(consent), 'consent'));
          } catch (error) {
            output.replaceChildren(alert(message(error)));
          }
        },
      },
      t('signConsent'),
    ),
    note(t('consentGiveBack')),
    output,
  ];
}

/** What the customer reads and signs of a `loans.record` consent request. */
async function readRequest(text: string, user: User): Promise<Node[]> {
  const request = parseConsentRequest(text);
  const api = await connect();
  const genesis = api.genesisHash.toU8a();
  if (request.genesisHash && request.genesisHash !== hex(genesis)) {
    throw new Error(t('consentOtherChain'));
  }
  // The customer is the party who does not submit.
  const mine = request.submitter === 'Lender' ? request.borrowerId : request.lenderId;
  if (mine !== hex(user.identity!.idHash)) throw new Error(t('consentNotYours'));
  const details = detailsOf(request.details);
  const envelope =
    request.submitter === 'Lender' ? details.borrowerEnvelope : details.lenderEnvelope;
  const terms = openTerms(
    details,
    openEnvelope(envelope, user.secret!),
    hexToU8a(request.borrowerId),
  );
  const deadline = await deadlineNote(request.deadline);
  // Whom the customer signs for: the other party's id and the account that holds it now.
  const otherId = request.submitter === 'Lender' ? request.lenderId : request.borrowerId;
  const holder = await ownerOf(hexToU8a(otherId));
  return [
    h(
      'p',
      { 'data-testid': 'consent-party' },
      t(request.submitter === 'Lender' ? 'consentLender' : 'consentBorrower', {
        id: otherId,
        holder: holder ?? t('nobody'),
      }),
    ),
    termsView(terms),
    deadline,
    ...signButton(user, request.deadline, () =>
      consentHash(
        genesis,
        {
          lenderId: hexToU8a(request.lenderId),
          borrowerId: hexToU8a(request.borrowerId),
          proposerRole: request.submitter === 'Lender' ? 0 : 1,
          periodDays: request.periodDays,
          details,
        },
        request.deadline,
      ),
    ),
  ];
}

/**
 * What the borrower reads and signs of a private lender's consent request: the terms, and
 * who lends as the terms' statement proves it (signed for this per-loan key, borrower and
 * chain, by the account that holds that identity now) — or a refusal to sign.
 */
async function readPrivateRequest(request: PrivateConsentRequest, user: User): Promise<Node[]> {
  const api = await connect();
  const genesis = api.genesisHash.toU8a();
  if (request.genesisHash !== hex(genesis)) throw new Error(t('consentOtherChain'));
  if (request.borrowerId !== hex(user.identity!.idHash)) throw new Error(t('consentNotYours'));
  const details = detailsOf(request.details);
  const borrowerId = hexToU8a(request.borrowerId);
  const lenderKey = hexToU8a(request.lenderKey);
  const terms = openTerms(
    details,
    openEnvelope(details.borrowerEnvelope, user.secret!),
    borrowerId,
  );
  const verdict = await checkLender(
    { lenderKey, borrowerId, activatedAt: undefined },
    terms.lender,
  );
  if (verdict !== 'verified' || !terms.lender) throw new Error(t('consentLenderUnproven'));
  const deadline = await deadlineNote(request.deadline);
  return [
    h(
      'p',
      { 'data-testid': 'consent-party' },
      t('consentPrivateLender', {
        id: terms.lender.id,
        holder: terms.lender.account,
        key: request.lenderKey,
      }),
    ),
    termsView(terms),
    deadline,
    ...signButton(user, request.deadline, () =>
      privateConsentHash(genesis, lenderKey, borrowerId, details, request.deadline),
    ),
  ];
}

export function consentForm(user: User): HTMLElement {
  const text = h('textarea', { name: 'consentRequest', rows: '6', spellcheck: 'false' });
  const shown = h('div');
  const read = async (event: Event) => {
    event.preventDefault();
    shown.replaceChildren();
    try {
      shown.replaceChildren(
        ...(isPrivateConsentRequest(text.value)
          ? await readPrivateRequest(parsePrivateConsentRequest(text.value), user)
          : await readRequest(text.value, user)),
      );
    } catch (error) {
      shown.replaceChildren(alert(message(error)));
    }
  };
  return h(
    'form',
    { onsubmit: read, 'data-testid': 'consent-form' },
    note(t('consentIntro')),
    field(t('consentRequest'), text),
    h('button', { type: 'submit' }, t('readTerms')),
    shown,
  );
}
