//! The Nektar node: an Aura + GRANDPA chain that runs the Nektar infrastructure marketplace.

#![warn(missing_docs)]
// `sc_cli::Error`, the error type of every Substrate CLI and service API, is large; boxing it
// at each call would only add noise.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> polkadot_sdk::sc_cli::Result<()> {
	command::run()
}
