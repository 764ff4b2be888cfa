//! The command line.

use polkadot_sdk::sc_cli;

/// Subcommands beside running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification.
	///
	/// Deprecated upstream in favour of `export-chain-spec`; kept because tools such as
	/// zombienet still call it.
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of a built-in chain or a file.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmark the runtime's pallets and the node. Needs a node built with the
	/// `runtime-benchmarks` feature.
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(polkadot_sdk::frame_benchmarking_cli::BenchmarkCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),
}

/// The Nektar node's command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A subcommand; without one the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// How to run the node.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}
