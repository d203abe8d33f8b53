// A borrower's consent to be looked up once (`loans.inquire`, SPEC §3): the borrower signs
// the inquiry hash for one inquirer, purpose and deadline, as a wallet signs a message, and
// gives the inquirer the consent as text. The inquirer submits it and the inquiry enters the
// borrower's inquiry log.
import { isHex, u8aToHex } from '@polkadot/util';
import { connect } from '../chain';
import { SIGNATURE_VARIANT } from '../consent-request';
import { INQUIRY_PURPOSES, inquiryHash, type InquiryPurpose } from '../crypto/sealing';
import { chainClock, estimatedTime, when } from '../dates';
import { h } from '../dom';
import { hex } from '../format';
import { t, type Key } from '../i18n';
import { blocksPerDay, ownerOf } from '../records';
import { signMessage } from '../wallet';
import { alert, field, input, message, note, select, type User } from './common';
import { identityProblem, parseIdHash } from './identity-fields';
import { shareable } from './share';

/** The label of a purpose, as the runtime names it (`LoanApplication`) or as hashed. */
export const purposeLabel = (purpose: string) =>
  t(`purpose${purpose[0].toUpperCase()}${purpose.slice(1)}` as Key);

/** What an inquirer pastes: the consent exactly as `loans.inquire` takes it. */
export interface InquiryConsent {
  borrowerId: string;
  purpose: InquiryPurpose;
  deadline: number;
  signature: Record<string, string>;
}

/** A consent pasted by an inquirer, checked field by field; names the first wrong field. */
export function parseInquiryConsent(text: string): InquiryConsent {
  let consent: InquiryConsent;
  try {
    consent = JSON.parse(text) as InquiryConsent;
  } catch {
    throw new Error(t('inquiryConsentNotJson'));
  }
  const wrong = (name: string) => new Error(t('inquiryConsentField', { field: name }));
  if (typeof consent !== 'object' || consent === null) throw wrong('borrowerId');
  if (!isHex(consent.borrowerId, 256)) throw wrong('borrowerId');
  if (!INQUIRY_PURPOSES.includes(consent.purpose)) throw wrong('purpose');
  if (!Number.isInteger(consent.deadline) || consent.deadline < 0) throw wrong('deadline');
  const signatures = Object.entries(consent.signature ?? {});
  if (
    signatures.length !== 1 ||
    !(Object.values(SIGNATURE_VARIANT) as string[]).includes(signatures[0][0]) ||
    !isHex(signatures[0][1])
  )
    throw wrong('signature');
  return consent;
}

/** The borrower's form: whom to let look, and why; signs and shows the consent. */
export function inquiryConsentForm(user: User): HTMLElement {
  const inquirer = input('inquirerId', { placeholder: '0x…', required: true });
  const purpose = select(
    'purpose',
    INQUIRY_PURPOSES.map((p) => [p, `purpose${p[0].toUpperCase()}${p.slice(1)}` as Key]),
  );
  const shown = h('div');
  const sign = async (event: Event) => {
    event.preventDefault();
    shown.replaceChildren();
    try {
      const inquirerId = parseIdHash(inquirer.value);
      const myId = user.identity!.idHash;
      if (hex(inquirerId) === hex(myId)) throw new Error(t('inquirerIsYou'));
      // Who holds that identity now: the borrower sees whom they let look.
      const holder = await ownerOf(inquirerId);
      if (!holder) throw new Error(t('inquirerUnknown'));
      const api = await connect();
      const [clock, perDay] = await Promise.all([chainClock(), blocksPerDay()]);
      // One chain day: within the chain's limit (`MaxConsentDays`), long enough to hand over.
      const deadline = clock.block + perDay;
      const chosen = purpose.value as InquiryPurpose;
      const hash = inquiryHash(api.genesisHash.toU8a(), inquirerId, myId, chosen, deadline);
      const signature = await signMessage(user.account.address, hash);
      const consent: InquiryConsent = {
        borrowerId: hex(myId),
        purpose: chosen,
        deadline,
        signature: { [SIGNATURE_VARIANT[user.account.type]]: u8aToHex(signature) },
      };
      shown.replaceChildren(
        note(
          t('inquiryConsentSigned', {
            inquirer: hex(inquirerId),
            holder,
            purpose: purposeLabel(chosen),
            date: when(estimatedTime(deadline, clock), clock.at),
          }),
        ),
        // Compact JSON: the QR code stays small enough for any phone's camera.
        shareable(JSON.stringify(consent), 'inquiry-consent'),
      );
    } catch (error) {
      shown.replaceChildren(alert(identityProblem(error) ?? message(error)));
    }
  };
  return h(
    'form',
    { onsubmit: sign, 'data-testid': 'inquiry-consent-form' },
    note(t('inquiryConsentIntro')),
    field(t('inquirerId'), inquirer),
    field(t('purpose'), purpose),
    h('button', { type: 'submit', class: 'primary' }, t('signInquiryConsent')),
    shown,
  );
}
