//! The flows, one file each.

mod allow_list;
mod bad_input;
mod collateral;
mod creation;
mod default;
mod deposits;
mod escape_properties;
mod growth;
mod growth_properties;
mod installations;
mod licensing;
mod liquidity;
mod migrations;
mod operators;
mod properties;
mod retirement;
mod reward_precision;
mod reward_properties;
mod rewards;
mod security_review;
mod slashing;
mod slashing_properties;
mod transfers;
mod vault_properties;
mod vaults_bad_input;
