//! `nektar-fuzz`: random calls against the real Nektar runtime.
//!
//! Each campaign starts from the `development` genesis preset, the state `nektar-node --dev`
//! starts from, where a prelude of ordinary calls opens a marketplace in use (see
//! [`prelude`]), and draws from one seed:
//! - calls of every Nektar pallet, and the `pallet-balances` and `pallet-assets` transfers
//!   that move the same assets, built from the runtime's type information with arguments
//!   biased towards the edges (0, 1, the existential deposit, whole balances, `u128::MAX`);
//! - signed by one of about twenty accounts (funded and not), and for the Nektar pallets
//!   sometimes by Root, so that the governance paths (whitelisting, resolution) are walked;
//! - blocks of up to 40 calls, and block advances of one to a few hundred blocks, so that
//!   windows, delays and vault unlocks pass;
//! - now and then, penalties requested by the Collateral Networks' managers, so that the
//!   dispute paths have penalties to act on.
//!
//! After every block it runs every Nektar pallet's `try_state` checks and checks that each
//! asset is conserved: the native issuance is what the accounts hold, free and on hold, and
//! each asset's supply is what its accounts hold. A break or a panic stops the campaign with
//! the seed, the last calls made and the command that replays it.
//!
//! Usage: `nektar-fuzz [--seed N] [--seeds K] [--calls N] [--threads T] [--verbose]
//! [--errors]`: `K` campaigns of `N` calls each, seeds `N`, `N + 1`, …; `--verbose` prints
//! every call, `--errors` each call's most frequent error.

mod chain;
mod generate;
mod prelude;
mod rng;

use codec::DecodeAll;
use generate::{Context, Generator};
use nektar_runtime::{AccountId, RuntimeCall, RuntimeOrigin, System, EXISTENTIAL_DEPOSIT, UNIT};
use polkadot_sdk::{
	frame_support::{
		storage::with_storage_layer,
		traits::{GetCallMetadata, UnfilteredDispatchable},
	},
	sp_keyring::Sr25519Keyring,
	sp_runtime::{traits::Dispatchable, DispatchError},
};
use rng::Rng;
use std::{
	collections::{BTreeMap, VecDeque},
	panic::{catch_unwind, AssertUnwindSafe},
	time::Instant,
};

/// How many of the last calls a report shows.
const SHOWN: usize = 40;
/// Of the Nektar pallets' calls, the share made by Root, in percent.
const ROOT_PERCENT: u64 = 25;
/// Of the blocks, the share in which the Collateral Networks request penalties, in percent.
const PENALTY_PERCENT: u64 = 3;
/// The Nektar pallets: the first targets.
const NEKTAR_PALLETS: usize = 6;

struct Options {
	seed: u64,
	seeds: u64,
	calls: u64,
	threads: u64,
	verbose: bool,
	errors: bool,
}

fn options() -> Result<Options, String> {
	let mut options =
		Options { seed: 1, seeds: 1, calls: 20_000, threads: 2, verbose: false, errors: false };
	let mut args = std::env::args().skip(1);
	while let Some(arg) = args.next() {
		let mut number = |name: &str| -> Result<u64, String> {
			args.next()
				.and_then(|v| v.replace('_', "").parse().ok())
				.ok_or(format!("{name} takes a number"))
		};
		match arg.as_str() {
			"--seed" => options.seed = number("--seed")?,
			"--seeds" => options.seeds = number("--seeds")?.max(1),
			"--calls" => options.calls = number("--calls")?,
			"--threads" => options.threads = number("--threads")?.max(1),
			"--verbose" => options.verbose = true,
			"--errors" => options.errors = true,
			other => return Err(format!("unknown argument {other}")),
		}
	}
	Ok(options)
}

/// What a campaign did.
#[derive(Default)]
struct Stats {
	calls: u64,
	blocks: u64,
	unbuildable: u64,
	/// By pallet and call: how many succeeded and how many failed.
	outcomes: BTreeMap<(String, String), (u64, u64)>,
	/// By pallet, call and error: how often the call failed with it.
	errors: BTreeMap<(String, String, String), u64>,
}

impl Stats {
	fn add(&mut self, other: Stats) {
		self.calls += other.calls;
		self.blocks += other.blocks;
		self.unbuildable += other.unbuildable;
		for (key, (ok, failed)) in other.outcomes {
			let entry = self.outcomes.entry(key).or_default();
			entry.0 += ok;
			entry.1 += failed;
		}
		for (key, count) in other.errors {
			*self.errors.entry(key).or_default() += count;
		}
	}
}

/// A call made, as a report shows it.
struct Made {
	index: u64,
	block: u32,
	origin: String,
	call: String,
	result: String,
}

/// A break: what failed, after which calls.
struct Break {
	seed: u64,
	index: u64,
	block: u32,
	what: String,
	last: VecDeque<Made>,
}

/// The accounts of a campaign: the dev accounts, some that start empty, and the treasury.
fn accounts() -> Vec<AccountId> {
	let mut accounts: Vec<AccountId> =
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect();
	accounts.extend((1..=6u8).map(|i| AccountId::from([i; 32])));
	accounts.push(nektar_runtime::configs::nektar::TreasuryAccount::get());
	accounts.push(nektar_runtime::Validators::account());
	accounts
}

/// The amounts worth trying at this block.
fn amounts(accounts: &[AccountId], signer: &AccountId) -> Vec<u128> {
	let mut amounts = vec![
		0,
		1,
		EXISTENTIAL_DEPOSIT - 1,
		EXISTENTIAL_DEPOSIT,
		EXISTENTIAL_DEPOSIT + 1,
		UNIT,
		100 * UNIT,
		1_000 * UNIT,
		u128::MAX,
	];
	let free = chain::free(signer);
	amounts.extend([free, free / 2, free.saturating_sub(EXISTENTIAL_DEPOSIT)]);
	amounts.extend(accounts.iter().take(4).map(chain::free));
	amounts
}

fn campaign(seed: u64, calls: u64, verbose: bool) -> Result<Stats, Break> {
	let generator = Generator::new();
	let pallets: Vec<String> = generator.pallets().map(str::to_owned).collect();
	let accounts = accounts();
	let mut rng = Rng::new(seed);
	let mut stats = Stats::default();
	let mut last: VecDeque<Made> = VecDeque::with_capacity(SHOWN);
	let mut ext = chain::development();
	ext.execute_with(|| {
		let mut parent = System::block_hash(0);
		let mut n = 1u32;
		let mut slot = 1_000u64;
		let fail = |what: String, index: u64, block: u32, last: VecDeque<Made>| Break {
			seed,
			index,
			block,
			what,
			last,
		};
		while stats.calls < calls {
			chain::open_block(n, parent, slot);
			if n == 1 {
				prelude::build().map_err(|what| fail(what, 0, n, VecDeque::new()))?;
			} else if rng.chance(PENALTY_PERCENT) {
				prelude::penalise(&mut rng);
			}
			let ids = chain::live_ids();
			let in_block = rng.below(41);
			for _ in 0..in_block {
				if stats.calls >= calls {
					break;
				}
				let pallet = rng.below(pallets.len() as u64) as usize;
				let signer = generate::pick_account(&mut rng, &accounts).clone();
				let root = pallet < NEKTAR_PALLETS && rng.chance(ROOT_PERCENT);
				let context = Context {
					accounts: accounts.clone(),
					amounts: amounts(&accounts, &signer),
					ids: ids.clone(),
				};
				let Ok(bytes) = generator.draw(&mut rng, &context, pallet) else {
					stats.unbuildable += 1;
					continue;
				};
				// A draw the runtime would not decode either (a bound exceeded, say) is what a
				// transaction pool refuses: not a call.
				let Ok(call) = RuntimeCall::decode_all(&mut &bytes[..]) else {
					stats.unbuildable += 1;
					continue;
				};
				let index = stats.calls;
				stats.calls += 1;
				let metadata = call.get_call_metadata();
				let described = format!("{call:?}");
				let origin_text = if root { "Root".to_string() } else { format!("{signer}") };
				let outcome = catch_unwind(AssertUnwindSafe(|| {
					with_storage_layer::<(), DispatchError, _>(|| {
						if root {
							call.dispatch_bypass_filter(RuntimeOrigin::root())
						} else {
							call.dispatch(RuntimeOrigin::signed(signer))
						}
						.map(|_| ())
						.map_err(|e| e.error)
					})
				}));
				let result = match &outcome {
					Ok(Ok(())) => "Ok".to_string(),
					Ok(Err(error)) => format!("{error:?}"),
					Err(_) => "panicked".to_string(),
				};
				let entry = stats
					.outcomes
					.entry((metadata.pallet_name.to_string(), metadata.function_name.to_string()))
					.or_default();
				if matches!(outcome, Ok(Ok(()))) {
					entry.0 += 1;
				} else {
					entry.1 += 1;
					let key = (
						metadata.pallet_name.to_string(),
						metadata.function_name.to_string(),
						result.clone(),
					);
					*stats.errors.entry(key).or_default() += 1;
				}
				if verbose {
					println!("#{index} block {n} {origin_text}: {described} -> {result}");
				}
				if last.len() == SHOWN {
					last.pop_front();
				}
				last.push_back(Made {
					index,
					block: n,
					origin: origin_text,
					call: described,
					result,
				});
				if outcome.is_err() {
					return Err(fail("the call panicked".into(), index, n, last));
				}
			}
			parent = chain::close_block();
			stats.blocks += 1;
			if let Err(what) = chain::check() {
				return Err(fail(what, stats.calls, n, last));
			}
			// Most blocks follow one another; some skip ahead, as a chain with no calls for a
			// while, so that windows, delays and unlocks pass.
			let step = match rng.below(100) {
				0..=79 => 1,
				80..=96 => 2 + rng.below(20) as u32,
				_ => 50 + rng.below(500) as u32,
			};
			n += step;
			slot += step as u64;
		}
		Ok(())
	})?;
	Ok(stats)
}

fn report(failure: &Break) {
	eprintln!(
		"BREAK (seed {}, after call #{}, block {}): {}",
		failure.seed, failure.index, failure.block, failure.what
	);
	eprintln!("the last {} calls:", failure.last.len());
	for made in &failure.last {
		eprintln!(
			"  #{} block {} {}: {} -> {}",
			made.index, made.block, made.origin, made.call, made.result
		);
	}
	eprintln!(
		"replay: cargo run --release -p nektar-fuzz -- --seed {} --calls {} --verbose",
		failure.seed,
		failure.index + 1
	);
}

fn main() {
	let options = match options() {
		Ok(options) => options,
		Err(error) => {
			eprintln!("nektar-fuzz: {error}");
			std::process::exit(2);
		}
	};
	// A panic is reported with its call; the default hook's message is enough.
	let started = Instant::now();
	let seeds: Vec<u64> = (options.seed..options.seed + options.seeds).collect();
	let threads = options.threads.min(options.seeds) as usize;
	let results: Vec<(u64, Result<Stats, Break>)> = std::thread::scope(|scope| {
		let chunks: Vec<Vec<u64>> = (0..threads)
			.map(|t| seeds.iter().copied().skip(t).step_by(threads).collect())
			.collect();
		let handles: Vec<_> = chunks
			.into_iter()
			.map(|chunk| {
				let (calls, verbose) = (options.calls, options.verbose);
				scope.spawn(move || {
					chunk
						.into_iter()
						.map(|seed| {
							let result = campaign(seed, calls, verbose);
							match &result {
								Ok(stats) => println!(
									"seed {seed}: {} calls in {} blocks, no break",
									stats.calls, stats.blocks
								),
								Err(failure) => report(failure),
							}
							(seed, result)
						})
						.collect::<Vec<_>>()
				})
			})
			.collect();
		handles.into_iter().flat_map(|h| h.join().expect("a campaign thread")).collect()
	});

	let mut total = Stats::default();
	let mut breaks = Vec::new();
	for (seed, result) in results {
		match result {
			Ok(stats) => total.add(stats),
			Err(_) => breaks.push(seed),
		}
	}
	let mut by_pallet: BTreeMap<&str, (u64, u64, usize, usize)> = BTreeMap::new();
	for ((pallet, _), (ok, failed)) in &total.outcomes {
		let entry = by_pallet.entry(pallet.as_str()).or_default();
		entry.0 += ok;
		entry.1 += failed;
		entry.2 += 1;
		entry.3 += (*ok > 0) as usize;
	}
	println!(
		"by pallet: calls succeeded / failed, and how many distinct calls succeeded at least once"
	);
	for (pallet, (ok, failed, calls, succeeded)) in &by_pallet {
		println!("  {pallet:<12} {ok:>9} / {failed:<9} {succeeded} of {calls} calls");
	}
	let never: Vec<String> = total
		.outcomes
		.iter()
		.filter(|(_, (ok, _))| *ok == 0)
		.map(|((pallet, call), _)| format!("{pallet}.{call}"))
		.collect();
	if !never.is_empty() {
		println!("made but never succeeded: {}", never.join(", "));
	}
	if options.errors {
		println!("each call's most frequent error:");
		let mut top: BTreeMap<(&str, &str), (&str, u64)> = BTreeMap::new();
		for ((pallet, call, error), count) in &total.errors {
			let entry = top.entry((pallet, call)).or_insert((error, 0));
			if *count > entry.1 {
				*entry = (error, *count);
			}
		}
		for ((pallet, call), (error, count)) in top {
			println!("  {pallet}.{call}: {error} ({count})");
		}
	}
	println!(
		"nektar-fuzz: {} seeds from {}, {} calls in {} blocks ({} draws not decodable), {} breaks, {:.1} s",
		options.seeds,
		options.seed,
		total.calls,
		total.blocks,
		total.unbuildable,
		breaks.len(),
		started.elapsed().as_secs_f64()
	);
	if !breaks.is_empty() {
		eprintln!("broken seeds: {breaks:?}");
		std::process::exit(1);
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use nektar_runtime::Runtime;
	use polkadot_sdk::{frame_system, pallet_assets};

	/// The same seed makes the same campaign.
	#[test]
	fn a_seed_replays_the_same_campaign() {
		let [a, b] = [(), ()].map(|_| campaign(7, 2_000, false).ok().expect("no break"));
		assert_eq!((a.calls, a.blocks, a.unbuildable), (b.calls, b.blocks, b.unbuildable));
		assert_eq!(a.outcomes, b.outcomes);
		assert_eq!(a.errors, b.errors);
		// Another seed makes another.
		let c = campaign(8, 2_000, false).ok().expect("no break");
		assert_ne!(a.outcomes, c.outcomes);
	}

	/// The prelude's marketplace is there for the campaign.
	#[test]
	fn the_prelude_opens_a_marketplace_in_use() {
		chain::development().execute_with(|| {
			chain::open_block(1, System::block_hash(0), 1_000);
			prelude::build().expect("the prelude goes through");
			assert_eq!(pallet_marketplace::NextNetworkId::<Runtime>::get(), 4);
			assert_eq!(pallet_dam::NextDamId::<Runtime>::get(), 3);
			assert_eq!(pallet_marketplace::Installations::<Runtime>::iter().count(), 3);
			chain::close_block();
			chain::check().expect("the invariants hold");
		});
	}

	/// Native tokens that appear outside the issuance are a break.
	#[test]
	fn unissued_native_tokens_are_a_break() {
		chain::development().execute_with(|| {
			chain::check().expect("the genesis holds");
			let who = Sr25519Keyring::Ferdie.to_account_id();
			frame_system::Account::<Runtime>::mutate(&who, |info| info.data.free += 1);
			assert!(chain::check().unwrap_err().starts_with("native:"));
		});
	}

	/// An asset whose accounts hold more than its supply is a break.
	#[test]
	fn an_asset_held_beyond_its_supply_is_a_break() {
		chain::development().execute_with(|| {
			let (asset, who, mut account) =
				pallet_assets::Account::<Runtime>::iter().next().expect("a genesis asset account");
			account.balance += 1;
			pallet_assets::Account::<Runtime>::insert(asset, who, account);
			assert!(chain::check().unwrap_err().starts_with(&format!("asset {asset}:")));
		});
	}

	/// A pallet's broken invariant is a break.
	#[test]
	fn a_pallet_invariant_broken_is_a_break() {
		chain::development().execute_with(|| {
			pallet_validators::MinValidators::<Runtime>::put(0);
			assert!(chain::check().unwrap_err().starts_with("validators:"));
		});
	}
}
