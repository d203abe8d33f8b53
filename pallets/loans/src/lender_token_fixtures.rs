//! A lender token for the benchmarks of private lenders, made by `blind-rsa-signatures`
//! under the test registrar key (RSA-2048, `primitives/crypto/vectors/test-registrar-2048.pem`)
//! for the per-loan key of [`LENDER_KEY_SEED`], epoch 0 and the genesis hash FRAME's
//! genesis gives a benchmark's chain (`[69; 32]`). The benchmarks check it, natively through
//! the node's host functions, in the case that takes longest (every check passes); a test
//! checks it is good (`private_tests`), and prints a new one if it must change.

use hex_literal::hex;
use loanchain_primitives::TokenRsaBlock;

/// What the benchmarks' keystore derives the per-loan key from (sr25519).
pub const LENDER_KEY_SEED: &str = "//LoanchainBenchLender";

/// The per-loan key the keystore derives from [`LENDER_KEY_SEED`].
pub const LENDER_KEY: [u8; 32] =
	hex!("c2d6f1fa8eec7d55bc376c1f48f4e1a14cb9435ce19becf935841e997e310370");
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
/// The token's randomizer (RFC 9474's `msg_randomizer`).
pub const RANDOMIZER: [u8; 32] =
	hex!("ab5c06d208756b03f24b6671125b204ae325001e114d0ef87394c1774be5b413");
/// The token: the registrar's signature over `RANDOMIZER ||
/// SCALE("loanchain/lender-token/v1", [69; 32], 0u32, LENDER_KEY)`.
pub const SIGNATURE: TokenRsaBlock = hex!(
	"0c9a674006d25f1532e915d885368b60f42b983c3b6f0fb32d0adecacd8edd74"
	"054224742247663471e64a89636f52bce5444e5561f65fc00c19d9afa8eb1277"
	"dcef6753e89b8878a06ea74813be6f0ab6086369f8708daea1e17462b52c9923"
	"147328cd3d897f53180c24ef6a116e77f088e8935b77ecb763eb8d11f6c2773a"
	"b57f17a7cb38769fdeec58c7ae716dbbf24f66c5bf9023fe4f2bbb4558a005b5"
	"0838c9262496fd9ec0b2823970540e0088bff528b9f421675354c345fa7c8e10"
	"487c37a8f7f64e2ec075edc9088e639a3e7cdd5632780f242ac4e2385d520659"
	"b1d4d1324a725ae3fe0611981fd7c31f3605d38a93e60996fe75f85abe6f6c4b"
);
