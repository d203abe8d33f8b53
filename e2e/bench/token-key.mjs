// A registrar's token key for the throughput benchmark: an RSA-2048 key pair, the secret
// half written to <pem> (PKCS #8, readable only by its owner), the modulus printed as hex for
// `loanchain-bench-state --token-key`.
//
//   node bench/token-key.mjs <pem>
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const [pemPath] = process.argv.slice(2);
if (!pemPath) {
  console.error('usage: node bench/token-key.mjs <pem>');
  process.exit(2);
}
const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicExponent: 65_537,
});
writeFileSync(pemPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
const modulus = Buffer.from(publicKey.export({ format: 'jwk' }).n, 'base64url');
if (modulus.length !== 256) throw new Error(`a ${modulus.length}-byte modulus`);
console.log(`0x${modulus.toString('hex')}`);
