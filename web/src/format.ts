// How amounts, hashes and block times are shown.
import { bytesToHex } from '@noble/hashes/utils.js';

export const PLANCKS_PER_LOAN = 10n ** 12n;

/** Plancks as LOAN, with as many decimals as needed ("5", "0.25"). */
export function formatLoan(plancks: bigint): string {
  const whole = plancks / PLANCKS_PER_LOAN;
  const fraction = (plancks % PLANCKS_PER_LOAN).toString().padStart(12, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/** LOAN as typed ("5", "0.25") in plancks; throws on anything else. */
export function parseLoan(text: string): bigint {
  const match = /^\s*(\d+)(?:\.(\d{1,12}))?\s*$/.exec(text);
  if (!match) throw new Error(`not an amount of LOAN: "${text}"`);
  return BigInt(match[1]) * PLANCKS_PER_LOAN + BigInt((match[2] ?? '').padEnd(12, '0'));
}

export const hex = (bytes: Uint8Array) => `0x${bytesToHex(bytes)}`;

/** The first and last characters of a long hex string or address. */
export const short = (text: string) =>
  text.length > 16 ? `${text.slice(0, 8)}…${text.slice(-6)}` : text;
