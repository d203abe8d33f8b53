//! One good issuance and one good token under the test registrar key (RSA-2048, from
//! `primitives/crypto/vectors/test-registrar-2048.pem`), made by `blind-rsa-signatures`:
//! what the benchmarks check, natively through the node's host functions, in the worst
//! case they can be made to (every check passes). A test checks they are what they say.

use hex_literal::hex;
use loanchain_primitives::TokenRsaBlock;

/// The test registrar's modulus (exponent 65 537).
pub const MODULUS: TokenRsaBlock = hex!(
	"8c075786e61be12b1addea1d65153c01cc08345c310b28ff4af0c360a4ca407b"
	"0af77f7ffe4ebda93182eb83b8dc874031088d97cd95ce001e4aa39468fccbba"
	"a0ce45fa922858e8d518e0965bf901a60ef7918877344129f0553297c9af57ef"
	"9ac487e6b9eb5f5b5690213c7497e7e3b6b70603c3aa32bdefcf05d4901ff0a1"
	"ff15727de87fa8054621e8749479615b4bf553b09e197cb20dbd73b9efe3a37d"
	"bea27258acaf27b5ef2738adbeef27aad312742f2278d32b111479f2e9752f96"
	"3280b6ccc3d556e39d7d88a5fb815c953c83de7a5401717fdf72ec07229e19a3"
	"3a6629fa1b1c5a133a510eb668593d4d34c9f5b9cb6c932fa4b638c109bc2737"
);
/// A blinded token.
pub const BLINDED: TokenRsaBlock = hex!(
	"37f2f7bb4fad0e1381af25271463bf157f5eccb165b3060f97c75f14fe755e31"
	"c726debaa7b95bdb5e69aad204143a2e16a937b69433b35087a705569e0a7109"
	"f34a5639bb605b2866f48654fd08cda10e099c6104681197ca373f1ff755eb9e"
	"693640018362e211678ac6d1b152b987baa43b4266e516b01975a59c83769bef"
	"f0ae3283ebca4b5d35e403c9ec19ecd5bb745cc3d6f73372200f977e65f2c0db"
	"e0b9bf7f9dff0889fcfece3a16ebc9ae792bb0ee21c9c92bf358fc7db2bb6b69"
	"75933a05c21141e99c1d09bedb987d37ba643aee184808cbad1c4f686e170ef7"
	"f43f92a7106d0fd7a4b0aac52667d2b7cc963a4c377b2dcfde6cfeca7928b412"
);
/// The registrar's blind signature of [`BLINDED`].
pub const BLIND_SIGNATURE: TokenRsaBlock = hex!(
	"3fde918bdeeed0c72d1ce67cac62a29d8042e0ac121a07b734d328e1467a1b40"
	"7f94dfe8287d5d1a98fa208c538ea242dd2d6218f7af61c48df83d4bf618b064"
	"450b47f38f4e76b179c019da8735097dc7d2f6a4d9e1e5a4ab1eb79a9602f422"
	"80d745d13a5be435f94f7698cc02c046525b657796674c479d8955c1e3e7f83e"
	"65fdb100fbfb900138c00b7067c96e33dcf871ae27366abc5abcfb9514aa213d"
	"5a7daadf3930d36757f1999e762ce9d59b37a3298bf95c593cbc45d0a42cfcbc"
	"4d077ab560b7e5d53a1a0e56d41dbb98610b07267f68c19843a06077d3e1f590"
	"cbab63eeb4bda274bda31af92bff27e6cfe3539a967c076030dd45f57d29d260"
);
/// A token's message (as long as the loans pallet's: 94 bytes).
pub const MESSAGE: [u8; 94] = [7; 94];
/// The token's randomizer.
pub const RANDOMIZER: [u8; 32] =
	hex!("9c59d1a2067b6ed3fbc8f7499a78393194ff22a17acde42340a487dd5f6feb41");
/// The token's signature, over `RANDOMIZER || MESSAGE`.
pub const SIGNATURE: TokenRsaBlock = hex!(
	"12a9a68b9251d37b7bd79697d4ffa87c360dfa5132ce9c9ab1403ed61d927f37"
	"95c995dcd78a75e3ab9344d957b6b15da3cba49c533e754bebf8bd7150f1f0b2"
	"f2ab661f32faac7e340391eafa73cf222293c0d130d9c5de06f2e466487c19c7"
	"4809146526ede70ac9bef9494021503c68b4a1be9b48a312d51dd2dc72140249"
	"0b215f9614ea18d8838d37b995839cf897bc0e471bcc8e369d35a77632ebf9df"
	"b569c4762e2f035d79d90c686e7adafba3806ceede4d0c79bb4e9829c713bfa9"
	"cc2bda2e336b8b4447a7d49511c4f59a2d8c2f1aa39e94d13934e7da8778a362"
	"4f6427fd214d5ed5c52c65b9c37d23b39086e9745bdf7dcf393ff16ea49c839a"
);
