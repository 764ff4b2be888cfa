//! The Nektar node: an Aura + GRANDPA chain that runs the Nektar infrastructure marketplace.

#![warn(missing_docs)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> polkadot_sdk::sc_cli::Result<()> {
	command::run()
}
