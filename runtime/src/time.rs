//! The runtime's clock. Every duration of the chain — a loan's period, a proposal's life, a
//! motion, an upgrade's delay, a session — is counted in chain days, so that the test chains'
//! short days (`Loans::BlocksPerDay`, set at genesis: 5 blocks) walk through all of them in
//! minutes while production networks have 14 400 six-second blocks a day.

use crate::{BlockNumber, Loans};
use frame_support::traits::Get;

/// `DAYS` chain days, in blocks: 14 400 blocks a day on production networks, 5 on the test
/// chains (`Loans::BlocksPerDay`, set at genesis), so governance's durations walk by as
/// fast as the loans' on a dev chain.
pub struct ChainDays<const DAYS: u32>;
impl<const DAYS: u32> Get<BlockNumber> for ChainDays<DAYS> {
	fn get() -> BlockNumber {
		Loans::days_in_blocks(DAYS)
	}
}

/// The length of a chain day in blocks (`Loans::BlocksPerDay`), for the pallets whose
/// delays are metadata constants in days (`CreditIdentity::RebindDelay`,
/// `Upgrades::UpgradeDelay`).
pub struct BlocksPerDay;
impl Get<BlockNumber> for BlocksPerDay {
	fn get() -> BlockNumber {
		Loans::days_in_blocks(1)
	}
}

/// The shortest session: 30 seconds.
const MIN_SESSION_BLOCKS: BlockNumber = 5;

/// A session is an hour of chain time (600 blocks on production networks); on the test
/// chains' five-block days, five blocks (30 seconds), so a validator joins within a minute.
pub struct SessionPeriod;
impl Get<BlockNumber> for SessionPeriod {
	fn get() -> BlockNumber {
		(Loans::days_in_blocks(1) / 24).max(MIN_SESSION_BLOCKS)
	}
}
