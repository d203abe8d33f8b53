//! The plaintext of loan details: UTF-8 JSON with a documented shape (`docs/privacy.md`).
//! The chain never sees it; `loanctl seal` checks it before sealing, so that both parties
//! co-sign terms their software can read.

use serde::{Deserialize, Serialize};

/// The terms of a loan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoanDetails {
	/// Principal, as a decimal string ("5000.00"), so no precision is lost.
	pub amount: String,
	/// ISO 4217 currency code ("CNY").
	pub currency: String,
	/// Annual interest rate as a decimal fraction string ("0.12" is 12 %).
	pub rate: String,
	/// The day the money is paid out, `YYYY-MM-DD`.
	pub start: String,
	/// Term in days; the chain's `period_days` must match.
	pub period_days: u32,
	/// What the money is for.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub purpose: Option<String>,
	/// Free text.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub note: Option<String>,
	/// A private lender's signed statement of who lent (`loanctl lender-of`): the chain
	/// names no lender, so this is how whoever reads the details checks who it was.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub lender: Option<crate::lender_of::LenderOf>,
}

/// Why details were refused.
#[derive(Debug, thiserror::Error)]
pub enum InvalidDetails {
	#[error("not valid loan details JSON: {0}")]
	Json(#[from] serde_json::Error),
	#[error("amount must be a positive decimal number like \"5000.00\", found {0:?}")]
	Amount(String),
	#[error("currency must be a three-letter ISO 4217 code like \"CNY\", found {0:?}")]
	Currency(String),
	#[error("rate must be a decimal fraction like \"0.12\", found {0:?}")]
	Rate(String),
	#[error("start must be a date YYYY-MM-DD, found {0:?}")]
	Start(String),
	#[error("period_days must be at least 1")]
	Period,
}

fn is_decimal(s: &str) -> bool {
	let mut parts = s.splitn(2, '.');
	let whole = parts.next().unwrap_or("");
	let fraction = parts.next();
	!whole.is_empty()
		&& whole.bytes().all(|b| b.is_ascii_digit())
		&& fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

fn is_date(s: &str) -> bool {
	let b = s.as_bytes();
	b.len() == 10
		&& b[4] == b'-'
		&& b[7] == b'-'
		&& b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
		&& (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
		&& (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

impl LoanDetails {
	/// Parses and checks details JSON.
	pub fn parse(json: &[u8]) -> Result<Self, InvalidDetails> {
		let details: LoanDetails = serde_json::from_slice(json)?;
		if !is_decimal(&details.amount)
			|| details.amount.trim_matches(|c| c == '0' || c == '.').is_empty()
		{
			return Err(InvalidDetails::Amount(details.amount));
		}
		if details.currency.len() != 3 || !details.currency.bytes().all(|b| b.is_ascii_uppercase())
		{
			return Err(InvalidDetails::Currency(details.currency));
		}
		if !is_decimal(&details.rate) {
			return Err(InvalidDetails::Rate(details.rate));
		}
		if !is_date(&details.start) {
			return Err(InvalidDetails::Start(details.start));
		}
		if details.period_days == 0 {
			return Err(InvalidDetails::Period);
		}
		Ok(details)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const GOOD: &str = r#"{"amount":"5000.00","currency":"CNY","rate":"0.12","start":"2026-11-01","period_days":30,"purpose":"tuition"}"#;

	#[test]
	fn documented_details_parse() {
		let d = LoanDetails::parse(GOOD.as_bytes()).unwrap();
		assert_eq!(d.amount, "5000.00");
		assert_eq!(d.period_days, 30);
		assert_eq!(d.note, None);
	}

	#[test]
	fn malformed_details_are_refused_with_the_reason() {
		let bad = |from: &str, to: &str| {
			LoanDetails::parse(GOOD.replace(from, to).as_bytes()).unwrap_err().to_string()
		};
		assert!(bad("\"5000.00\"", "\"5,000\"").contains("amount"));
		assert!(bad("\"5000.00\"", "\"0.00\"").contains("amount"));
		assert!(bad("CNY", "yuan").contains("currency"));
		assert!(bad("\"0.12\"", "\"12%\"").contains("rate"));
		assert!(bad("2026-11-01", "2026-13-01").contains("start"));
		assert!(bad("\"period_days\":30", "\"period_days\":0").contains("period_days"));
		assert!(bad("\"purpose\"", "\"unknown_field\"").contains("unknown field"));
		assert!(LoanDetails::parse(b"not json").is_err());
	}
}
