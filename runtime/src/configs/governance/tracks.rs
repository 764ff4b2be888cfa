//! The OpenGov tracks: which origin each referendum dispatches from, and what it takes to pass.
//!
//! | id | track | origin | decision deposit | prepare | decide | confirm | enactment | approval | support |
//! |---|---|---|---:|---:|---:|---:|---:|---|---|
//! | 0 | `root` | Root | 100,000 NEK | 1 day | 28 days | 1 day | 1 day | 100% → 50% | 50% → 0.5% |
//! | 1 | `network_whitelister` | `NetworkWhitelister` | 1,000 NEK | 2 hours | 7 days | 3 hours | 10 minutes | 100% → 50% | 10% → 0.5% |
//! | 2 | `penalty_resolver` | `PenaltyResolver` | 1,000 NEK | 1 hour | 4 days | 1 hour | 1 minute | 100% → 50% | 5% → 0.25% |
//! | 3 | `treasurer` | `Treasurer` | 5,000 NEK | 1 day | 14 days | 1 day | 1 day | 100% → 50% | 10% → 0.5% |
//! | 4 | `parameters` | `Parameters` | 10,000 NEK | 1 day | 14 days | 1 day | 1 day | 100% → 60% | 20% → 1% |
//!
//! Approval (the share of conviction-weighted votes that are ayes) and support (the share of the
//! active issuance voting aye, before conviction) fall linearly over the whole decision period,
//! from the first figure to the second. On development chains
//! ([`origins::DevelopmentPeriods`]) the same tracks run in blocks: 2 to prepare, 20 to decide,
//! 2 to confirm and 1 to enact, so that a referendum passes in about two minutes.

use super::origins;
use crate::{Balance, BlockNumber, OriginCaller, RuntimeOrigin, DAYS, HOURS, MINUTES, UNIT};
use alloc::borrow::Cow;
use polkadot_sdk::{
	frame_support,
	pallet_referenda::{Curve, Track, TrackInfo, TracksInfo},
	sp_runtime::Perbill,
};

/// A track's id.
pub type TrackId = u16;

/// The `root` track.
pub const ROOT: TrackId = 0;
/// The `network_whitelister` track.
pub const NETWORK_WHITELISTER: TrackId = 1;
/// The `penalty_resolver` track.
pub const PENALTY_RESOLVER: TrackId = 2;
/// The `treasurer` track.
pub const TREASURER: TrackId = 3;
/// The `parameters` track.
pub const PARAMETERS: TrackId = 4;

/// The periods of a track, in blocks.
struct Periods {
	prepare: BlockNumber,
	decision: BlockNumber,
	confirm: BlockNumber,
	enactment: BlockNumber,
}

/// The periods of every track on development chains.
const DEVELOPMENT: Periods = Periods { prepare: 2, decision: 20, confirm: 2, enactment: 1 };

/// A curve falling linearly over the whole decision period, from `ceil` to `floor`.
const fn linear(ceil: Perbill, floor: Perbill) -> Curve {
	Curve::LinearDecreasing { length: Perbill::from_percent(100), floor, ceil }
}

/// A track name as the fixed-size, zero-padded bytes that referenda stores.
const fn name(text: &str) -> [u8; 25] {
	let bytes = text.as_bytes();
	let mut out = [0u8; 25];
	let mut i = 0;
	while i < bytes.len() {
		out[i] = bytes[i];
		i += 1;
	}
	out
}

/// One track on the given periods.
const fn track(
	id: TrackId,
	track_name: &str,
	max_deciding: u32,
	decision_deposit: Balance,
	periods: Periods,
	min_approval: Curve,
	min_support: Curve,
) -> Track<TrackId, Balance, BlockNumber> {
	Track {
		id,
		info: TrackInfo {
			name: name(track_name),
			max_deciding,
			decision_deposit,
			prepare_period: periods.prepare,
			decision_period: periods.decision,
			confirm_period: periods.confirm,
			min_enactment_period: periods.enactment,
			min_approval,
			min_support,
		},
	}
}

/// Every track, on production periods, or on development periods if `development`.
const fn tracks(development: bool) -> [Track<TrackId, Balance, BlockNumber>; 5] {
	macro_rules! periods {
		($prepare:expr, $decision:expr, $confirm:expr, $enactment:expr) => {
			if development {
				DEVELOPMENT
			} else {
				Periods {
					prepare: $prepare,
					decision: $decision,
					confirm: $confirm,
					enactment: $enactment,
				}
			}
		};
	}
	let half = Perbill::from_percent(50);
	[
		track(
			ROOT,
			"root",
			1,
			100_000 * UNIT,
			periods!(DAYS, 28 * DAYS, DAYS, DAYS),
			linear(Perbill::from_percent(100), half),
			linear(half, Perbill::from_parts(5_000_000)),
		),
		track(
			NETWORK_WHITELISTER,
			"network_whitelister",
			10,
			1_000 * UNIT,
			periods!(2 * HOURS, 7 * DAYS, 3 * HOURS, 10 * MINUTES),
			linear(Perbill::from_percent(100), half),
			linear(Perbill::from_percent(10), Perbill::from_parts(5_000_000)),
		),
		track(
			PENALTY_RESOLVER,
			"penalty_resolver",
			20,
			1_000 * UNIT,
			periods!(HOURS, 4 * DAYS, HOURS, MINUTES),
			linear(Perbill::from_percent(100), half),
			linear(Perbill::from_percent(5), Perbill::from_parts(2_500_000)),
		),
		track(
			TREASURER,
			"treasurer",
			10,
			5_000 * UNIT,
			periods!(DAYS, 14 * DAYS, DAYS, DAYS),
			linear(Perbill::from_percent(100), half),
			linear(Perbill::from_percent(10), Perbill::from_parts(5_000_000)),
		),
		track(
			PARAMETERS,
			"parameters",
			5,
			10_000 * UNIT,
			periods!(DAYS, 14 * DAYS, DAYS, DAYS),
			linear(Perbill::from_percent(100), Perbill::from_percent(60)),
			linear(Perbill::from_percent(20), Perbill::from_percent(1)),
		),
	]
}

/// The tracks on production periods.
static PRODUCTION_TRACKS: [Track<TrackId, Balance, BlockNumber>; 5] = tracks(false);
/// The tracks on development periods.
static DEVELOPMENT_TRACKS: [Track<TrackId, Balance, BlockNumber>; 5] = tracks(true);

/// The tracks of the chain's referenda.
pub struct TracksInfoImpl;
impl TracksInfo<Balance, BlockNumber> for TracksInfoImpl {
	type Id = TrackId;
	type RuntimeOrigin = <RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<TrackId, Balance, BlockNumber>>> {
		let table = if origins::DevelopmentPeriods::<crate::Runtime>::get() {
			&DEVELOPMENT_TRACKS
		} else {
			&PRODUCTION_TRACKS
		};
		table.iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<TrackId, ()> {
		match origin {
			OriginCaller::system(polkadot_sdk::frame_system::RawOrigin::Root) => Ok(ROOT),
			OriginCaller::Origins(origin) => Ok(match origin {
				origins::Origin::NetworkWhitelister => NETWORK_WHITELISTER,
				origins::Origin::PenaltyResolver => PENALTY_RESOLVER,
				origins::Origin::Treasurer => TREASURER,
				origins::Origin::Parameters => PARAMETERS,
			}),
			_ => Err(()),
		}
	}

	/// Both tables are sorted by id; checked without reading which one the chain uses.
	fn check_integrity() -> Result<(), &'static str> {
		for table in [&PRODUCTION_TRACKS, &DEVELOPMENT_TRACKS] {
			if !table.windows(2).all(|pair| pair[0].id < pair[1].id) {
				return Err("the tracks are not sorted by id");
			}
		}
		Ok(())
	}
}
