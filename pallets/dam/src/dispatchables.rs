//! The bodies of the DAM pallet's calls.

use crate::{pallet::*, shares, types::*};
use alloc::vec::Vec;
use frame_support::{
	dispatch::PostDispatchInfo,
	ensure,
	pallet_prelude::*,
	traits::{
		fungible,
		fungible::MutateHold,
		fungibles::{Inspect as _, Mutate as _},
		tokens::{Fortitude, Preservation},
	},
};
use nektar_primitives::{
	Assets, DamId, DamView, InstallationLedger, LicenseSeller, MarketplaceInspect, MulDiv,
	NetworkId, NetworkKind, NetworkStatus, OnSharesChange, VaultId, VaultKind, VaultsInterface,
};
use polkadot_sdk::sp_arithmetic::Rounding;
use polkadot_sdk::{frame_support, frame_system, sp_runtime};
use sp_runtime::{
	traits::{AccountIdConversion, Saturating, Zero},
	FixedU128, Perbill,
};

impl<T: Config> Pallet<T> {
	/// The keyless account that holds a DAM's assets.
	pub fn dam_account(dam: DamId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(dam)
	}

	pub(crate) fn bound_metadata(
		name: Vec<u8>,
		receipt_symbol: Vec<u8>,
		url: Vec<u8>,
		logo: Vec<u8>,
		description: Vec<u8>,
	) -> Result<DamMetadataOf<T>, DispatchError> {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		ensure!(!receipt_symbol.is_empty(), Error::<T>::EmptyReceiptSymbol);
		for field in [&name, &receipt_symbol, &url, &logo, &description] {
			ensure!(nektar_primitives::is_display_text(field), Error::<T>::InvalidText);
		}
		let bound = |v: Vec<u8>| v.try_into().map_err(|_| Error::<T>::MetadataTooLong);
		Ok(DamMetadata {
			name: bound(name)?,
			receipt_symbol: bound(receipt_symbol)?,
			url: bound(url)?,
			logo: bound(logo)?,
			description: bound(description)?,
		})
	}

	/// The DAM, if it exists.
	pub(crate) fn dam(dam: DamId) -> Result<DamOf<T>, DispatchError> {
		Dams::<T>::get(dam).ok_or_else(|| Error::<T>::DamNotFound.into())
	}

	/// The DAM, if `who` manages it.
	fn ensure_manager(who: &T::AccountId, id: DamId) -> Result<DamOf<T>, DispatchError> {
		let dam = Self::dam(id)?;
		ensure!(&dam.manager == who, Error::<T>::NotManager);
		Ok(dam)
	}

	/// The DAM, if `who` is its gatekeeper.
	fn ensure_gatekeeper(who: &T::AccountId, id: DamId) -> Result<DamOf<T>, DispatchError> {
		let dam = Self::dam(id)?;
		ensure!(&dam.gatekeeper == who, Error::<T>::NotGatekeeper);
		Ok(dam)
	}

	/// The DAM, if `who` is its catalyst.
	fn ensure_catalyst(who: &T::AccountId, id: DamId) -> Result<DamOf<T>, DispatchError> {
		let dam = Self::dam(id)?;
		ensure!(&dam.catalyst == who, Error::<T>::NotCatalyst);
		Ok(dam)
	}

	fn ensure_allowed(dam: &DamOf<T>, id: DamId, who: &T::AccountId) -> DispatchResult {
		ensure!(!dam.allow_list || AllowList::<T>::contains_key(id, who), Error::<T>::NotAllowed);
		Ok(())
	}

	pub(crate) fn do_create_dam(
		manager: T::AccountId,
		config: DamConfigOf<T>,
		metadata: DamMetadataOf<T>,
	) -> Result<DamId, DispatchError> {
		ensure!(
			T::Marketplace::is_asset_whitelisted(&config.deposit_asset),
			Error::<T>::AssetNotWhitelisted
		);
		ensure!(config.fee <= T::Marketplace::params().max_dam_fee, Error::<T>::FeeTooHigh);
		if config.independent_operator {
			ensure!(T::Marketplace::is_operator(&manager), Error::<T>::NotOperator);
		}
		let id = NextDamId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::DamIdOverflow)?;

		let deposit = T::DamDepositBase::get()
			.saturating_add(T::DepositPerByte::get().saturating_mul(metadata.byte_len().into()));
		T::Currency::hold(&HoldReason::DamDeposit.into(), &manager, deposit)?;

		let account = Self::dam_account(id);
		// The DAM's account must exist whatever its balances, like any pallet account. It
		// also holds the native existential deposit, paid by the manager, so that it can
		// receive any native amount, however small: a defaulted Network's bond is paid to
		// every creditor DAM, and one share below the existential deposit would otherwise
		// stop the default for all.
		frame_system::Pallet::<T>::inc_providers(&account);
		<T::Currency as fungible::Mutate<_>>::transfer(
			&manager,
			&account,
			<T::Currency as fungible::Inspect<_>>::minimum_balance(),
			Preservation::Preserve,
		)?;

		let operators = if config.independent_operator {
			DamOperators::<T>::insert(id, &manager, OperatorRole::Independent);
			Assignments::<T>::mutate(&manager, |n| n.saturating_inc());
			1
		} else {
			0
		};
		Dams::<T>::insert(
			id,
			DamInfo {
				manager: manager.clone(),
				kind: config.kind,
				deposit_asset: config.deposit_asset.clone(),
				fee: config.fee,
				pending_fee: None,
				fee_mutable: config.fee_mutable,
				gatekeeper: config.gatekeeper.unwrap_or_else(|| manager.clone()),
				gatekeeper_mutable: config.gatekeeper_mutable,
				catalyst: config.catalyst.unwrap_or_else(|| manager.clone()),
				catalyst_mutable: config.catalyst_mutable,
				receipt_transferable: config.receipt_transferable,
				allow_list: config.allow_list,
				deposit,
				total_shares: SharesOf::<T>::zero(),
				pending_shares: SharesOf::<T>::zero(),
				idle: Zero::zero(),
				dust: Zero::zero(),
				lent: Zero::zero(),
				closed: false,
				recovery: Zero::zero(),
				recovery_per_share: FixedU128::zero(),
				penalties: 0,
				in_dispute: Zero::zero(),
				compensation: Zero::zero(),
				operators,
				invited: 0,
				allowed: 0,
			},
		);
		Metadata::<T>::insert(id, metadata);
		NextDamId::<T>::put(next);
		Self::deposit_event(Event::DamCreated {
			dam: id,
			manager: manager.clone(),
			kind: config.kind,
			deposit_asset: config.deposit_asset,
			account,
			deposit,
		});
		if config.independent_operator {
			Self::deposit_event(Event::OperatorAssigned {
				dam: id,
				operator: manager,
				role: OperatorRole::Independent,
			});
		}
		Ok(id)
	}

	pub(crate) fn do_set_fee(who: T::AccountId, id: DamId, fee: Perbill) -> DispatchResult {
		let mut dam = Self::ensure_manager(&who, id)?;
		ensure!(dam.fee_mutable, Error::<T>::FeeImmutable);
		let params = T::Marketplace::params();
		ensure!(fee <= params.max_dam_fee, Error::<T>::FeeTooHigh);
		let now = frame_system::Pallet::<T>::block_number();
		Self::apply_pending_fee(&mut dam, now);
		let applies_from = if fee > dam.fee {
			let from = now.saturating_add(params.fee_increase_delay);
			dam.pending_fee = Some((fee, from));
			from
		} else {
			dam.fee = fee;
			dam.pending_fee = None;
			now
		};
		Dams::<T>::insert(id, dam);
		Self::deposit_event(Event::FeeSet { dam: id, fee, applies_from });
		Ok(())
	}

	pub(crate) fn do_set_gatekeeper(
		who: T::AccountId,
		id: DamId,
		gatekeeper: T::AccountId,
	) -> DispatchResult {
		let mut dam = Self::ensure_manager(&who, id)?;
		ensure!(dam.gatekeeper_mutable, Error::<T>::GatekeeperImmutable);
		dam.gatekeeper = gatekeeper.clone();
		Dams::<T>::insert(id, dam);
		Self::deposit_event(Event::GatekeeperSet { dam: id, gatekeeper });
		Ok(())
	}

	pub(crate) fn do_set_catalyst(
		who: T::AccountId,
		id: DamId,
		catalyst: T::AccountId,
	) -> DispatchResult {
		let mut dam = Self::ensure_manager(&who, id)?;
		ensure!(dam.catalyst_mutable, Error::<T>::CatalystImmutable);
		dam.catalyst = catalyst.clone();
		Dams::<T>::insert(id, dam);
		Self::deposit_event(Event::CatalystSet { dam: id, catalyst });
		Ok(())
	}

	pub(crate) fn do_invite_operator(
		who: T::AccountId,
		id: DamId,
		operator: T::AccountId,
	) -> DispatchResult {
		let mut dam = Self::ensure_gatekeeper(&who, id)?;
		ensure!(T::Marketplace::is_operator(&operator), Error::<T>::NotOperator);
		ensure!(!DamOperators::<T>::contains_key(id, &operator), Error::<T>::AlreadyAssigned);
		ensure!(!Invitations::<T>::contains_key(id, &operator), Error::<T>::AlreadyInvited);
		// Open invitations count against the cap, so that they stay bounded too.
		ensure!(
			dam.operators.saturating_add(dam.invited) < T::MaxOperatorsPerDam::get(),
			Error::<T>::TooManyOperators
		);
		Invitations::<T>::insert(id, &operator, ());
		dam.invited.saturating_inc();
		Dams::<T>::insert(id, dam);
		Self::deposit_event(Event::OperatorInvited { dam: id, operator });
		Ok(())
	}

	pub(crate) fn do_accept_invite(who: T::AccountId, id: DamId) -> DispatchResult {
		let mut dam = Self::dam(id)?;
		ensure!(Invitations::<T>::contains_key(id, &who), Error::<T>::NoInvitation);
		ensure!(T::Marketplace::is_operator(&who), Error::<T>::NotOperator);
		ensure!(dam.operators < T::MaxOperatorsPerDam::get(), Error::<T>::TooManyOperators);
		Invitations::<T>::remove(id, &who);
		dam.invited.saturating_dec();
		DamOperators::<T>::insert(id, &who, OperatorRole::Affiliated);
		Assignments::<T>::mutate(&who, |n| n.saturating_inc());
		dam.operators.saturating_inc();
		Dams::<T>::insert(id, dam);
		Self::deposit_event(Event::OperatorAssigned {
			dam: id,
			operator: who,
			role: OperatorRole::Affiliated,
		});
		Ok(())
	}

	pub(crate) fn do_remove_operator(
		who: T::AccountId,
		id: DamId,
		operator: T::AccountId,
	) -> DispatchResult {
		let mut dam = Self::ensure_gatekeeper(&who, id)?;
		if Invitations::<T>::take(id, &operator).is_some() {
			dam.invited.saturating_dec();
			Dams::<T>::insert(id, dam);
			Self::deposit_event(Event::OperatorRemoved { dam: id, operator });
			return Ok(());
		}
		let role = DamOperators::<T>::get(id, &operator).ok_or(Error::<T>::NotAssigned)?;
		ensure!(role == OperatorRole::Affiliated, Error::<T>::IndependentOperator);
		let runs_one = DamInstallations::<T>::get(id).iter().any(|network| {
			T::Marketplace::installation(*network, id).is_some_and(|i| i.operator == operator)
		});
		ensure!(!runs_one, Error::<T>::OperatorRunsInstallation);
		DamOperators::<T>::remove(id, &operator);
		Assignments::<T>::mutate_exists(&operator, |n| {
			*n = n.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
		});
		dam.operators.saturating_dec();
		Dams::<T>::insert(id, dam);
		Self::deposit_event(Event::OperatorRemoved { dam: id, operator });
		Ok(())
	}

	pub(crate) fn do_set_allow_list(who: T::AccountId, id: DamId, enabled: bool) -> DispatchResult {
		let mut dam = Self::ensure_gatekeeper(&who, id)?;
		dam.allow_list = enabled;
		Dams::<T>::insert(id, dam);
		Self::deposit_event(Event::AllowListSet { dam: id, enabled });
		Ok(())
	}

	pub(crate) fn do_set_allowed(
		who: T::AccountId,
		id: DamId,
		delegator: T::AccountId,
		allowed: bool,
	) -> DispatchResult {
		let mut dam = Self::ensure_gatekeeper(&who, id)?;
		let listed = AllowList::<T>::contains_key(id, &delegator);
		if allowed {
			if !listed {
				ensure!(dam.allowed < T::MaxAllowListLength::get(), Error::<T>::AllowListFull);
				AllowList::<T>::insert(id, &delegator, ());
				dam.allowed.saturating_inc();
				Dams::<T>::insert(id, dam);
			}
			Self::deposit_event(Event::DelegatorAllowed { dam: id, delegator });
		} else {
			if listed {
				AllowList::<T>::remove(id, &delegator);
				dam.allowed.saturating_dec();
				Dams::<T>::insert(id, dam);
			}
			Self::deposit_event(Event::DelegatorDisallowed { dam: id, delegator });
		}
		Ok(())
	}

	/// Makes a fee increase whose delay has passed the DAM's fee.
	pub(crate) fn apply_pending_fee(dam: &mut DamOf<T>, now: BlockNumberOf<T>) {
		if let Some((fee, from)) = dam.pending_fee {
			if now >= from {
				dam.fee = fee;
				dam.pending_fee = None;
			}
		}
	}

	/// The fee a deposit pays now: the DAM's fee, with an increase whose delay has passed,
	/// and never above the protocol's current `max_dam_fee`.
	pub fn fee_now(dam: &DamOf<T>) -> Perbill {
		let now = frame_system::Pallet::<T>::block_number();
		let fee = match dam.pending_fee {
			Some((raised, from)) if now >= from => raised,
			_ => dam.fee,
		};
		fee.min(T::Marketplace::params().max_dam_fee)
	}

	/// The fee and the shares a deposit of `amount` gets now.
	pub fn deposit_quote(
		dam: &DamOf<T>,
		amount: BalanceOf<T>,
	) -> Result<(BalanceOf<T>, SharesOf<T>), DispatchError> {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let fee = Self::fee_now(dam).mul_floor(amount);
		let net = Assets(amount.saturating_sub(fee));
		let minted = shares::shares_for::<T>(dam, net).ok_or(Error::<T>::Overflow)?;
		ensure!(!minted.is_zero(), Error::<T>::DepositTooSmall);
		Ok((fee, minted))
	}

	/// Fails once a Network this Liquidity DAM lent to is past its repay grace with the loan
	/// unpaid: that loan is impaired, and entering or leaving at par would move the loss onto
	/// the other holders. `Vaults.declare_default`, which anyone may call then, writes it off
	/// and reopens the DAM. One read of the ends of the DAM's loans, whatever their number.
	fn ensure_no_overdue_loan(id: DamId, dam: &DamOf<T>) -> DispatchResult {
		if dam.kind != NetworkKind::Liquidity || dam.lent.is_zero() {
			return Ok(());
		}
		let Some(end) = T::Vaults::earliest_loan_end(id) else { return Ok(()) };
		let due = end.saturating_add(T::Marketplace::params().repay_grace);
		ensure!(frame_system::Pallet::<T>::block_number() < due, Error::<T>::LoanOverdue);
		Ok(())
	}

	/// What a deposit of `asset` must leave the delegator: the native token keeps the account
	/// alive; any other asset may go to its last unit.
	pub(crate) fn keep_for(asset: &T::AssetKind) -> Preservation {
		if *asset == T::NativeAsset::get() {
			Preservation::Preserve
		} else {
			Preservation::Expendable
		}
	}

	/// The most `who` can deposit into `dam` now.
	pub fn max_deposit(id: DamId, who: &T::AccountId) -> Option<BalanceOf<T>> {
		let dam = Dams::<T>::get(id)?;
		let keep = Self::keep_for(&dam.deposit_asset);
		Some(T::Assets::reducible_balance(dam.deposit_asset, who, keep, Fortitude::Polite))
	}

	/// Fails unless `dam` tracks at most `witness` reward tokens: a call that changes shares is
	/// charged for settling `witness` of them.
	pub(crate) fn ensure_token_witness(dam: DamId, witness: u32) -> DispatchResult {
		ensure!(T::ShareListeners::tracked_tokens(dam) <= witness, Error::<T>::TokenWitnessTooLow);
		Ok(())
	}

	/// What a call that changed `dam`'s shares actually used: `base`, plus settling the
	/// reward tokens the DAM tracks rather than the most it may track.
	pub(crate) fn actual_weight(base: Weight, dam: DamId) -> PostDispatchInfo {
		Some(base.saturating_add(T::ShareListeners::share_change_weight_of(dam))).into()
	}

	pub(crate) fn do_deposit(
		who: T::AccountId,
		id: DamId,
		amount: BalanceOf<T>,
		max_fee: Perbill,
	) -> Result<SharesOf<T>, DispatchError> {
		let mut dam = Self::dam(id)?;
		ensure!(!dam.closed, Error::<T>::DepositsClosed);
		ensure!(dam.penalties == 0, Error::<T>::PenaltyPending);
		Self::ensure_allowed(&dam, id, &who)?;
		ensure!(Self::fee_now(&dam) <= max_fee, Error::<T>::FeeAboveLimit);
		Self::apply_pending_fee(&mut dam, frame_system::Pallet::<T>::block_number());
		let (fee, minted) = Self::deposit_quote(&dam, amount)?;
		Self::ensure_no_overdue_loan(id, &dam)?;
		let keep = Self::keep_for(&dam.deposit_asset);
		ensure!(
			amount
				<= T::Assets::reducible_balance(
					dam.deposit_asset.clone(),
					&who,
					keep,
					Fortitude::Polite
				),
			Error::<T>::InsufficientBalance
		);
		Self::settle_recovery(id, &dam, &who);
		let prev_active = Self::active_of(&dam);
		let held = Shares::<T>::get(id, &who);
		let net = amount.saturating_sub(fee);
		shares::book_deposit::<T>(&mut dam, Assets(net), minted).ok_or(Error::<T>::Overflow)?;

		if !fee.is_zero() {
			T::Assets::transfer(dam.deposit_asset.clone(), &who, &dam.manager, fee, keep)?;
		}
		T::Assets::transfer(dam.deposit_asset.clone(), &who, &Self::dam_account(id), net, keep)?;

		Shares::<T>::insert(id, &who, held.saturating_add(minted));
		Dams::<T>::insert(id, dam);
		T::ShareListeners::on_shares_changed(id, prev_active, &[(&who, held.convert())]);
		Self::deposit_event(Event::Deposited {
			dam: id,
			delegator: who,
			amount,
			fee,
			shares: minted,
		});
		Ok(minted)
	}

	/// What `shares` of `who` are worth, checking that it holds them.
	fn value_of_held(
		dam: &DamOf<T>,
		id: DamId,
		who: &T::AccountId,
		shares: SharesOf<T>,
	) -> Result<AssetsOf<T>, DispatchError> {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		ensure!(Shares::<T>::get(id, who) >= shares, Error::<T>::InsufficientShares);
		let value = shares::assets_for::<T>(dam, shares).ok_or(Error::<T>::Overflow)?;
		ensure!(!value.is_zero(), Error::<T>::WithdrawalTooSmall);
		Ok(value)
	}

	pub(crate) fn do_withdraw(
		who: T::AccountId,
		id: DamId,
		shares: SharesOf<T>,
	) -> Result<AssetsOf<T>, DispatchError> {
		let mut dam = Self::dam(id)?;
		ensure!(dam.kind != NetworkKind::Collateral, Error::<T>::TwoStepWithdrawal);
		let value = Self::value_of_held(&dam, id, &who, shares)?;
		ensure!(value.0 <= dam.idle, Error::<T>::InsufficientIdleAssets);
		Self::ensure_no_overdue_loan(id, &dam)?;
		let prev_active = Self::active_of(&dam);
		shares::book_withdrawal::<T>(&mut dam, shares, value).ok_or(Error::<T>::Overflow)?;
		Self::settle_recovery(id, &dam, &who);
		let held = Self::take_shares(id, &who, shares);
		T::Assets::transfer(
			dam.deposit_asset.clone(),
			&Self::dam_account(id),
			&who,
			value.0,
			Preservation::Expendable,
		)?;
		Dams::<T>::insert(id, dam);
		T::ShareListeners::on_shares_changed(id, prev_active, &[(&who, held.convert())]);
		Self::deposit_event(Event::Withdrawn { dam: id, delegator: who, shares, amount: value.0 });
		Ok(value)
	}

	pub(crate) fn do_request_withdrawal(
		who: T::AccountId,
		id: DamId,
		shares: SharesOf<T>,
	) -> DispatchResult {
		let mut dam = Self::dam(id)?;
		ensure!(dam.kind == NetworkKind::Collateral, Error::<T>::AtomicWithdrawal);
		Self::value_of_held(&dam, id, &who, shares)?;
		let unlock_at = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::Marketplace::params().withdrawal_delay);
		PendingWithdrawals::<T>::try_mutate(id, &who, |queue| {
			queue
				.try_push(PendingWithdrawal { shares, unlock_at })
				.map_err(|_| Error::<T>::TooManyPendingWithdrawals)
		})?;
		Self::settle_recovery(id, &dam, &who);
		let prev_active = Self::active_of(&dam);
		let held = Self::take_shares(id, &who, shares);
		dam.pending_shares.saturating_accrue(shares);
		Dams::<T>::insert(id, dam);
		T::ShareListeners::on_shares_changed(id, prev_active, &[(&who, held.convert())]);
		Self::deposit_event(Event::WithdrawalRequested {
			dam: id,
			delegator: who,
			shares,
			unlock_at,
		});
		Ok(())
	}

	pub(crate) fn do_claim_withdrawal(
		who: T::AccountId,
		id: DamId,
	) -> Result<AssetsOf<T>, DispatchError> {
		let mut dam = Self::dam(id)?;
		let prev_active = Self::active_of(&dam);
		let now = frame_system::Pallet::<T>::block_number();
		let mut queue = PendingWithdrawals::<T>::get(id, &who);
		let matured: SharesOf<T> = queue
			.iter()
			.filter(|w| w.unlock_at <= now)
			.fold(SharesOf::<T>::zero(), |sum: SharesOf<T>, w| sum.saturating_add(w.shares));
		ensure!(!matured.is_zero(), Error::<T>::NothingToClaim);
		queue.retain(|w| w.unlock_at > now);

		let value = shares::assets_for::<T>(&dam, matured).ok_or(Error::<T>::Overflow)?;
		ensure!(value.0 <= dam.idle, Error::<T>::InsufficientIdleAssets);
		// The claim is paid at the lowered rate of open penalties; the claimer takes its part
		// of them along, paid if they are vetoed or cancelled.
		let owed_if_vetoed = Self::take_claimer_parts(id, &mut dam, &who, matured)?;
		shares::book_withdrawal::<T>(&mut dam, matured, value).ok_or(Error::<T>::Overflow)?;
		dam.pending_shares.saturating_reduce(matured);
		if !value.is_zero() {
			T::Assets::transfer(
				dam.deposit_asset.clone(),
				&Self::dam_account(id),
				&who,
				value.0,
				Preservation::Expendable,
			)?;
		}
		if queue.is_empty() {
			PendingWithdrawals::<T>::remove(id, &who);
		} else {
			PendingWithdrawals::<T>::insert(id, &who, queue);
		}
		Dams::<T>::insert(id, dam);
		T::ShareListeners::on_shares_changed(id, prev_active, &[]);
		Self::deposit_event(Event::WithdrawalClaimed {
			dam: id,
			delegator: who,
			shares: matured,
			amount: value.0,
			owed_if_vetoed,
		});
		Ok(value)
	}

	/// Moves the part of every open penalty that `burned` of the DAM's shares bear from the
	/// holders' side (`in_dispute`) to `who`'s compensation claims, first paying `who` what
	/// resolved penalties owe it. Returns the part taken. Costs O(open penalties), at most
	/// `MaxInstallationsPerDam`.
	fn take_claimer_parts(
		id: DamId,
		dam: &mut DamOf<T>,
		who: &T::AccountId,
		burned: SharesOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut open = OpenSlashes::<T>::get(id);
		if open.is_empty() {
			return Ok(Zero::zero());
		}
		Self::settle_compensation(id, dam, who, &open)?;
		let mut parts = Compensation::<T>::get(id, who);
		let mut taken = BalanceOf::<T>::zero();
		for slash in open.iter_mut() {
			let held = slash.amount.saturating_sub(slash.claimed);
			let part = Into::<u128>::into(held)
				.mul_div(burned.0.into(), dam.total_shares.0.into(), Rounding::Down)
				.and_then(|p| BalanceOf::<T>::try_from(p).ok())
				.ok_or(Error::<T>::Overflow)?
				.min(held);
			if part.is_zero() {
				continue;
			}
			slash.claimed.saturating_accrue(part);
			dam.in_dispute.saturating_reduce(part);
			taken.saturating_accrue(part);
			match parts.iter_mut().find(|(vault, _)| *vault == slash.vault) {
				Some((_, owed)) => owed.saturating_accrue(part),
				// Settled above, the claimer's parts are all of open penalties: one each at most.
				None => parts.try_push((slash.vault, part)).map_err(|_| Error::<T>::Overflow)?,
			}
		}
		OpenSlashes::<T>::insert(id, open);
		if !parts.is_empty() {
			Compensation::<T>::insert(id, who, parts);
		}
		Ok(taken)
	}

	/// Pays `who` its parts of penalties that were vetoed or cancelled and drops its parts of
	/// executed ones; keeps its parts of those still `open`. Returns what it paid.
	pub(crate) fn settle_compensation(
		id: DamId,
		dam: &mut DamOf<T>,
		who: &T::AccountId,
		open: &OpenSlashesOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let parts = Compensation::<T>::get(id, who);
		if parts.is_empty() {
			return Ok(Zero::zero());
		}
		let mut paid = BalanceOf::<T>::zero();
		let mut kept = ClaimerPartsOf::<T>::default();
		for (vault, owed) in parts {
			if open.iter().any(|slash| slash.vault == vault) {
				let _ = kept.try_push((vault, owed));
				continue;
			}
			// A pool exists only for a vetoed or cancelled penalty; an executed one left none.
			let pool = CompensationPools::<T>::get(id, vault);
			let due = owed.min(pool);
			if due.is_zero() {
				continue;
			}
			let left = pool.saturating_sub(due);
			if left.is_zero() {
				CompensationPools::<T>::remove(id, vault);
			} else {
				CompensationPools::<T>::insert(id, vault, left);
			}
			paid.saturating_accrue(due);
		}
		if kept.is_empty() {
			Compensation::<T>::remove(id, who);
		} else {
			Compensation::<T>::insert(id, who, kept);
		}
		if !paid.is_zero() {
			dam.compensation.saturating_reduce(paid);
			T::Assets::transfer(
				dam.deposit_asset.clone(),
				&Self::dam_account(id),
				who,
				paid,
				Preservation::Expendable,
			)?;
			Self::deposit_event(Event::CompensationPaid {
				dam: id,
				delegator: who.clone(),
				amount: paid,
			});
		}
		Ok(paid)
	}

	pub(crate) fn do_claim_compensation(
		who: T::AccountId,
		id: DamId,
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut dam = Self::dam(id)?;
		let open = OpenSlashes::<T>::get(id);
		let paid = Self::settle_compensation(id, &mut dam, &who, &open)?;
		ensure!(!paid.is_zero(), Error::<T>::NothingToClaim);
		Dams::<T>::insert(id, dam);
		Ok(paid)
	}

	pub(crate) fn do_transfer_shares(
		who: T::AccountId,
		id: DamId,
		to: T::AccountId,
		shares: SharesOf<T>,
	) -> DispatchResult {
		let dam = Self::dam(id)?;
		ensure!(dam.receipt_transferable, Error::<T>::ReceiptNotTransferable);
		ensure!(who != to, Error::<T>::SelfTransfer);
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		Self::ensure_allowed(&dam, id, &to)?;
		let held = Shares::<T>::get(id, &who);
		ensure!(held >= shares, Error::<T>::InsufficientShares);
		// No transfer leaves the receiver with dust: each holder's records cost storage.
		let receiver_held = Shares::<T>::get(id, &to);
		ensure!(
			receiver_held.saturating_add(shares).0 >= T::MinimumShares::get(),
			Error::<T>::BelowMinimumShares
		);
		Self::settle_recovery(id, &dam, &who);
		Self::settle_recovery(id, &dam, &to);
		Self::take_shares(id, &who, shares);
		Shares::<T>::insert(id, &to, receiver_held.saturating_add(shares));
		T::ShareListeners::on_shares_transferred(
			id,
			&who,
			&to,
			shares.convert(),
			held.convert(),
			receiver_held.convert(),
		);
		Self::deposit_event(Event::SharesTransferred { dam: id, from: who, to, shares });
		Ok(())
	}

	pub(crate) fn do_request_installation(
		who: T::AccountId,
		id: DamId,
		network: NetworkId,
		operator: T::AccountId,
	) -> DispatchResult {
		let dam = Self::ensure_catalyst(&who, id)?;
		ensure!(DamOperators::<T>::contains_key(id, &operator), Error::<T>::NotAssigned);
		DamInstallations::<T>::try_mutate(id, |list| {
			list.try_push(network).map_err(|_| Error::<T>::TooManyInstallations)
		})?;
		T::Marketplace::request_installation(
			network,
			id,
			DamView { kind: dam.kind, deposit_asset: dam.deposit_asset, manager: dam.manager },
			operator.clone(),
		)?;
		Self::deposit_event(Event::InstallationRequested { dam: id, network, operator });
		Ok(())
	}

	pub(crate) fn do_uninstall(who: T::AccountId, id: DamId, network: NetworkId) -> DispatchResult {
		let dam = Self::ensure_catalyst(&who, id)?;
		ensure!(DamInstallations::<T>::get(id).contains(&network), Error::<T>::NotInstalled);
		ensure!(
			!OpenSlashes::<T>::get(id).iter().any(|slash| slash.network == network),
			Error::<T>::PenaltyOpen
		);
		let over = T::Marketplace::network(network)
			.is_none_or(|n| matches!(n.status, NetworkStatus::Ended | NetworkStatus::Defaulted));
		if let Some(installation) = T::Marketplace::installation(network, id) {
			// Leaving is no way out of a penalty: a commitment stays slashable for
			// `commitment_delay` after it was lowered, while the Network can still penalise.
			if dam.kind == NetworkKind::Collateral && !over {
				ensure!(
					installation.slashable_exposure.is_zero(),
					Error::<T>::CommitmentStillSlashable
				);
			}
			if !installation.exposure.is_zero() {
				match dam.kind {
					NetworkKind::Collateral => {
						T::Marketplace::set_exposure(network, id, Zero::zero())?
					}
					// A Growth allocation is spent for good; once the Network is over, it no
					// longer ties the DAM to it.
					NetworkKind::Growth => {
						ensure!(over, Error::<T>::AllocationOutstanding);
						T::Marketplace::reduce_exposure(network, id, installation.exposure)?;
					}
					// Liquidity must come back first: repaid, or written off at a default.
					NetworkKind::Liquidity => return Err(Error::<T>::AllocationOutstanding.into()),
				}
			}
		}
		T::Marketplace::remove_installation(network, id)?;
		DamInstallations::<T>::mutate(id, |list| list.retain(|n| *n != network));
		Self::deposit_event(Event::Uninstalled { dam: id, network });
		Ok(())
	}

	pub(crate) fn do_commit(
		who: T::AccountId,
		id: DamId,
		network: NetworkId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let dam = Self::ensure_catalyst(&who, id)?;
		ensure!(dam.kind == NetworkKind::Collateral, Error::<T>::NotCollateral);
		ensure!(DamInstallations::<T>::get(id).contains(&network), Error::<T>::NotInstalled);
		T::Marketplace::set_exposure(network, id, amount)?;
		Self::deposit_event(Event::Committed { dam: id, network, amount });
		Ok(())
	}

	pub(crate) fn do_allocate(
		who: T::AccountId,
		id: DamId,
		network: NetworkId,
		amount: BalanceOf<T>,
	) -> Result<VaultId, DispatchError> {
		let mut dam = Self::ensure_catalyst(&who, id)?;
		let kind = match dam.kind {
			NetworkKind::Liquidity => VaultKind::Liquidity,
			NetworkKind::Growth => VaultKind::Growth,
			NetworkKind::Collateral => return Err(Error::<T>::CollateralCommits.into()),
		};
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(DamInstallations::<T>::get(id).contains(&network), Error::<T>::NotInstalled);
		let installation =
			T::Marketplace::installation(network, id).ok_or(Error::<T>::NotInstalled)?;
		let terms = T::Marketplace::network(network).ok_or(Error::<T>::NotInstalled)?;
		let lock_period = terms.lock_period.ok_or(Error::<T>::NotInstalled)?;
		ensure!(amount <= dam.idle, Error::<T>::InsufficientIdleAssets);
		let exposure = installation.exposure.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		// The marketplace checks that the Network is live and that its caps hold.
		T::Marketplace::set_exposure(network, id, exposure)?;

		dam.idle.saturating_reduce(amount);
		let closing = kind == VaultKind::Growth && !dam.closed;
		match kind {
			// A loan: it stays on the books, so the exchange rate does not move.
			VaultKind::Liquidity => {
				dam.lent = dam.lent.checked_add(&amount).ok_or(Error::<T>::Overflow)?
			}
			// A sale: the assets leave the books, so the exchange rate falls.
			_ => dam.closed = true,
		}
		let unlock_at = frame_system::Pallet::<T>::block_number().saturating_add(lock_period);
		let vault = T::Vaults::lock(
			kind,
			network,
			id,
			dam.deposit_asset.clone(),
			amount,
			&Self::dam_account(id),
			unlock_at,
		)?;
		Dams::<T>::insert(id, dam);
		if kind == VaultKind::Growth {
			T::ShareListeners::on_spent(id, network, amount.into());
		}
		Self::deposit_event(Event::Allocated { dam: id, network, amount, vault, unlock_at });
		if closing {
			Self::deposit_event(Event::DepositsClosed { dam: id });
		}
		Ok(vault)
	}

	pub(crate) fn do_buy_license(
		who: T::AccountId,
		id: DamId,
		network: NetworkId,
		operator: T::AccountId,
	) -> Result<u32, DispatchError> {
		let mut dam = Self::ensure_catalyst(&who, id)?;
		ensure!(dam.kind == NetworkKind::Growth, Error::<T>::NotGrowth);
		ensure!(DamOperators::<T>::contains_key(id, &operator), Error::<T>::NotAssigned);
		ensure!(DamInstallations::<T>::get(id).contains(&network), Error::<T>::NotInstalled);
		let installation =
			T::Marketplace::installation(network, id).ok_or(Error::<T>::NotInstalled)?;
		if let Some(price) = T::LicenseSeller::license_price(network) {
			ensure!(price <= dam.idle, Error::<T>::InsufficientIdleAssets);
		}
		let account = Self::dam_account(id);
		let (price, item, seller) =
			T::LicenseSeller::sell_license(network, id, &account, &operator)?;
		let exposure = installation.exposure.checked_add(&price).ok_or(Error::<T>::Overflow)?;
		// The marketplace checks that the Network is live and that its caps hold.
		T::Marketplace::set_exposure(network, id, exposure)?;
		T::Assets::transfer(
			dam.deposit_asset.clone(),
			&account,
			&seller,
			price,
			Preservation::Expendable,
		)?;
		dam.idle.saturating_reduce(price);
		let closing = !dam.closed;
		dam.closed = true;
		Dams::<T>::insert(id, dam);
		T::ShareListeners::on_spent(id, network, price.into());
		Self::deposit_event(Event::LicenseBought { dam: id, network, item, operator, price });
		if closing {
			Self::deposit_event(Event::DepositsClosed { dam: id });
		}
		Ok(item)
	}

	pub(crate) fn do_sweep_unbooked(id: DamId) -> DispatchResult {
		let mut dam = Self::dam(id)?;
		let account = Self::dam_account(id);
		let treasury = T::Treasury::get();
		let native = T::NativeAsset::get();
		// What the account owes, in its asset and in the native token, and the existential
		// deposit it keeps.
		let mut owed = dam.idle.saturating_add(dam.compensation);
		let mut owed_native =
			dam.recovery.saturating_add(<T::Currency as fungible::Inspect<_>>::minimum_balance());
		if dam.deposit_asset == native {
			owed.saturating_accrue(owed_native);
			owed_native = owed;
		}
		let held = T::Assets::balance(dam.deposit_asset.clone(), &account);
		let amount = held.saturating_sub(owed);
		if !amount.is_zero() {
			T::Assets::transfer(
				dam.deposit_asset.clone(),
				&account,
				&treasury,
				amount,
				Preservation::Expendable,
			)?;
		}
		let native_amount = if dam.deposit_asset == native {
			Zero::zero()
		} else {
			let held = <T::Currency as fungible::Inspect<_>>::balance(&account);
			let surplus = held.saturating_sub(owed_native);
			if !surplus.is_zero() {
				<T::Currency as fungible::Mutate<_>>::transfer(
					&account,
					&treasury,
					surplus,
					Preservation::Expendable,
				)?;
			}
			surplus
		};
		ensure!(!amount.is_zero() || !native_amount.is_zero(), Error::<T>::NothingToSweep);
		dam.dust = Zero::zero();
		Dams::<T>::insert(id, dam);
		Self::deposit_event(Event::UnbookedSwept { dam: id, amount, native: native_amount });
		Ok(())
	}

	/// Removes `amount` of `who`'s shares, dropping empty entries; returns what it held before.
	fn take_shares(id: DamId, who: &T::AccountId, shares: SharesOf<T>) -> SharesOf<T> {
		let held = Shares::<T>::mutate_exists(id, who, |s| {
			let held = s.unwrap_or_default();
			*s = Some(held.saturating_sub(shares)).filter(|s| !s.is_zero());
			held
		});
		Self::tidy_recovery(id, who);
		held
	}

	/// The shares of `dam` that earn rewards: all but those queued for withdrawal.
	pub(crate) fn active_of(dam: &DamOf<T>) -> nektar_primitives::Shares<u128> {
		nektar_primitives::Shares(dam.total_shares.saturating_sub(dam.pending_shares).0.into())
	}
}
