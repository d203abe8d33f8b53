//! `lender-privacy-bench <out-dir> [ring sizes…]`: the native half of
//! scripts/bench-lender-privacy.sh. For each ring size: the setup, the prover's key, a proof
//! and its verification, timed natively (median of runs), the proof's size; the case written
//! to `<out-dir>/ring-<size>.bin` for the WebAssembly runs. Then the RFC 9474 test vectors:
//! each one's signature verified (and a changed message refused), timed, and written to
//! `<out-dir>/rsa-4096.bin`; and a 2048-bit key's signature,
//! made here, as `rsa-2048.bin`. Prints one line per measurement.

use loanchain_lender_privacy_bench::{
	proof_size, ring_prove, verify_ring, verify_rsa, Failure, RingCase, RsaCase,
};
use std::{path::PathBuf, time::Instant};

fn median_ms(mut runs: Vec<f64>) -> String {
	runs.sort_by(|a, b| a.total_cmp(b));
	format!(
		"median {:.2} ms (min {:.2}, max {:.2}, {} runs)",
		runs[runs.len() / 2],
		runs[0],
		runs[runs.len() - 1],
		runs.len()
	)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
	let start = Instant::now();
	let out = f();
	(out, start.elapsed().as_secs_f64() * 1e3)
}

fn main() {
	let mut args = std::env::args().skip(1);
	let out = PathBuf::from(args.next().expect("usage: lender-privacy-bench <out-dir> [sizes…]"));
	std::fs::create_dir_all(&out).expect("the output directory can be made");
	let sizes: Vec<u32> = args.map(|a| a.parse().expect("a ring size")).collect();
	let sizes = if sizes.is_empty() { vec![1024, 16384] } else { sizes };
	let start = Instant::now();
	let clock = || start.elapsed().as_secs_f64() * 1e3;

	for size in sizes {
		let (case, [setup, key, prove]) = ring_prove(size, size / 2, b"loan 42", b"act", clock);
		println!(
			"native ring {size}: setup {setup:.0} ms, prover key {key:.0} ms, proof {prove:.0} ms, \
			 proof {} bytes",
			proof_size(&case.proof)
		);
		let bytes = case.to_bytes();
		std::fs::write(out.join(format!("ring-{size}.bin")), &bytes).expect("writes the case");
		let runs: Vec<f64> = (0..7)
			.map(|_| {
				let (result, ms) = timed(|| verify_ring(&bytes));
				assert_eq!(result, Ok(()), "the proof verifies");
				ms
			})
			.collect();
		println!(
			"native ring {size}: verification (decode, context, key from commitment, proof) {}; \
			 input {} bytes",
			median_ms(runs),
			bytes.len()
		);
		// The same proof over another act does not verify.
		let mut other = RingCase::from_bytes(&bytes).expect("reads what it wrote");
		other.ad = b"another act".to_vec();
		assert_eq!(verify_ring(&other.to_bytes()), Err(Failure::Invalid));
	}

	// RFC 9474 Appendix A (RSABSSA-SHA384-PSS-{Randomized,Deterministic},
	// RSABSSA-SHA384-PSSZERO-…): the final signatures over the prepared messages.
	let vectors: serde_json::Value = serde_json::from_str(include_str!("../vectors/rfc9474.json"))
		.expect("the vectors are JSON");
	let hex =
		|v: &serde_json::Value| hex::decode(v.as_str().expect("hex").trim_start_matches("0x"));
	let mut first = None;
	for vector in vectors.as_array().expect("a list") {
		let name = vector["name"].as_str().expect("a name");
		let salt_len =
			u8::from_str_radix(vector["sLen"].as_str().unwrap().trim_start_matches("0x"), 16)
				.expect("a salt length");
		if salt_len != 48 {
			// The PSSZERO variants (no salt) are not what a token would use.
			continue;
		}
		let case = RsaCase {
			n: hex(&vector["n"]).unwrap(),
			e: hex(&vector["e"]).unwrap(),
			message: hex(&vector["input_msg"]).unwrap(),
			signature: hex(&vector["sig"]).unwrap(),
		};
		let bytes = case.to_bytes();
		assert_eq!(verify_rsa(&bytes), Ok(()), "{name} verifies");
		let mut changed = RsaCase::from_bytes(&bytes).unwrap();
		changed.message[0] ^= 1;
		assert_eq!(verify_rsa(&changed.to_bytes()), Err(Failure::Invalid), "{name}, changed");
		let runs: Vec<f64> = (0..21).map(|_| timed(|| verify_rsa(&bytes)).1).collect();
		println!(
			"native {name} ({}-bit key): verification {}; signature {} bytes",
			case.n.len() * 8,
			median_ms(runs),
			case.signature.len()
		);
		first.get_or_insert(bytes);
	}
	let first_4096 = first.expect("a salted vector");
	std::fs::write(out.join("rsa-4096.bin"), &first_4096).expect("writes the case");

	// A 2048-bit registrar key, made here: the same RSASSA-PSS (SHA-384, 48-byte salt) that
	// RFC 9474's Finalize ends in, signed directly (a blind signature, once finalized, is one).
	let case = rsa_case(2048);
	let bytes = case.to_bytes();
	assert_eq!(verify_rsa(&bytes), Ok(()), "the 2048-bit signature verifies");
	let runs: Vec<f64> = (0..21).map(|_| timed(|| verify_rsa(&bytes)).1).collect();
	println!(
		"native RSASSA-PSS-SHA384 (2048-bit key, made here): verification {}; signature {} bytes",
		median_ms(runs),
		case.signature.len()
	);
	std::fs::write(out.join("rsa-2048.bin"), bytes).expect("writes the case");

	// The same check by `ring` (BoringSSL's RSA): what a node's host function can run.
	for (bits, bytes) in [(2048, rsa_case(2048)), (4096, RsaCase::from_bytes(&first_4096).unwrap())]
		.map(|(bits, case)| (bits, case.to_bytes()))
	{
		let verify = |bytes: &[u8]| {
			let case = RsaCase::from_bytes(bytes).expect("reads what it wrote");
			ring::signature::RsaPublicKeyComponents { n: &case.n, e: &case.e }
				.verify(&ring::signature::RSA_PSS_2048_8192_SHA384, &case.message, &case.signature)
				.is_ok()
		};
		assert!(verify(&bytes), "ring verifies the {bits}-bit signature");
		let mut changed = RsaCase::from_bytes(&bytes).unwrap();
		changed.message[0] ^= 1;
		assert!(!verify(&changed.to_bytes()), "ring refuses a changed message");
		let mut runs: Vec<f64> = (0..201).map(|_| timed(|| verify(&bytes)).1 * 1e3).collect();
		runs.sort_by(|a, b| a.total_cmp(b));
		println!(
			"native, ring {bits}-bit RSASSA-PSS-SHA384: verification median {:.0} µs (min {:.0}, \
			 max {:.0}, {} runs)",
			runs[runs.len() / 2],
			runs[0],
			runs[runs.len() - 1],
			runs.len()
		);
	}
}

/// A fresh `bits`-bit key's RSASSA-PSS signature (SHA-384, 48-byte salt) on a per-loan key.
fn rsa_case(bits: usize) -> RsaCase {
	use rsa::{
		pss::SigningKey,
		signature::{RandomizedSigner, SignatureEncoding},
		traits::PublicKeyParts,
		RsaPrivateKey,
	};
	let mut rng = rand::thread_rng();
	let key = RsaPrivateKey::new(&mut rng, bits).expect("a key of that size");
	let message = b"loanchain/lender-token/v1 per-loan key and epoch".to_vec();
	let signature = SigningKey::<sha2::Sha384>::new_with_salt_len(key.clone(), 48)
		.sign_with_rng(&mut rng, &message)
		.to_vec();
	RsaCase { n: key.n().to_bytes_be(), e: key.e().to_bytes_be(), message, signature }
}
