// When a private lender's loan matures. The chain keeps no maturity for it (that would show
// the period): its parties' clients compute it from the sealed terms and the extension
// offers the borrower confirmed, as `loanctl open` does (docs/privacy.md).
import { hexToU8a } from '@polkadot/util';
import { connect } from './chain';
import { openExtension } from './crypto/sealing';
import type { LoanTerms } from './terms';

/** An extension offer of the loan: its days (unknown if it does not open) and whether confirmed. */
export interface OfferDays {
  extraDays?: number;
  confirmed: boolean;
}

const DAY_MS = 86_400_000;

/**
 * The day the loan matures, `YYYY-MM-DD`: the terms' `start`, plus their `period_days`, plus
 * the days of every confirmed offer; undefined when `start` is not a date.
 */
export function maturesOn(terms: LoanTerms, offers: OfferDays[]): string | undefined {
  const start = Date.parse(`${terms.start}T00:00:00Z`);
  if (Number.isNaN(start)) return undefined;
  const days = offers
    .filter((offer) => offer.confirmed)
    .reduce((sum, offer) => sum + (offer.extraDays ?? 0), terms.period_days);
  return new Date(start + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a loan maturing on `date` is due on `today` (UTC days), unless it is concluded. */
export const isDue = (date: string, concluded: boolean, today = new Date()) =>
  !concluded && today.toISOString().slice(0, 10) >= date;

/** Loan `loanId`'s offers as the chain keeps them (`loans.sealedExtensions`), opened with `key`. */
export async function openedOffers(loanId: number, key: Uint8Array): Promise<OfferDays[]> {
  const api = await connect();
  const stored = (await api.query.loans.sealedExtensions(loanId)).toJSON() as {
    offer: { nonce: string; ciphertext: string };
    confirmedAt: number | null;
  }[];
  return stored.map(({ offer, confirmedAt }, index) => {
    let extraDays: number | undefined;
    try {
      extraDays = openExtension(
        key,
        hexToU8a(offer.nonce),
        hexToU8a(offer.ciphertext),
        loanId,
        index,
      );
    } catch {
      extraDays = undefined;
    }
    return { extraDays, confirmed: confirmedAt !== null };
  });
}
