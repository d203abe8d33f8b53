// The X25519 key file of `loanctl keygen`, so that a person can move a key between the web
// app and loanctl: the secret key as 0x-prefixed hex on one line.
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export const formatKeyFile = (secret: Uint8Array) => `0x${bytesToHex(secret)}\n`;

/** The secret key in a key file's text; throws on anything but 32 bytes of hex. */
export function parseKeyFile(text: string): Uint8Array {
  const hex = text.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('a key file holds 32 bytes of hex');
  return hexToBytes(hex.toLowerCase());
}
