//! The sealing format against the reference vectors and against misuse.

use super::*;

const VECTORS: &str = include_str!("../../../docs/sealing-vectors.json");

fn bytes(value: &serde_json::Value) -> Vec<u8> {
	hex::decode(value.as_str().unwrap().trim_start_matches("0x")).unwrap()
}

fn array<const N: usize>(value: &serde_json::Value) -> [u8; N] {
	bytes(value).try_into().unwrap()
}

fn vectors() -> Vec<serde_json::Value> {
	let file: serde_json::Value = serde_json::from_str(VECTORS).unwrap();
	file["vectors"].as_array().unwrap().clone()
}

#[test]
fn reproduces_every_reference_vector_byte_for_byte() {
	let all = vectors();
	assert!(all.len() >= 3);
	for v in all {
		let key: ContentKey = array(&v["content_key"]);
		let borrower = array(&v["borrower_id_hash"]);
		let nonce = array(&v["details_nonce"]);
		let plaintext = bytes(&v["details_plaintext"]);
		let ciphertext = bytes(&v["details_ciphertext"]);
		assert_eq!(seal_details(&key, &nonce, &plaintext, &borrower), ciphertext, "{}", v["name"]);
		assert_eq!(open_details(&key, &nonce, &ciphertext, &borrower).unwrap(), plaintext);
		let commitment: KeyCommitment = array(&v["key_commitment"]);
		assert_eq!(key_commitment(&key), commitment, "{}", v["name"]);
		assert!(key_opens_details(&key, &commitment, &nonce, &ciphertext, &borrower));

		let envelope: Envelope = array(&v["envelope"]);
		let lender_id = array(&v["lender_id_hash"]);
		let terms = Terms {
			lender_id: &lender_id,
			borrower_id: &borrower,
			proposer_role: v["proposer_role"].as_u64().unwrap() as u8,
			period_days: v["period_days"].as_u64().unwrap() as u32,
			nonce: &nonce,
			ciphertext: &ciphertext,
			key_commitment: &commitment,
			lender_envelope: &envelope,
			borrower_envelope: &envelope,
		};
		let genesis_hash = bytes(&v["genesis_hash"]);
		let proposal = Proposal {
			genesis_hash: &genesis_hash,
			loan_id: v["loan_id"].as_u64().unwrap(),
			terms,
		};
		let expected: [u8; 32] = array(&v["proposal_hash"]);
		assert_eq!(proposal_hash(&proposal), expected, "{}", v["name"]);
		let consent = Consent {
			genesis_hash: &genesis_hash,
			terms,
			deadline: v["consent_deadline"].as_u64().unwrap() as u32,
		};
		let expected: [u8; 32] = array(&v["consent_hash"]);
		assert_eq!(consent_hash(&consent), expected, "{}", v["name"]);
		let inquiry = Inquiry {
			genesis_hash: &genesis_hash,
			inquirer_id: &lender_id,
			borrower_id: &borrower,
			purpose: v["inquiry_purpose"].as_u64().unwrap() as u8,
			deadline: v["inquiry_deadline"].as_u64().unwrap() as u32,
		};
		let expected: [u8; 32] = array(&v["inquiry_hash"]);
		assert_eq!(inquiry_hash(&inquiry), expected, "{}", v["name"]);

		let lender_key = array(&v["lender_key"]);
		let epoch = v["token_epoch"].as_u64().unwrap() as u32;
		assert_eq!(
			lender_token_message(&genesis_hash, epoch, &lender_key),
			bytes(&v["lender_token_message"]),
			"{}",
			v["name"]
		);
		let private = PrivateConsent {
			genesis_hash: &genesis_hash,
			lender_key: &lender_key,
			borrower_id: &borrower,
			details: terms.details(),
			deadline: v["private_consent_deadline"].as_u64().unwrap() as u32,
		};
		let expected: [u8; 32] = array(&v["private_consent_hash"]);
		assert_eq!(private_consent_hash(&private), expected, "{}", v["name"]);
		let act_index = v["act_index"].as_u64().unwrap() as u32;
		let expected: [u8; 32] = array(&v["lender_act_hash"]);
		assert_eq!(
			lender_act_hash(
				&genesis_hash,
				v["loan_id"].as_u64().unwrap(),
				act_index,
				&bytes(&v["lender_act"])
			),
			expected,
			"{}",
			v["name"]
		);

		let expected: [u8; 32] = array(&v["lender_of_hash"]);
		assert_eq!(
			lender_of_hash(&genesis_hash, &lender_key, &borrower, &lender_id),
			expected,
			"{}",
			v["name"]
		);

		let loan_id = v["loan_id"].as_u64().unwrap();
		let outcome = v["outcome"].as_u64().unwrap() as u8;
		let outcome_nonce = array(&v["outcome_nonce"]);
		let sealed_outcome: SealedOutcomeBytes = array(&v["outcome_ciphertext"]);
		assert_eq!(seal_outcome(&key, &outcome_nonce, outcome, loan_id), sealed_outcome);
		assert_eq!(open_outcome(&key, &outcome_nonce, &sealed_outcome, loan_id), Ok(outcome));

		let extension_nonce = array(&v["extension_nonce"]);
		let extension_index = v["extension_index"].as_u64().unwrap() as u32;
		let extra_days = v["extension_days"].as_u64().unwrap() as u32;
		let sealed_extension: SealedExtensionBytes = array(&v["extension_ciphertext"]);
		assert_eq!(
			seal_extension(&key, &extension_nonce, extra_days, loan_id, extension_index),
			sealed_extension,
			"{}",
			v["name"]
		);
		assert_eq!(
			open_extension(&key, &extension_nonce, &sealed_extension, loan_id, extension_index),
			Ok(extra_days)
		);
		let expected: [u8; 32] = array(&v["extension_hash"]);
		assert_eq!(
			extension_hash(
				&genesis_hash,
				loan_id,
				extension_index,
				&extension_nonce,
				&sealed_extension
			),
			expected,
			"{}",
			v["name"]
		);

		let recipient_secret = array(&v["recipient_secret"]);
		let recipient_public = array(&v["recipient_public"]);
		assert_eq!(public_key(&recipient_secret), recipient_public);
		let envelope: Envelope = array(&v["envelope"]);
		let ephemeral = array(&v["ephemeral_secret"]);
		assert_eq!(make_envelope(&key, &recipient_public, &ephemeral).unwrap(), envelope);
		assert_eq!(open_envelope(&envelope, &recipient_secret).unwrap(), key);
	}
}

fn sample() -> (ContentKey, Nonce, [u8; 32], Vec<u8>) {
	let key = [0x11; 32];
	let nonce = [0x22; 12];
	let borrower = [0x33; 32];
	let ciphertext = seal_details(&key, &nonce, b"{\"amount\":\"100\"}", &borrower);
	(key, nonce, borrower, ciphertext)
}

#[test]
fn the_wrong_key_does_not_open_details() {
	let (key, nonce, borrower, ciphertext) = sample();
	let mut wrong = key;
	wrong[0] ^= 1;
	assert_eq!(
		open_details(&wrong, &nonce, &ciphertext, &borrower),
		Err(SealError::WrongKeyOrTampered)
	);
	let commitment = key_commitment(&key);
	assert!(!key_opens_details(&wrong, &commitment, &nonce, &ciphertext, &borrower));
	assert!(key_opens_details(&key, &commitment, &nonce, &ciphertext, &borrower));
}

#[test]
fn a_key_that_opens_the_details_is_not_enough_without_its_commitment() {
	let (key, nonce, borrower, ciphertext) = sample();
	// Whatever key opens the ciphertext, the runtime publishes it only if it is the one the
	// parties committed to when they sealed the details.
	let other_commitment = key_commitment(&[0x12; 32]);
	assert!(!key_opens_details(&key, &other_commitment, &nonce, &ciphertext, &borrower));
	assert_ne!(key_commitment(&key), key_commitment(&[0x12; 32]));
}

#[test]
fn tampering_is_detected_anywhere() {
	let (key, nonce, borrower, ciphertext) = sample();
	for i in 0..ciphertext.len() {
		let mut tampered = ciphertext.clone();
		tampered[i] ^= 0x80;
		assert_eq!(
			open_details(&key, &nonce, &tampered, &borrower),
			Err(SealError::WrongKeyOrTampered),
			"byte {i}"
		);
	}
	let mut other_nonce = nonce;
	other_nonce[11] ^= 1;
	assert!(open_details(&key, &other_nonce, &ciphertext, &borrower).is_err());
}

#[test]
fn details_are_bound_to_their_borrower_and_outcomes_to_their_loan() {
	let (key, nonce, _, ciphertext) = sample();
	assert_eq!(
		open_details(&key, &nonce, &ciphertext, &[0x34; 32]),
		Err(SealError::WrongKeyOrTampered)
	);
	let sealed = seal_outcome(&key, &nonce, BREACHED, 5);
	assert_eq!(open_outcome(&key, &nonce, &sealed, 5), Ok(BREACHED));
	assert_eq!(open_outcome(&key, &nonce, &sealed, 6), Err(SealError::WrongKeyOrTampered));
}

#[test]
fn truncated_inputs_are_rejected() {
	let (key, nonce, borrower, ciphertext) = sample();
	assert_eq!(open_details(&key, &nonce, &ciphertext[..15], &borrower), Err(SealError::Truncated));
	assert!(open_details(&key, &nonce, &ciphertext[..ciphertext.len() - 1], &borrower).is_err());
	let envelope = make_envelope(&key, &public_key(&[5; 32]), &[6; 32]).unwrap();
	assert_eq!(open_envelope(&envelope[..79], &[5; 32]), Err(SealError::Truncated));
	assert_eq!(open_envelope(&[], &[5; 32]), Err(SealError::Truncated));
}

#[test]
fn an_envelope_opens_only_for_its_recipient() {
	let key = [0x44; 32];
	let alice = [1u8; 32];
	let bob = [2u8; 32];
	let envelope = make_envelope(&key, &public_key(&alice), &[3; 32]).unwrap();
	assert_eq!(open_envelope(&envelope, &alice), Ok(key));
	assert_eq!(open_envelope(&envelope, &bob), Err(SealError::WrongKeyOrTampered));
	let mut tampered = envelope;
	tampered[40] ^= 1;
	assert_eq!(open_envelope(&tampered, &alice), Err(SealError::WrongKeyOrTampered));
}

#[test]
fn low_order_public_keys_are_refused() {
	// The all-zero point (and the other small-order points) make the shared secret zero.
	assert_eq!(make_envelope(&[1; 32], &[0; 32], &[3; 32]), Err(SealError::WeakPublicKey));
	let mut envelope = [0u8; ENVELOPE_LEN];
	envelope[0] = 1; // u = 1 is of order 4
	assert_eq!(open_envelope(&envelope, &[7; 32]), Err(SealError::WeakPublicKey));
}

#[test]
fn only_known_outcomes_open() {
	let sealed = seal_outcome(&[9; 32], &[8; 12], 2, 1);
	assert_eq!(open_outcome(&[9; 32], &[8; 12], &sealed, 1), Err(SealError::UnknownOutcome));
}

/// The X25519 u-coordinates of small order, little-endian (the list libsodium refuses):
/// 0, 1, the two points of order 8, p − 1, and the non-canonical p and p + 1.
const SMALL_ORDER: [&str; 7] = [
	"0000000000000000000000000000000000000000000000000000000000000000",
	"0100000000000000000000000000000000000000000000000000000000000000",
	"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
	"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
	"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
];

#[test]
fn keys_of_small_order_are_unusable_in_every_encoding() {
	for point in SMALL_ORDER {
		let key: PublicKey = hex::decode(point).unwrap().try_into().unwrap();
		// X25519 ignores the top bit: the same point with it set is the same point.
		let mut high = key;
		high[31] |= 0x80;
		for key in [key, high] {
			assert!(!is_usable_public_key(&key), "{}", hex::encode(key));
			assert_eq!(make_envelope(&[7; 32], &key, &[3; 32]), Err(SealError::WeakPublicKey));
		}
	}
}

#[test]
fn real_public_keys_are_usable() {
	for secret in [[1u8; 32], [0x42; 32], [0xFF; 32]] {
		assert!(is_usable_public_key(&public_key(&secret)));
	}
	// Arbitrary bytes are a point of the curve or of its twist, of large order.
	assert!(is_usable_public_key(&[9; 32]));
}

/// A JSON string of exactly `length` bytes, with multi-byte UTF-8 where it fits.
fn json_of_length(length: usize) -> String {
	let body = if length >= 7 { "期".repeat((length - 4) / 3) } else { String::new() };
	let text = format!("\"{body}{}\"", "x".repeat(length - 2 - body.len()));
	assert_eq!(text.len(), length);
	text
}

#[test]
fn details_are_padded_to_the_reference_sizes_and_still_parse() {
	let file: serde_json::Value = serde_json::from_str(VECTORS).unwrap();
	let sizes: Vec<usize> = serde_json::from_value(file["padding_sizes"].clone()).unwrap();
	assert_eq!(sizes, DETAILS_SIZES);
	let cases = file["padding"].as_array().unwrap();
	assert!(cases.len() >= 10);
	for case in cases {
		let length = case["details_length"].as_u64().unwrap() as usize;
		let details = json_of_length(length);
		let padded = pad_details(details.as_bytes());
		assert_eq!(padded.len() as u64, case["padded_length"].as_u64().unwrap(), "{length}");
		assert_eq!(&padded[..length], details.as_bytes());
		assert!(padded[length..].iter().all(|b| *b == b' '));
		let parsed: serde_json::Value = serde_json::from_slice(&padded).unwrap();
		assert_eq!(parsed, serde_json::Value::String(details.trim_matches('"').into()));
	}
	// Sealed, every padded size is one ciphertext length: the size class, not the length.
	let key = [1u8; 32];
	let lengths: std::collections::BTreeSet<usize> = (2..=2032)
		.step_by(37)
		.map(|n| {
			seal_details(&key, &[2; 12], &pad_details(json_of_length(n).as_bytes()), &[3; 32]).len()
		})
		.collect();
	assert_eq!(lengths, DETAILS_SIZES.iter().map(|s| s + TAG_LEN).collect());
}

#[test]
fn an_extension_opens_only_at_its_loan_and_place() {
	let (key, nonce) = ([9; 32], [4; 12]);
	let sealed = seal_extension(&key, &nonce, 30, 5, 1);
	assert_eq!(open_extension(&key, &nonce, &sealed, 5, 1), Ok(30));
	assert_eq!(open_extension(&key, &nonce, &sealed, 6, 1), Err(SealError::WrongKeyOrTampered));
	assert_eq!(open_extension(&key, &nonce, &sealed, 5, 0), Err(SealError::WrongKeyOrTampered));
	assert_eq!(open_extension(&[8; 32], &nonce, &sealed, 5, 1), Err(SealError::WrongKeyOrTampered));
	// The hash names the loan, the place, the chain and every byte of the offer.
	let hash = extension_hash(&[1; 32], 5, 1, &nonce, &sealed);
	assert_ne!(hash, extension_hash(&[2; 32], 5, 1, &nonce, &sealed));
	assert_ne!(hash, extension_hash(&[1; 32], 6, 1, &nonce, &sealed));
	assert_ne!(hash, extension_hash(&[1; 32], 5, 2, &nonce, &sealed));
	assert_ne!(hash, extension_hash(&[1; 32], 5, 1, &[5; 12], &sealed));
	assert_ne!(
		hash,
		extension_hash(&[1; 32], 5, 1, &nonce, &seal_extension(&key, &nonce, 31, 5, 1))
	);
}
