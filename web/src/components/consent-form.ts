// Signing a consent for `loans.record`: a company records a loan in one transaction with
// its customer's signature, so the customer needs no funds. The company's system hands the
// customer a consent request (docs/web.md); the app opens its terms with the customer's
// encryption key, and signs the consent hash (SPEC §3) as a wallet signs a message.
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { connect } from '../chain';
import { consentHash, openEnvelope, type SealedDetails } from '../crypto/sealing';
import { SIGNATURE_VARIANT, parseConsentRequest } from '../consent-request';
import { h } from '../dom';
import { hex } from '../format';
import { t } from '../i18n';
import { chainClock, estimatedTime, when } from '../dates';
import { ownerOf } from '../records';
import { openTerms } from '../terms';
import { signMessage } from '../wallet';
import { alert, field, message, note, type User } from './common';
import { termsView } from './terms-view';
import { shareable } from './share';

export function consentForm(user: User): HTMLElement {
  const text = h('textarea', { name: 'consentRequest', rows: '6', spellcheck: 'false' });
  const shown = h('div');
  const read = async (event: Event) => {
    event.preventDefault();
    shown.replaceChildren();
    try {
      const request = parseConsentRequest(text.value);
      const api = await connect();
      const genesis = api.genesisHash.toU8a();
      if (request.genesisHash && request.genesisHash !== hex(genesis)) {
        throw new Error(t('consentOtherChain'));
      }
      // The customer is the party who does not submit.
      const mine = request.submitter === 'Lender' ? request.borrowerId : request.lenderId;
      if (mine !== hex(user.identity!.idHash)) throw new Error(t('consentNotYours'));
      const details = Object.fromEntries(
        Object.entries(request.details).map(([name, value]) => [name, hexToU8a(value)]),
      ) as unknown as SealedDetails;
      const envelope =
        request.submitter === 'Lender' ? details.borrowerEnvelope : details.lenderEnvelope;
      const terms = openTerms(
        details,
        openEnvelope(envelope, user.secret!),
        hexToU8a(request.borrowerId),
      );
      const clock = await chainClock();
      const deadline = when(estimatedTime(request.deadline, clock), clock.at);
      if (request.deadline < clock.block) throw new Error(t('consentExpired', { date: deadline }));
      const output = h('div');
      // Whom the customer signs for: the other party's id and the account that holds it now.
      const otherId = request.submitter === 'Lender' ? request.lenderId : request.borrowerId;
      const holder = await ownerOf(hexToU8a(otherId));
      shown.replaceChildren(
        h(
          'p',
          { 'data-testid': 'consent-party' },
          t(request.submitter === 'Lender' ? 'consentLender' : 'consentBorrower', {
            id: otherId,
            holder: holder ?? t('nobody'),
          }),
        ),
        termsView(terms),
        note(t('consentDeadline', { date: deadline })),
        h(
          'button',
          {
            class: 'primary',
            onclick: async () => {
              try {
                const hash = consentHash(
                  genesis,
                  {
                    lenderId: hexToU8a(request.lenderId),
                    borrowerId: hexToU8a(request.borrowerId),
                    proposerRole: request.submitter === 'Lender' ? 0 : 1,
                    periodDays: request.periodDays,
                    details,
                  },
                  request.deadline,
                );
                const signature = await signMessage(user.account.address, hash);
                const consent = {
                  deadline: request.deadline,
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
