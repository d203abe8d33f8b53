//! Checking a counterparty's signature on a consent (see [`crate::Pallet::record`]).
//!
//! Wallets do not sign arbitrary bytes: the polkadot.js extension and the wallets that follow
//! it sign `<Bytes>` ++ message ++ `</Bytes>` when a dapp asks them to `signRaw`, so that a
//! raw signature can never be a valid transaction. Keys used directly (polkadot.js apps'
//! "Sign message" without an extension, `subkey`, `loanctl consent`) sign the message as it
//! is. A consent is accepted in either form.

use sp_runtime::traits::{IdentifyAccount, Verify};

/// What wallets put before the message they sign with `signRaw`.
pub const WRAP_PREFIX: &[u8] = b"<Bytes>";
/// What wallets put after it.
pub const WRAP_SUFFIX: &[u8] = b"</Bytes>";

/// `message` wrapped as wallets' `signRaw` wraps it.
pub fn wrapped(message: &[u8]) -> alloc::vec::Vec<u8> {
	[WRAP_PREFIX, message, WRAP_SUFFIX].concat()
}

/// The form a consent was signed in. It decides what checking it cost: the raw form is
/// checked first, so a wrapped signature costs two checks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Form {
	/// The message as it is.
	Raw,
	/// The message wrapped as wallets' `signRaw` wraps it.
	Wrapped,
}

/// The form in which `signature` is `signer`'s signature over `message`, if it is.
pub fn signed_by<S>(
	signature: &S,
	message: &[u8],
	signer: &<S::Signer as IdentifyAccount>::AccountId,
) -> Option<Form>
where
	S: Verify,
	S::Signer: IdentifyAccount,
{
	if signature.verify(message, signer) {
		Some(Form::Raw)
	} else if signature.verify(&wrapped(message)[..], signer) {
		Some(Form::Wrapped)
	} else {
		None
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::{ecdsa, ed25519, sr25519, Pair};
	use sp_runtime::{AccountId32, MultiSignature, MultiSigner};

	const MESSAGE: [u8; 32] = [7; 32];

	fn account<P: Pair>(pair: &P) -> AccountId32
	where
		MultiSigner: From<P::Public>,
	{
		MultiSigner::from(pair.public()).into_account()
	}

	/// Every scheme wallets use, over the raw message and over the wrapped one, is
	/// accepted for its own account and refused for another account and another message.
	fn check<P: Pair>(seed: &str)
	where
		MultiSigner: From<P::Public>,
		MultiSignature: From<P::Signature>,
	{
		let pair = P::from_string(seed, None).unwrap();
		let other = P::from_string("//Stranger", None).unwrap();
		for (signed, form) in [(MESSAGE.to_vec(), Form::Raw), (wrapped(&MESSAGE), Form::Wrapped)] {
			let signature = MultiSignature::from(pair.sign(&signed));
			assert_eq!(signed_by(&signature, &MESSAGE, &account(&pair)), Some(form));
			assert_eq!(signed_by(&signature, &MESSAGE, &account(&other)), None);
			assert_eq!(signed_by(&signature, &[8; 32], &account(&pair)), None);
		}
		// A signature over something else than the message or its wrapping is refused.
		let signature = MultiSignature::from(pair.sign(&[WRAP_PREFIX, &MESSAGE[..]].concat()));
		assert_eq!(signed_by(&signature, &MESSAGE, &account(&pair)), None);
	}

	#[test]
	fn sr25519_raw_and_wrapped() {
		sp_io::TestExternalities::default().execute_with(|| check::<sr25519::Pair>("//Alice"));
	}

	#[test]
	fn ed25519_raw_and_wrapped() {
		sp_io::TestExternalities::default().execute_with(|| check::<ed25519::Pair>("//Alice"));
	}

	#[test]
	fn ecdsa_raw_and_wrapped() {
		sp_io::TestExternalities::default().execute_with(|| check::<ecdsa::Pair>("//Alice"));
	}
}
