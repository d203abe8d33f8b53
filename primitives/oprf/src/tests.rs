//! The RFC 9497 test vectors (appendix A.1.2, ristretto255-SHA512, VOPRF mode), and the
//! threshold evaluation against the single-key one.

use super::*;
use rand_core::OsRng;

fn bytes<const N: usize>(hex_text: &str) -> [u8; N] {
	hex::decode(hex_text).unwrap().try_into().unwrap()
}

const SEED: &str = "a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3";
const KEY_INFO: &str = "74657374206b6579";
const SK: &str = "e6f73f344b79b379f1a0dd37e07ff62e38d9f71345ce62ae3a9bc60b04ccd909";
const PK: &str = "c803e2cc6b05fc15064549b5920659ca4a77b2cca6f04f6b357009335476ad4e";
const BLIND: &str = "64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706";

/// (Input, BlindedElement, EvaluationElement, Output) of A.1.2.1 and A.1.2.2.
const VECTORS: [(&str, &str, &str, &str); 2] = [
	(
		"00",
		"863f330cc1a1259ed5a5998a23acfd37fb4351a793a5b3c090b642ddc439b945",
		"aa8fa048764d5623868679402ff6108d2521884fa138cd7f9c7669a9a014267e",
		"b58cfbe118e0cb94d79b5fd6a6dafb98764dff49c14e1770b566e42402da1a7da4d8527693914139caee5bd03903af43a491351d23b430948dd50cde10d32b3c",
	),
	(
		"5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a",
		"cc0b2a350101881d8a4cba4c80241d74fb7dcbfde4a61fde2f91443c2bf9ef0c",
		"60a59a57208d48aca71e9e850d22674b611f752bed48b36f7a91b372bd7ad468",
		"8a9a2f3c7f085b65933594309041fc1898d42d0858e59f90814ae90571a6df60356f4610bf816f27afdd84f47719e480906d27ecd994985890e5f539e7ea74b6",
	),
];

/// The RFC's key as a one-of-one share (index 1 of a degree-0 polynomial is the key).
fn rfc_key() -> KeyShare {
	KeyShare::from_bytes(1, &bytes(SK)).unwrap()
}

fn blind_scalar() -> Scalar {
	Scalar::from_canonical_bytes(bytes(BLIND)).unwrap()
}

#[test]
fn the_rfc_key_is_derived_from_its_seed() {
	let server = VoprfServer::<Ristretto255>::new_from_seed(
		&hex::decode(SEED).unwrap(),
		&hex::decode(KEY_INFO).unwrap(),
	)
	.unwrap();
	// skSm is the key of pkSm: the server derived from the seed and the share made from skSm
	// have the same public key, the RFC's.
	assert_eq!(server.get_public_key().compress().to_bytes(), bytes::<32>(PK));
	assert_eq!(rfc_key().public().element, bytes::<32>(PK));
}

#[test]
fn one_key_reproduces_the_rfc_vectors_byte_for_byte() {
	let key = rfc_key();
	for (input, blinded, evaluated, output) in VECTORS {
		let input = hex::decode(input).unwrap();
		let blinding = blind_with(&input, blind_scalar()).unwrap();
		assert_eq!(hex::encode(blinding.blinded), blinded);
		let answer = evaluate(&key, &blinding.blinded, &mut OsRng).unwrap();
		assert_eq!(hex::encode(answer.element), evaluated);
		let result = blinding.finish(&[(key.public(), answer)], 1).unwrap();
		assert_eq!(hex::encode(result), output);
	}
}

#[test]
fn any_three_of_four_registrars_compute_the_single_key_result() {
	let (shares, public_key) = deal(3, 4, &mut OsRng).unwrap();
	let key = reconstruct(&shares[..3]).unwrap();
	assert_eq!(RistrettoPoint::mul_base(&key).compress().to_bytes(), public_key);
	let single = VoprfServer::<Ristretto255>::new_with_key(&key.to_bytes()).unwrap();
	let input = oprf_input(PERSON_TAG, "11010519491231002X");
	let expected: Output = fixed(&single.evaluate(&input).unwrap());
	for left_out in 0..4 {
		let blinding = blind(&input, &mut OsRng).unwrap();
		let answers: Vec<_> = shares
			.iter()
			.filter(|share| share.index != left_out + 1)
			.map(|share| (share.public(), evaluate(share, &blinding.blinded, &mut OsRng).unwrap()))
			.collect();
		assert_eq!(blinding.finish(&answers, 3).unwrap(), expected, "without {}", left_out + 1);
	}
	// The id of a number is the same whoever computes it; another number's is not.
	let other = oprf_input(PERSON_TAG, "11010519491231003X");
	assert_ne!(fixed::<64>(&single.evaluate(&other).unwrap()), expected);
	assert_eq!(id_hash(&expected), id_hash(&expected));
}

#[test]
fn fewer_than_the_threshold_compute_nothing_and_one_share_alone_gives_another_value() {
	let (shares, _) = deal(3, 4, &mut OsRng).unwrap();
	let key = reconstruct(&shares[..3]).unwrap();
	let input = oprf_input(ENTERPRISE_TAG, "91440300MA5DC0QX05");
	let expected: Output = fixed(
		&VoprfServer::<Ristretto255>::new_with_key(&key.to_bytes())
			.unwrap()
			.evaluate(&input)
			.unwrap(),
	);
	let blinding = blind(&input, &mut OsRng).unwrap();
	let answers: Vec<_> = shares[..2]
		.iter()
		.map(|share| (share.public(), evaluate(share, &blinding.blinded, &mut OsRng).unwrap()))
		.collect();
	assert_eq!(blinding.finish(&answers, 3), Err(OprfError::NotEnoughAnswers { have: 2, need: 3 }));
	// Two shares combined as if they were enough, or one share on its own, give values
	// unrelated to the id.
	assert_ne!(blinding.finish(&answers, 2).unwrap(), expected);
	assert_ne!(blinding.finish(&answers[..1], 1).unwrap(), expected);
}

#[test]
fn a_wrong_answer_is_caught_and_names_its_registrar() {
	let (shares, _) = deal(2, 3, &mut OsRng).unwrap();
	let input = oprf_input(PERSON_TAG, "110105194912310021");
	let blinding = blind(&input, &mut OsRng).unwrap();
	let mut answers: Vec<_> = shares
		.iter()
		.map(|share| (share.public(), evaluate(share, &blinding.blinded, &mut OsRng).unwrap()))
		.collect();
	// Registrar 2 answers with registrar 3's evaluation: its proof does not hold for its share.
	let honest = answers.clone();
	answers[1].1 = honest[2].1;
	assert_eq!(blinding.finish(&answers, 2), Err(OprfError::ProofDoesNotVerify(2)));
	// A proof whose bytes were changed.
	let mut answers = honest.clone();
	answers[0].1.proof[0] ^= 1;
	assert!(matches!(
		blinding.finish(&answers, 2),
		Err(OprfError::ProofDoesNotVerify(1) | OprfError::MalformedAnswer(1))
	));
	// An element that is not one.
	let mut answers = honest.clone();
	answers[0].1.element = [0xff; 32];
	assert_eq!(blinding.finish(&answers, 2), Err(OprfError::MalformedAnswer(1)));
	// A registrar counted twice.
	let twice = [honest[0], honest[0]];
	assert_eq!(blinding.finish(&twice, 2), Err(OprfError::DuplicateShare(1)));
	// Honest answers combine.
	assert!(blinding.finish(&honest, 2).is_ok());
}

#[test]
fn bad_input_is_refused_with_a_named_error() {
	let share = rfc_key();
	assert_eq!(evaluate(&share, &[0xff; 32], &mut OsRng), Err(OprfError::MalformedBlindedElement));
	// The identity element is not a blinded element either.
	assert_eq!(evaluate(&share, &[0; 32], &mut OsRng), Err(OprfError::MalformedBlindedElement));
	assert!(matches!(blind(&[], &mut OsRng), Err(OprfError::BadInput)));
	assert_eq!(KeyShare::from_bytes(0, &bytes(SK)).unwrap_err(), OprfError::BadShare);
	assert_eq!(KeyShare::from_bytes(1, &[0; 32]).unwrap_err(), OprfError::BadShare);
	assert_eq!(KeyShare::from_bytes(1, &[0xff; 32]).unwrap_err(), OprfError::BadShare);
	assert_eq!(deal(0, 3, &mut OsRng).unwrap_err(), OprfError::BadThreshold);
	assert_eq!(deal(4, 3, &mut OsRng).unwrap_err(), OprfError::BadThreshold);
	// A share that is not the one whose public part is on chain.
	let (shares, _) = deal(2, 2, &mut OsRng).unwrap();
	assert!(shares[0].matches(&shares[0].public()));
	assert!(!shares[1].matches(&shares[0].public()));
}

#[test]
fn re_dealing_the_key_to_new_registrars_keeps_every_id() {
	let (old, public_key) = deal(2, 3, &mut OsRng).unwrap();
	let input = oprf_input(PERSON_TAG, "110105194912310021");
	let id_with = |shares: &[KeyShare], t: u16| id_of(&input, shares, t);
	let before = id_with(&old[..2], 2);
	// Two old registrars re-deal the key to five, three of whom are needed from now on.
	let key = reconstruct(&old[1..]).unwrap();
	let (new, new_public) = deal_key(&key, 3, 5, &mut OsRng).unwrap();
	assert_eq!(new_public, public_key);
	assert_eq!(id_with(&new[2..], 3), before);
	// The old shares do not combine with the new ones.
	let mixed = [old[0].clone(), new[1].clone(), new[2].clone()];
	assert_ne!(id_with(&mixed, 3), before);
}

#[test]
fn the_test_chains_share_one_key_and_any_three_local_registrars_give_the_dev_id() {
	let dev = dev_shares(1, 1).unwrap();
	let local = dev_shares(3, 4).unwrap();
	// The same key on both chains: the dev registrar's share is the key itself.
	assert_eq!(reconstruct(&local[1..]).unwrap(), reconstruct(&dev).unwrap());
	assert_eq!(reconstruct(&local[..3]).unwrap(), reconstruct(&dev).unwrap());
	// Deterministic, and each share differs from the others.
	assert_eq!(dev_shares(3, 4).unwrap()[2].public(), local[2].public());
	assert_ne!(local[0].public().element, local[1].public().element);

	let input = oprf_input(PERSON_TAG, "11010519491231002X");
	let blinding = blind(&input, &mut OsRng).unwrap();
	let alone = blinding.finish(&[answer(&dev[0], &blinding)], 1).unwrap();
	let blinding = blind(&input, &mut OsRng).unwrap();
	let answers: Vec<_> = [&local[3], &local[0], &local[2]]
		.into_iter()
		.map(|share| answer(share, &blinding))
		.collect();
	assert_eq!(blinding.finish(&answers, 3).unwrap(), alone);
	assert_eq!(dev_shares(4, 3).unwrap_err(), OprfError::BadThreshold);
	// The test chains' id of Bob's documented number: the end-to-end tests expect it from
	// the registrars' nodes.
	assert_eq!(
		hex::encode(id_hash(&alone)),
		"cc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c"
	);
	// Whoever holds the whole key computes the same without blinding.
	assert_eq!(dev_id_hash(PERSON_TAG, "11010519491231002X").unwrap(), id_hash(&alone));
	assert_ne!(dev_id_hash(ENTERPRISE_TAG, "11010519491231002X").unwrap(), id_hash(&alone));
}

fn answer(share: &KeyShare, blinding: &Blinding) -> (PublicShare, Evaluation) {
	(share.public(), evaluate(share, &blinding.blinded, &mut OsRng).unwrap())
}

#[test]
fn the_request_hash_is_pinned_for_other_clients() {
	// The web app (web/test/oprf.test.ts) signs the same bytes.
	let hash = request_hash(&[1; 32], &[2; 32], &[3; 32], 1_700_000_000_000);
	assert_eq!(
		hex::encode(hash),
		"da7eea2923b881911643e41dc04402550e5e65be2218ca5ada6a5b5227ddfb15"
	);
}

#[test]
fn a_redealt_key_gives_every_id_it_gave_and_a_wrong_set_of_shares_deals_nothing() {
	let (old, network_key) = deal(3, 4, &mut OsRng).unwrap();
	let input = oprf_input(PERSON_TAG, "11010519491231002X");
	let id_with = |shares: &[KeyShare], t: u16| id_of(&input, shares, t);
	let before = id_with(&old[..3], 3);
	// Registrar 1 leaves, a fifth joins: 2 of 3 from now on, from shares 2, 3 and 4.
	let new = redeal(&old[1..], &network_key, 2, 3, &mut OsRng).unwrap();
	assert_eq!(new.len(), 3);
	assert_eq!(id_with(&new[..2], 2), before);
	assert_eq!(id_with(&new[1..], 2), before);
	assert_eq!(reconstruct(&new[..2]).unwrap(), reconstruct(&old[..3]).unwrap());
	// New shares are not old ones: old and new do not combine.
	assert_ne!(new[1].public(), old[1].public());
	// Two old shares, a share under the wrong index, another dealing's key: refused.
	assert_eq!(
		redeal(&old[..2], &network_key, 2, 3, &mut OsRng).unwrap_err(),
		OprfError::NotTheNetworkKey
	);
	let mislabelled =
		[old[0].clone(), old[1].clone(), KeyShare { index: 4, secret: old[2].secret }];
	assert_eq!(
		redeal(&mislabelled, &network_key, 2, 3, &mut OsRng).unwrap_err(),
		OprfError::NotTheNetworkKey
	);
	let (_, other_key) = deal(3, 4, &mut OsRng).unwrap();
	assert_eq!(
		redeal(&old[..3], &other_key, 2, 3, &mut OsRng).unwrap_err(),
		OprfError::NotTheNetworkKey
	);
	assert_eq!(
		redeal(&old[..3], &network_key, 4, 3, &mut OsRng).unwrap_err(),
		OprfError::BadThreshold
	);
}

/// The id of `input` computed with `shares`, `t` of which are needed.
fn id_of(input: &[u8], shares: &[KeyShare], t: u16) -> [u8; 32] {
	let blinding = blind(input, &mut OsRng).unwrap();
	let answers: Vec<_> = shares
		.iter()
		.map(|s| (s.public(), evaluate(s, &blinding.blinded, &mut OsRng).unwrap()))
		.collect();
	id_hash(&blinding.finish(&answers, t).unwrap())
}
