#!/usr/bin/env python3
"""Writes docs/sealing-vectors.json: the Loanchain sealing format computed by an
implementation independent of the Rust one (Python `cryptography` + hashlib).

    pip install cryptography && python3 scripts/sealing-vectors.py

The Rust tests (primitives/sealing) check every byte of the file; any other
implementation should do the same.
"""
import hashlib
import json
import pathlib

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives import serialization

RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def pub(secret: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(secret).public_key().public_bytes(*RAW)


def envelope(key: bytes, recipient_pub: bytes, eph_secret: bytes) -> bytes:
    eph_pub = pub(eph_secret)
    shared = X25519PrivateKey.from_private_bytes(eph_secret).exchange(
        X25519PublicKey.from_public_bytes(recipient_pub))
    kek = hashlib.blake2b(b"loanchain/envelope/v1" + shared + eph_pub + recipient_pub,
                          digest_size=32).digest()
    return eph_pub + ChaCha20Poly1305(kek).encrypt(bytes(12), key, b"")


def compact(n: int) -> bytes:
    """SCALE's compact encoding of a length."""
    if n < 1 << 6:
        return bytes([n << 2])
    if n < 1 << 14:
        return ((n << 2) | 1).to_bytes(2, "little")
    if n < 1 << 30:
        return ((n << 2) | 2).to_bytes(4, "little")
    return bytes([3]) + n.to_bytes(4, "little")


def h(b: bytes) -> str:
    return "0x" + b.hex()


def fixed(label: str, n: int = 32) -> bytes:
    return hashlib.blake2b(b"loanchain/test-vector/" + label.encode(), digest_size=n).digest()


vectors = []
details_samples = [
    ("person-to-person", b'{"amount":"5000.00","currency":"CNY","rate":"0.12","start":"2026-11-01",'
                         b'"period_days":30,"purpose":"tuition","note":"first loan"}'),
    ("empty", b""),
    ("unicode", '{"amount":"120000","currency":"CNY","purpose":"设备采购"}'.encode()),
]
for i, (name, details) in enumerate(details_samples):
    key = fixed(f"content-key/{i}")
    nonce = fixed(f"details-nonce/{i}", 12)
    outcome_nonce = fixed(f"outcome-nonce/{i}", 12)
    borrower_id_hash = fixed(f"borrower/{i}")
    recipient_secret = fixed(f"recipient/{i}")
    eph = fixed(f"ephemeral/{i}")
    loan_id = 7 + i * 1000
    outcome = i % 2
    aad = b"loanchain/details/v1" + borrower_id_hash
    out_aad = b"loanchain/outcome/v1" + loan_id.to_bytes(8, "little")
    vectors.append({
        "name": name,
        "content_key": h(key),
        "details_plaintext": h(details),
        "details_nonce": h(nonce),
        "borrower_id_hash": h(borrower_id_hash),
        "details_ciphertext": h(ChaCha20Poly1305(key).encrypt(nonce, details, aad)),
        "key_commitment": h(hashlib.blake2b(b"loanchain/key/v1" + key, digest_size=32).digest()),
        "loan_id": loan_id,
        "outcome": outcome,
        "outcome_nonce": h(outcome_nonce),
        "outcome_ciphertext": h(ChaCha20Poly1305(key).encrypt(outcome_nonce, bytes([outcome]), out_aad)),
        "recipient_secret": h(recipient_secret),
        "recipient_public": h(pub(recipient_secret)),
        "ephemeral_secret": h(eph),
        "envelope": h(envelope(key, pub(recipient_secret), eph)),
    })
    # The proposal hash `accept` takes: blake2b-256 of the SCALE encoding of
    # ("loanchain/proposal/v1", genesis_hash, loan_id, lender_id, borrower_id, role,
    # period_days, details), the envelope above standing in for both parties' envelopes.
    v = vectors[-1]
    genesis_hash = fixed(f"genesis/{i}")
    lender_id = fixed(f"lender/{i}")
    role = i % 2
    period_days = 30 + i
    env = bytes.fromhex(v["envelope"][2:])
    ct = bytes.fromhex(v["details_ciphertext"][2:])
    commitment = bytes.fromhex(v["key_commitment"][2:])
    terms = (lender_id + borrower_id_hash + bytes([role]) + period_days.to_bytes(4, "little")
             + nonce + compact(len(ct)) + ct + commitment + env + env)
    tag = b"loanchain/proposal/v1"
    payload = compact(len(tag)) + tag + genesis_hash + loan_id.to_bytes(8, "little") + terms
    # The consent `record` takes: ("loanchain/consent/v1", genesis_hash, lender_id,
    # borrower_id, role, period_days, details, deadline), the deadline a 32-bit block number.
    deadline = 1000 + 7 * i
    consent_tag = b"loanchain/consent/v1"
    consent = (compact(len(consent_tag)) + consent_tag + genesis_hash + terms
               + deadline.to_bytes(4, "little"))
    v.update({
        "genesis_hash": h(genesis_hash),
        "lender_id_hash": h(lender_id),
        "proposer_role": role,
        "period_days": period_days,
        "proposal_hash": h(hashlib.blake2b(payload, digest_size=32).digest()),
        "consent_deadline": deadline,
        "consent_hash": h(hashlib.blake2b(consent, digest_size=32).digest()),
    })
    # The inquiry consent `inquire` takes: ("loanchain/inquiry/v1", genesis_hash,
    # inquirer_id, borrower_id, purpose, deadline), the lender above as the inquirer, the
    # purpose one byte (the index of InquiryPurpose), the deadline a 32-bit block number.
    purpose = i % 3
    inquiry_deadline = 2000 + 11 * i
    inquiry_tag = b"loanchain/inquiry/v1"
    inquiry = (compact(len(inquiry_tag)) + inquiry_tag + genesis_hash + lender_id
               + borrower_id_hash + bytes([purpose]) + inquiry_deadline.to_bytes(4, "little"))
    v.update({
        "inquiry_purpose": purpose,
        "inquiry_deadline": inquiry_deadline,
        "inquiry_hash": h(hashlib.blake2b(inquiry, digest_size=32).digest()),
    })

# The private lender (issue 31). What a lender token certifies:
# ("loanchain/lender-token/v1", genesis_hash, epoch, lender_key), the epoch a u32, the
# per-loan key an sr25519 public key (any 32 bytes here). What both parties of a private
# loan sign: blake2b-256 of ("loanchain/private-consent/v1", genesis_hash, lender_key,
# borrower_id, details, deadline). What the per-loan key signs to act: blake2b-256 of
# ("loanchain/lender-act/v1", genesis_hash, loan_id, act_index) followed by the act's
# SCALE bytes (here: whatever bytes, the chain hashes them as they come).
for i, v in enumerate(vectors):
    genesis_hash = bytes.fromhex(v["genesis_hash"][2:])
    lender_key = fixed(f"lender-key/{i}")
    epoch = 20000 + i
    token_tag = b"loanchain/lender-token/v1"
    token_message = (compact(len(token_tag)) + token_tag + genesis_hash
                     + epoch.to_bytes(4, "little") + lender_key)
    env = bytes.fromhex(v["envelope"][2:])
    ct = bytes.fromhex(v["details_ciphertext"][2:])
    details = (bytes.fromhex(v["details_nonce"][2:]) + compact(len(ct)) + ct
               + bytes.fromhex(v["key_commitment"][2:]) + env + env)
    private_deadline = 3000 + 13 * i
    private_tag = b"loanchain/private-consent/v1"
    private_consent = (compact(len(private_tag)) + private_tag + genesis_hash + lender_key
                       + bytes.fromhex(v["borrower_id_hash"][2:]) + details
                       + private_deadline.to_bytes(4, "little"))
    act_index = 3 * i
    act = fixed(f"lender-act/{i}", 40 + i)
    act_tag = b"loanchain/lender-act/v1"
    act_payload = (compact(len(act_tag)) + act_tag + genesis_hash
                   + v["loan_id"].to_bytes(8, "little") + act_index.to_bytes(4, "little") + act)
    # What a private lender's identity account signs (wrapped in <Bytes>…</Bytes>) inside
    # the details: blake2b-256 of ("loanchain/lender-of/v1", genesis_hash, lender_key,
    # borrower_id, lender_id).
    of_tag = b"loanchain/lender-of/v1"
    lender_of = (compact(len(of_tag)) + of_tag + genesis_hash + lender_key
                 + bytes.fromhex(v["borrower_id_hash"][2:]) + bytes.fromhex(v["lender_id_hash"][2:]))
    v.update({
        "lender_of_hash": h(hashlib.blake2b(lender_of, digest_size=32).digest()),
        "lender_key": h(lender_key),
        "token_epoch": epoch,
        "lender_token_message": h(token_message),
        "private_consent_deadline": private_deadline,
        "private_consent_hash": h(hashlib.blake2b(private_consent, digest_size=32).digest()),
        "act_index": act_index,
        "lender_act": h(act),
        "lender_act_hash": h(hashlib.blake2b(act_payload, digest_size=32).digest()),
    })
    # A private lender's sealed extension: the extra days (u32 little-endian) sealed under
    # the content key with aad "loanchain/extension/v1" || loan_id || index, and the hash
    # the borrower confirms: blake2b-256 of ("loanchain/extension/v1", genesis_hash,
    # loan_id, index, nonce, ciphertext), nonce and ciphertext fixed-size.
    key = bytes.fromhex(v["content_key"][2:])
    extension_nonce = fixed(f"extension-nonce/{i}", 12)
    extension_index = i
    extension_days = 15 + 45 * i
    ext_aad = (b"loanchain/extension/v1" + v["loan_id"].to_bytes(8, "little")
               + extension_index.to_bytes(4, "little"))
    ext_ct = ChaCha20Poly1305(key).encrypt(extension_nonce, extension_days.to_bytes(4, "little"),
                                           ext_aad)
    ext_tag = b"loanchain/extension/v1"
    ext_payload = (compact(len(ext_tag)) + ext_tag + genesis_hash
                   + v["loan_id"].to_bytes(8, "little") + extension_index.to_bytes(4, "little")
                   + extension_nonce + ext_ct)
    v.update({
        "extension_index": extension_index,
        "extension_days": extension_days,
        "extension_nonce": h(extension_nonce),
        "extension_ciphertext": h(ext_ct),
        "extension_hash": h(hashlib.blake2b(ext_payload, digest_size=32).digest()),
    })

# Padding: clients pad the details JSON with spaces (0x20, which JSON ignores after the
# value) to the smallest of these sizes that holds it, before sealing, so that the
# ciphertext's length tells only the size class. Longer details stay as they are (and the
# chain refuses more than 2048 bytes of ciphertext: 2032 of plaintext and the tag).
DETAILS_SIZES = [256, 512, 1024, 2032]


def pad(details: bytes) -> bytes:
    for size in DETAILS_SIZES:
        if len(details) <= size:
            return details + b" " * (size - len(details))
    return details


padding = []
for length in [2, 100, 255, 256, 257, 511, 512, 513, 1024, 1025, 2031, 2032, 2033]:
    # A JSON string of `length` bytes, multi-byte UTF-8 included where it fits.
    body = "期" * max(0, (length - 4) // 3) if length >= 7 else ""
    text = '"' + body + "x" * (length - 2 - len(body.encode())) + '"'
    assert len(text.encode()) == length
    padding.append({"details_length": length, "padded_length": len(pad(text.encode()))})

out = pathlib.Path(__file__).resolve().parent.parent / "docs" / "sealing-vectors.json"
out.write_text(json.dumps({
    "format": "loanchain sealing v1 (see primitives/sealing/src/lib.rs and docs/privacy.md)",
    "generated_by": "scripts/sealing-vectors.py",
    "vectors": vectors,
    "padding_sizes": DETAILS_SIZES,
    "padding": padding,
}, indent=2, ensure_ascii=False) + "\n")
print(f"wrote {out}")
