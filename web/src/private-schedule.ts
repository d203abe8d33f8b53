// When a private lender's loan matures. The chain keeps no maturity for it (that would show
// the period): its parties' clients compute it from the sealed terms and the extension
// offers the borrower confirmed, as `loanctl open` does (docs/privacy.md). And when a lender
// buys its tokens: which token epoch's key.
import { hexToU8a } from '@polkadot/util';
import { connect } from './chain';
import { openExtension } from './crypto/sealing';
import type { LoanTerms } from './terms';

/**
 * An extension offer of the loan: its place in the loan's offers, its days (unknown if it
 * does not open), whether the borrower confirmed it, and its sealed bytes (what the
 * borrower's confirmation hashes).
 */
export interface OfferDays {
  index?: number;
  extraDays?: number;
  confirmed: boolean;
  nonce?: Uint8Array;
  ciphertext?: Uint8Array;
}

const DAY_MS = 86_400_000;

/**
 * The day the loan matures, `YYYY-MM-DD`: the terms' `start`, plus their `period_days`, plus
 * the days of every confirmed offer; undefined when `start` is not a date.
 */
export function maturesOn(terms: LoanTerms, offers: OfferDays[]): string | undefined {
  const start = Date.parse(`${terms.start}T00:00:00Z`);
  if (Number.isNaN(start)) return undefined;
  return new Date(start + daysSoFar(terms, offers) * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a loan maturing on `date` is due on `today` (UTC days), unless it is concluded. */
export const isDue = (date: string, concluded: boolean, today = new Date()) =>
  !concluded && today.toISOString().slice(0, 10) >= date;

/** An offer as `loans.sealedExtensions` keeps it (its JSON). */
type StoredOffer = {
  offer: { nonce: string; ciphertext: string };
  confirmedAt: number | null;
};

/** Loan `loanId`'s offers as the chain keeps them (`loans.sealedExtensions`), opened with `key`. */
export async function openedOffers(loanId: number, key: Uint8Array): Promise<OfferDays[]> {
  const api = await connect();
  const stored = (await api.query.loans.sealedExtensions(loanId)).toJSON() as StoredOffer[];
  return openStored(loanId, key, stored);
}

/**
 * The offers of each of `loanIds` (in one query for the lot), opened with the key `keyOf`
 * gives for that loan.
 */
export async function openedOffersOf(
  loanIds: number[],
  keyOf: (loanId: number) => Uint8Array,
): Promise<OfferDays[][]> {
  if (!loanIds.length) return [];
  const api = await connect();
  const stored = await api.query.loans.sealedExtensions.multi(loanIds);
  return stored.map((list, n) =>
    openStored(loanIds[n], keyOf(loanIds[n]), list.toJSON() as StoredOffer[]),
  );
}

function openStored(loanId: number, key: Uint8Array, stored: StoredOffer[]): OfferDays[] {
  return stored.map(({ offer, confirmedAt }, index) => {
    const nonce = hexToU8a(offer.nonce);
    const ciphertext = hexToU8a(offer.ciphertext);
    let extraDays: number | undefined;
    try {
      extraDays = openExtension(key, nonce, ciphertext, loanId, index);
    } catch {
      extraDays = undefined;
    }
    return { index, extraDays, confirmed: confirmedAt !== null, nonce, ciphertext };
  });
}

/**
 * How many of `loanIds` (private lenders' loans) have an extension offer waiting for the
 * borrower's answer: what the borrower's Loans tab counts. No key needed: whether the last
 * offer is confirmed is public, its days are not.
 */
export async function waitingOffers(loanIds: number[]): Promise<number> {
  if (!loanIds.length) return 0;
  const api = await connect();
  const stored = await api.query.loans.sealedExtensions.multi(loanIds);
  return stored.filter((list) =>
    openOffer(
      (list.toJSON() as StoredOffer[]).map(({ confirmedAt }) => ({
        confirmed: confirmedAt !== null,
      })),
    ),
  ).length;
}

/** The offer the borrower has not answered yet: the last one, if it is not confirmed. */
export const openOffer = (offers: OfferDays[]) => {
  const last = offers.at(-1);
  return last && !last.confirmed ? last : undefined;
};

/** The loan's days so far: the terms' period and every confirmed offer's days. */
export const daysSoFar = (terms: LoanTerms, offers: OfferDays[]) =>
  offers
    .filter((offer) => offer.confirmed)
    .reduce((sum, offer) => sum + (offer.extraDays ?? 0), terms.period_days);

/**
 * Which of a registrar's token keys to buy from at block `block` (`perDay` blocks a token
 * epoch), given the epochs it has keys of: this epoch's, whose tokens are good at once —
 * unless the epoch is nearly over (fewer than half a day's blocks or 10 left, whichever is
 * less), when the registrar's answer could come after it ended; then the next epoch's.
 * `loanctl lender-tokens` chooses the same way.
 */
export function epochToBuy(block: number, perDay: number, epochs: number[]): number | undefined {
  const epoch = Math.floor(block / perDay);
  const left = perDay - (block % perDay);
  const late = left < Math.min(Math.ceil(perDay / 2), 10);
  const order = late ? [epoch + 1, epoch] : [epoch, epoch + 1];
  return order.find((e) => epochs.includes(e));
}
