//! The institutions' origins: who may do what in the name of the participating institutions
//! (see [`crate::governance`] for the calls each one reaches).

use crate::AccountId;

/// The collective's instance: the institutions.
pub type InstitutionsCollective = pallet_collective::Instance1;

/// A motion passed by at least two thirds of the institutions.
pub type TwoThirdsOfInstitutions =
	pallet_collective::EnsureProportionAtLeast<AccountId, InstitutionsCollective, 2, 3>;
