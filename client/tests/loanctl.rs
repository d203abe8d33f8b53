//! `loanctl` as a user runs it: the real binary, real files, real exit codes.

use std::{path::Path, process::Command};

fn loanctl(args: &[&str]) -> (i32, String, String) {
	let out = Command::new(env!("CARGO_BIN_EXE_loanctl"))
		.args(args)
		.output()
		.expect("loanctl runs");
	(
		out.status.code().unwrap_or(-1),
		String::from_utf8(out.stdout).unwrap(),
		String::from_utf8(out.stderr).unwrap(),
	)
}

fn ok(args: &[&str]) -> String {
	let (code, stdout, stderr) = loanctl(args);
	assert_eq!(code, 0, "loanctl {args:?} failed: {stderr}");
	stdout.trim().to_string()
}

fn keygen(dir: &Path, name: &str) -> (String, String) {
	let path = dir.join(name);
	let (code, public, stderr) = loanctl(&["keygen", "--out", path.to_str().unwrap()]);
	assert_eq!(code, 0, "keygen failed: {stderr}");
	// The public key alone on standard output, so that `$(loanctl keygen …)` captures it.
	let public = public.trim().to_string();
	assert!(public.starts_with("0x") && public.len() == 66, "{public}");
	assert!(stderr.contains("readable by you only"), "{stderr}");
	(path.to_str().unwrap().to_string(), public)
}

#[test]
fn id_hash_alone_refuses_and_says_why() {
	// Nobody computes an id alone: the command says who can, and how.
	let (code, stdout, stderr) = loanctl(&["id-hash", "--person", "11010519491231002X"]);
	assert_eq!(code, 2);
	assert!(stdout.is_empty());
	assert!(stderr.contains("only the registrars, together, can compute an id"), "{stderr}");
	assert!(stderr.contains("--registrar-rpc"), "{stderr}");
	// A mistyped number is refused for the typo first.
	let (code, stdout, stderr) = loanctl(&["id-hash", "--enterprise", "91350100M000100Y44"]);
	assert_eq!(code, 2);
	assert!(stdout.is_empty());
	assert!(stderr.contains("check character"), "{stderr}");
	let (code, _, _) = loanctl(&["id-hash"]);
	assert_eq!(code, 2, "one of --person and --enterprise is required");
}

#[test]
fn a_loan_sealed_for_two_parties_opens_for_each_and_for_a_granted_viewer() {
	let dir = tempfile::tempdir().unwrap();
	let (lender_secret, lender_public) = keygen(dir.path(), "lender.key");
	let (borrower_secret, borrower_public) = keygen(dir.path(), "borrower.key");
	let (viewer_secret, viewer_public) = keygen(dir.path(), "viewer.key");
	let terms = r#"{"amount":"5000.00","currency":"CNY","rate":"0.12","start":"2026-11-01","period_days":30,"purpose":"tuition"}"#;
	let terms_path = dir.path().join("terms.json");
	std::fs::write(&terms_path, terms).unwrap();
	// Bob's id on the test chains (runtime/src/genesis.rs).
	let borrower_id =
		"0xcc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c".to_string();

	let sealed: serde_json::Value = serde_json::from_str(&ok(&[
		"seal",
		"--details",
		terms_path.to_str().unwrap(),
		"--borrower-id",
		&borrower_id,
		"--lender-key",
		&lender_public,
		"--borrower-key",
		&borrower_public,
	]))
	.unwrap();
	let field = |path: &[&str]| {
		let mut v = &sealed;
		for p in path {
			v = &v[p];
		}
		v.as_str().unwrap().to_string()
	};
	let (nonce, ciphertext) = (field(&["details", "nonce"]), field(&["details", "ciphertext"]));
	// The commitment to the printed content key, which the chain checks on publication.
	let key_commitment = field(&["details", "keyCommitment"]);
	let content_key = field(&["contentKey"]);
	let key: [u8; 32] = hex::decode(&content_key[2..]).unwrap().try_into().unwrap();
	assert_eq!(
		key_commitment,
		format!("0x{}", hex::encode(loanchain_sealing::key_commitment(&key)))
	);

	for (envelope, secret) in [
		(field(&["details", "lenderEnvelope"]), &lender_secret),
		(field(&["details", "borrowerEnvelope"]), &borrower_secret),
	] {
		let opened = ok(&[
			"open",
			"--nonce",
			&nonce,
			"--ciphertext",
			&ciphertext,
			"--borrower-id",
			&borrower_id,
			"--envelope",
			&envelope,
			"--secret-key",
			secret,
		]);
		assert_eq!(opened, terms);
	}

	// The wrong secret key: a clear failure, exit 1.
	let (code, _, stderr) = loanctl(&[
		"open",
		"--nonce",
		&nonce,
		"--ciphertext",
		&ciphertext,
		"--borrower-id",
		&borrower_id,
		"--envelope",
		&field(&["details", "lenderEnvelope"]),
		"--secret-key",
		&viewer_secret,
	]);
	assert_eq!(code, 1);
	assert!(stderr.contains("does not open"), "{stderr}");

	// The lender grants a viewer access with an envelope for the viewer's key.
	let content_key = field(&["contentKey"]);
	let envelope = ok(&["envelope", "--content-key", &content_key, "--viewer-key", &viewer_public]);
	assert_eq!(envelope.len(), 2 + 160);
	let opened = ok(&[
		"open",
		"--nonce",
		&nonce,
		"--ciphertext",
		&ciphertext,
		"--borrower-id",
		&borrower_id,
		"--envelope",
		&envelope,
		"--secret-key",
		&viewer_secret,
	]);
	assert_eq!(opened, terms);

	// Published: the content key alone opens it.
	let opened = ok(&[
		"open",
		"--nonce",
		&nonce,
		"--ciphertext",
		&ciphertext,
		"--borrower-id",
		&borrower_id,
		"--content-key",
		&content_key,
	]);
	assert_eq!(opened, terms);

	// The outcome, as `loanctl seal-outcome` seals it from the chain (e2e/flows.test.mjs):
	// it opens for its own loan only. Sealing needs the loan from a node: a loan id given
	// by hand alone is refused.
	let (code, _, stderr) = loanctl(&[
		"seal-outcome",
		"--content-key",
		&content_key,
		"--loan-id",
		"7",
		"--outcome",
		"breached",
	]);
	assert_eq!(code, 2, "{stderr}");
	assert!(stderr.contains("--rpc"), "{stderr}");
	let key: [u8; 32] = hex::decode(&content_key[2..]).unwrap().try_into().unwrap();
	let sealed_nonce = [6u8; 12];
	let sealed =
		loanchain_sealing::seal_outcome(&key, &sealed_nonce, loanchain_sealing::BREACHED, 7);
	let outcome = serde_json::json!({
		"nonce": format!("0x{}", hex::encode(sealed_nonce)),
		"ciphertext": format!("0x{}", hex::encode(sealed)),
	});
	let (o_nonce, o_ct) =
		(outcome["nonce"].as_str().unwrap(), outcome["ciphertext"].as_str().unwrap());
	assert_eq!(
		ok(&[
			"open-outcome",
			"--content-key",
			&content_key,
			"--loan-id",
			"7",
			"--nonce",
			o_nonce,
			"--ciphertext",
			o_ct
		]),
		"breached"
	);
	let (code, _, _) = loanctl(&[
		"open-outcome",
		"--content-key",
		&content_key,
		"--loan-id",
		"8",
		"--nonce",
		o_nonce,
		"--ciphertext",
		o_ct,
	]);
	assert_eq!(code, 1, "an outcome is bound to its loan");
}

#[test]
fn bad_input_is_refused_with_exit_2_and_no_panic() {
	let dir = tempfile::tempdir().unwrap();
	let (_, public) = keygen(dir.path(), "k.key");
	let bad_terms = dir.path().join("bad.json");
	std::fs::write(&bad_terms, r#"{"amount":"lots"}"#).unwrap();
	let hash = format!("0x{}", "11".repeat(32));
	let cases: Vec<Vec<&str>> = vec![
		vec![
			"seal",
			"--details",
			bad_terms.to_str().unwrap(),
			"--borrower-id",
			&hash,
			"--lender-key",
			&public,
			"--borrower-key",
			&public,
		],
		vec![
			"seal",
			"--details",
			"/nonexistent/terms.json",
			"--borrower-id",
			&hash,
			"--lender-key",
			&public,
			"--borrower-key",
			&public,
		],
		vec!["envelope", "--content-key", "0x1234", "--viewer-key", &public],
		vec!["envelope", "--content-key", &hash, "--viewer-key", "not-hex"],
		vec![
			"open",
			"--nonce",
			"0x00",
			"--ciphertext",
			"0x00",
			"--borrower-id",
			&hash,
			"--content-key",
			&hash,
		],
	];
	let lender_of = |details: &str, borrower: &str| -> Vec<String> {
		[
			"lender-of",
			"--details",
			details,
			"--borrower-id",
			borrower,
			"--lender-id",
			&hash,
			"--suri",
			"//Dave",
			"--index",
			"0",
			"--genesis",
			&hash,
		]
		.map(String::from)
		.to_vec()
	};
	let zeros = format!("0x{}", "00".repeat(32));
	let good_terms = dir.path().join("good.json");
	std::fs::write(
		&good_terms,
		r#"{"amount":"1.00","currency":"CNY","rate":"0.10","start":"2026-11-01","period_days":3}"#,
	)
	.unwrap();
	let lender_cases = [
		lender_of(bad_terms.to_str().unwrap(), &zeros),
		// Nobody lends to itself.
		lender_of(good_terms.to_str().unwrap(), &hash),
	];
	// A book of no keys, or of more than a client should ask a node for at once.
	let (key_file, _) = keygen(dir.path(), "lender.key");
	let book = |count: &str| -> Vec<String> {
		[
			"lender-loans",
			"--rpc",
			"ws://127.0.0.1:9",
			"--suri",
			"//Dave",
			"--secret-key",
			&key_file,
			"--count",
			count,
		]
		.map(String::from)
		.to_vec()
	};
	for count in ["0", "10001"] {
		let args = book(count);
		let (code, _, stderr) = loanctl(&args.iter().map(String::as_str).collect::<Vec<_>>());
		assert_eq!(code, 2, "{args:?}: {stderr}");
		assert!(stderr.contains("--count"), "{stderr}");
	}
	let cases = cases
		.into_iter()
		.chain(lender_cases.iter().map(|args| args.iter().map(String::as_str).collect()));
	for args in cases {
		let (code, _, stderr) = loanctl(&args);
		assert_eq!(code, 2, "{args:?}: {stderr}");
		assert!(stderr.starts_with("loanctl: "), "{stderr}");
		assert!(!stderr.contains("panicked"), "{stderr}");
	}
	// keygen never overwrites.
	let (code, _, stderr) =
		loanctl(&["keygen", "--out", dir.path().join("k.key").to_str().unwrap()]);
	assert_eq!(code, 2);
	assert!(stderr.contains("exists already"));
}

#[test]
fn summary_refuses_bad_input_and_says_when_no_node_answers() {
	let hash = format!("0x{}", "11".repeat(32));
	for args in [
		vec!["summary", "--rpc", "ws://127.0.0.1:9944", "0x1234"],
		vec!["summary", "--rpc", "127.0.0.1:9944", &hash],
		vec!["summary", "--rpc", "ws://127.0.0.1:9944", &hash, "--at", "latest"],
	] {
		let (code, stdout, stderr) = loanctl(&args);
		assert_eq!(code, 2, "{args:?}: {stderr}");
		assert!(stdout.is_empty() && stderr.starts_with("loanctl: "), "{stderr}");
	}
	// A port nothing listens on: the query fails as an operation (exit 1), and says where.
	let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
	let url = format!("http://127.0.0.1:{port}");
	let (code, stdout, stderr) = loanctl(&["summary", "--rpc", &url, &hash]);
	assert_eq!(code, 1, "{stderr}");
	assert!(stdout.is_empty());
	assert!(stderr.contains(&format!("no answer from ws://127.0.0.1:{port}")), "{stderr}");
}

#[test]
fn inquiry_consent_signs_the_wrapped_inquiry_hash_as_the_borrower() {
	use sp_core::{sr25519, Pair};
	let genesis = [0x42u8; 32];
	let (borrower, inquirer) = ([0x11u8; 32], [0x22u8; 32]);
	let hex = |b: &[u8]| format!("0x{}", b.iter().map(|x| format!("{x:02x}")).collect::<String>());
	let out = ok(&[
		"inquiry-consent",
		"--suri",
		"//Alice",
		"--borrower-id",
		&hex(&borrower),
		"--inquirer-id",
		&hex(&inquirer),
		"--purpose",
		"loan-management",
		"--deadline",
		"1234",
		"--genesis",
		&hex(&genesis),
	]);
	let json: serde_json::Value = serde_json::from_str(&out).unwrap();
	let expected = loanchain_sealing::inquiry_hash(&loanchain_sealing::Inquiry {
		genesis_hash: &genesis,
		inquirer_id: &inquirer,
		borrower_id: &borrower,
		purpose: 1,
		deadline: 1234,
	});
	assert_eq!(json["inquiryHash"], hex(&expected));
	let consent = &json["consent"];
	assert_eq!(consent["borrowerId"], hex(&borrower));
	assert_eq!(consent["purpose"], "loanManagement");
	assert_eq!(consent["deadline"], 1234);
	let signature = consent["signature"]["Sr25519"].as_str().unwrap();
	let signature: [u8; 64] = (0..64)
		.map(|i| u8::from_str_radix(&signature[2 + 2 * i..4 + 2 * i], 16).unwrap())
		.collect::<Vec<_>>()
		.try_into()
		.unwrap();
	let alice = sr25519::Pair::from_string("//Alice", None).unwrap().public();
	let wrapped = loanchain_sealing::wrapped_for_signing(&expected);
	assert!(sr25519::Pair::verify(&sr25519::Signature::from_raw(signature), &wrapped, &alice));
	assert!(!sr25519::Pair::verify(&sr25519::Signature::from_raw(signature), expected, &alice));

	// Oneself as the inquirer, or a purpose the chain does not know: refused, exit 2.
	for (inquirer_arg, purpose) in [(hex(&borrower), "guarantee"), (hex(&inquirer), "curiosity")] {
		let (code, stdout, stderr) = loanctl(&[
			"inquiry-consent",
			"--suri",
			"//Alice",
			"--borrower-id",
			&hex(&borrower),
			"--inquirer-id",
			&inquirer_arg,
			"--purpose",
			purpose,
			"--deadline",
			"1234",
			"--genesis",
			&hex(&genesis),
		]);
		assert_eq!(code, 2, "{stderr}");
		assert!(stdout.is_empty(), "{stdout}");
	}
}

#[test]
fn oprf_deal_writes_private_shares_and_oprf_redeal_deals_the_same_key_afresh() {
	let dir = tempfile::tempdir().unwrap();
	let out = dir.path().join("ceremony");
	let printed =
		ok(&["oprf-deal", "--threshold", "3", "--shares", "4", "--out-dir", out.to_str().unwrap()]);
	let json: serde_json::Value = serde_json::from_str(&printed).unwrap();
	let hex32 = |s: &str| -> [u8; 32] { hex::decode(&s[2..]).unwrap().try_into().unwrap() };
	let mut shares = Vec::new();
	for (n, entry) in json["shares"].as_array().unwrap().iter().enumerate() {
		let index = entry["index"].as_u64().unwrap() as u16;
		assert_eq!(index as usize, n + 1);
		let file = out.join(format!("registrar-{index}.share"));
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			let mode = std::fs::metadata(&file).unwrap().permissions().mode();
			assert_eq!(mode & 0o777, 0o600);
		}
		let secret = hex32(std::fs::read_to_string(&file).unwrap().trim());
		let share = loanchain_oprf::KeyShare::from_bytes(index, &secret).unwrap();
		assert_eq!(share.public().element, hex32(entry["publicShare"].as_str().unwrap()));
		shares.push(share);
	}
	assert_eq!(shares.len(), 4);
	// Any three hold the key whose public part was printed; two do not.
	let network_key = hex32(json["networkKey"].as_str().unwrap());
	let public_of = |key| loanchain_oprf::public_key_of(&key);
	let three = loanchain_oprf::reconstruct(&shares[1..]).unwrap();
	assert_eq!(public_of(three), network_key);
	let two = loanchain_oprf::reconstruct(&shares[..2]).unwrap();
	assert_ne!(public_of(two), network_key);
	// A second ceremony into the same folder refuses to overwrite a share.
	let (code, _, stderr) = loanctl(&[
		"oprf-deal",
		"--threshold",
		"3",
		"--shares",
		"4",
		"--out-dir",
		out.to_str().unwrap(),
	]);
	assert_eq!(code, 2, "{stderr}");
	assert!(stderr.contains("exists already"), "{stderr}");

	// Registrar 1 leaves and a fifth joins: shares 2–4 re-deal the same key, 2 of 3 from now.
	let file = |index: u16| out.join(format!("registrar-{index}.share")).display().to_string();
	let next = dir.path().join("next");
	let redeal = |shares: &[String], next: &std::path::Path| {
		let mut args = vec!["oprf-redeal".to_string()];
		for share in shares {
			args.extend(["--share".to_string(), share.clone()]);
		}
		let network_key = json["networkKey"].as_str().unwrap().to_string();
		args.extend(["--network-key".into(), network_key]);
		args.extend(["--threshold".into(), "2".into(), "--shares".into(), "3".into()]);
		args.extend(["--out-dir".into(), next.display().to_string()]);
		loanctl(&args.iter().map(String::as_str).collect::<Vec<_>>())
	};
	// Two old shares, or one under the wrong index, rebuild another key: nothing is written.
	let (code, _, stderr) = redeal(&[file(2), file(3)], &next);
	assert_eq!(code, 1, "{stderr}");
	assert!(stderr.contains("do not rebuild the network's key"), "{stderr}");
	assert!(stderr.contains("nothing was written"), "{stderr}");
	let (code, _, stderr) = redeal(&[file(2), file(3), format!("2={}", file(4))], &next);
	assert_eq!(code, 1, "{stderr}");
	assert!(!next.exists(), "no share was written");
	let (code, printed, stderr) = redeal(&[file(2), format!("3={}", file(3)), file(4)], &next);
	assert_eq!(code, 0, "{stderr}");
	let again: serde_json::Value = serde_json::from_str(&printed).unwrap();
	assert_eq!(again["networkKey"], json["networkKey"], "the same key");
	assert_eq!(again["threshold"], 2);
	let new: Vec<_> = (1..=3u16)
		.map(|index| {
			let secret = hex32(
				std::fs::read_to_string(next.join(format!("registrar-{index}.share")))
					.unwrap()
					.trim(),
			);
			loanchain_oprf::KeyShare::from_bytes(index, &secret).unwrap()
		})
		.collect();
	assert_eq!(public_of(loanchain_oprf::reconstruct(&new[1..]).unwrap()), network_key);
	assert_eq!(public_of(loanchain_oprf::reconstruct(&new[..2]).unwrap()), network_key);
	assert_ne!(new[1].public(), shares[1].public(), "new shares, not the old ones");
}

#[test]
fn a_consent_request_is_signed_as_it_was_made_and_one_format_only() {
	let dir = tempfile::tempdir().unwrap();
	let (_, lender_public) = keygen(dir.path(), "company.key");
	let (borrower_secret, borrower_public) = keygen(dir.path(), "customer.key");
	let terms_path = dir.path().join("terms.json");
	std::fs::write(
		&terms_path,
		r#"{"amount":"3000.00","currency":"CNY","rate":"0.1","start":"2026-12-01","period_days":90}"#,
	)
	.unwrap();
	let (lender_id, borrower_id) =
		(format!("0x{}", "11".repeat(32)), format!("0x{}", "22".repeat(32)));
	let genesis = format!("0x{}", "ab".repeat(32));
	let sealed_path = dir.path().join("sealed.json");
	std::fs::write(
		&sealed_path,
		ok(&[
			"seal",
			"--details",
			terms_path.to_str().unwrap(),
			"--borrower-id",
			&borrower_id,
			"--lender-key",
			&lender_public,
			"--borrower-key",
			&borrower_public,
		]),
	)
	.unwrap();
	let make = |period_days: &str| {
		ok(&[
			"consent-request",
			"--sealed",
			sealed_path.to_str().unwrap(),
			"--lender-id",
			&lender_id,
			"--borrower-id",
			&borrower_id,
			"--submitter",
			"lender",
			"--period-days",
			period_days,
			"--genesis",
			&genesis,
			"--deadline",
			"1234",
		])
	};
	// The request: camelCase, as the web app makes and reads it, and @polkadot/api takes it.
	let request: serde_json::Value = serde_json::from_str(&make("90")).unwrap();
	let sorted = |value: &serde_json::Value| {
		let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
		keys.sort();
		keys
	};
	let keys = sorted(&request);
	assert_eq!(
		keys,
		["borrowerId", "deadline", "details", "genesisHash", "lenderId", "periodDays", "submitter"]
	);
	assert_eq!(request["submitter"], "Lender");
	assert_eq!(request["genesisHash"], genesis.as_str());
	let details = sorted(&request["details"]);
	assert_eq!(
		details,
		["borrowerEnvelope", "ciphertext", "keyCommitment", "lenderEnvelope", "nonce"]
	);

	// The customer signs it: the consent hash of exactly those terms, chain and deadline.
	let request_path = dir.path().join("request.json");
	std::fs::write(&request_path, request.to_string()).unwrap();
	let sign = |path: &Path| {
		loanctl(&[
			"consent",
			"--suri",
			"//Bob",
			"--secret-key",
			&borrower_secret,
			"--request",
			path.to_str().unwrap(),
		])
	};
	let (code, stdout, stderr) = sign(&request_path);
	assert_eq!(code, 0, "{stderr}");
	assert!(stderr.contains("as the borrower, a loan of 90 days"), "{stderr}");
	let signed: serde_json::Value = serde_json::from_str(&stdout).unwrap();
	assert_eq!(signed["consent"]["deadline"], 1234);
	let bytes = |value: &serde_json::Value| hex::decode(&value.as_str().unwrap()[2..]).unwrap();
	let d = &request["details"];
	let hash = loanchain_sealing::consent_hash(&loanchain_sealing::Consent {
		genesis_hash: &[0xab; 32],
		terms: loanchain_sealing::Terms {
			lender_id: &[0x11; 32],
			borrower_id: &[0x22; 32],
			proposer_role: 0,
			period_days: 90,
			nonce: &bytes(&d["nonce"]).try_into().unwrap(),
			ciphertext: &bytes(&d["ciphertext"]),
			key_commitment: &bytes(&d["keyCommitment"]).try_into().unwrap(),
			lender_envelope: &bytes(&d["lenderEnvelope"]).try_into().unwrap(),
			borrower_envelope: &bytes(&d["borrowerEnvelope"]).try_into().unwrap(),
		},
		deadline: 1234,
	});
	assert_eq!(signed["consentHash"], format!("0x{}", hex::encode(hash)));
	assert_eq!(signed["signer"], "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty");

	// One format: a snake_case field is named, and nothing is signed.
	let snake = request.to_string().replace("\"lenderId\"", "\"lender_id\"");
	std::fs::write(&request_path, snake).unwrap();
	let (code, stdout, stderr) = sign(&request_path);
	assert_eq!(code, 2, "{stderr}");
	assert!(stdout.is_empty());
	assert!(stderr.contains("unknown field `lender_id`"), "{stderr}");
	// A request whose period contradicts its terms is not signed.
	std::fs::write(&request_path, make("91")).unwrap();
	let (code, stdout, stderr) = sign(&request_path);
	assert_eq!(code, 1, "{stderr}");
	assert!(stdout.is_empty());
	assert!(stderr.contains("the terms say 90 days and the request's periodDays 91"), "{stderr}");
	// A request that names no chain is not signed either.
	let mut unnamed = request.clone();
	unnamed.as_object_mut().unwrap().remove("genesisHash");
	std::fs::write(&request_path, unnamed.to_string()).unwrap();
	let (code, _, stderr) = sign(&request_path);
	assert_eq!(code, 2, "{stderr}");
	assert!(stderr.contains("names no chain"), "{stderr}");
}

#[test]
fn lender_of_signs_a_statement_the_loans_key_and_borrower_verify() {
	use loanchain_client::{details::LoanDetails, lender_of};
	use sp_core::Pair;
	let dir = tempfile::tempdir().unwrap();
	let terms = dir.path().join("terms.json");
	std::fs::write(
		&terms,
		r#"{"amount":"500.00","currency":"CNY","rate":"0.10","start":"2026-11-01","period_days":30}"#,
	)
	.unwrap();
	let genesis = [6u8; 32];
	let (borrower, lender) = ([4u8; 32], [8u8; 32]);
	let hex = |bytes: &[u8; 32]| format!("0x{}", hex::encode(bytes));
	let (genesis_hex, borrower_hex, lender_hex) = (hex(&genesis), hex(&borrower), hex(&lender));
	let out = ok(&[
		"lender-of",
		"--details",
		terms.to_str().unwrap(),
		"--borrower-id",
		&borrower_hex,
		"--lender-id",
		&lender_hex,
		"--suri",
		"//Dave",
		"--index",
		"7",
		"--genesis",
		&genesis_hex,
	]);
	// What it prints is details `loanctl seal` takes, with the statement in them.
	let details = LoanDetails::parse(out.as_bytes()).expect("documented details");
	assert_eq!(details.amount, "500.00");
	let statement = details.lender.expect("the statement");
	assert_eq!(statement.id.0, lender);
	// For Dave's seventh per-loan key, by Dave's account.
	let key = lender_of::per_loan_pair("//Dave", 7).unwrap().public().0;
	assert_eq!(statement.key.0, key);
	assert_eq!(statement.account, "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy");
	assert!(statement.verify(&genesis, &key, &borrower).is_ok());
	assert!(statement.verify(&genesis, &key, &lender).is_err(), "for this borrower only");
}
