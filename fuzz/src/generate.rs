//! Random calls, built from the runtime's own type information: every call of every pallet
//! the campaign targets is reachable, with arguments biased towards the values where code
//! breaks (zero, one, the existential deposit, whole balances, the largest integers).

use crate::rng::Rng;
use codec::{Compact, Encode};
use nektar_runtime::{AccountId, Balance, RuntimeCall};
use scale_info::{
	form::PortableForm, PortableRegistry, Type, TypeDef, TypeDefPrimitive, TypeDefVariant,
};

/// The pallets whose calls the campaign makes, and which of their calls: `None` for all.
pub const TARGETS: &[(&str, Option<&[&str]>)] = &[
	("Marketplace", None),
	("Dam", None),
	("Vaults", None),
	("Rewards", None),
	("Slashing", None),
	("Validators", None),
	("Balances", Some(&["transfer_allow_death", "transfer_keep_alive", "transfer_all"])),
	("Assets", Some(&["transfer", "transfer_keep_alive", "transfer_all"])),
];

/// Why no call came out of a draw.
#[derive(Debug)]
pub enum Unbuildable {
	/// A type the generator does not build (a nested call, a bit sequence).
	Unsupported,
}

/// What the values of a draw are biased towards.
pub struct Context {
	/// The accounts that sign and are named in calls.
	pub accounts: Vec<AccountId>,
	/// Amounts worth trying: edges, and the balances of the accounts at this block.
	pub amounts: Vec<Balance>,
	/// The ids that name something at this block.
	pub ids: Vec<u64>,
}

/// How many of the accounts, first in the list, hold the prelude's roles.
const ROLES: u64 = 6;

/// An account, seven times in ten one with a role in the prelude's marketplace.
pub fn pick_account<'a>(rng: &mut Rng, accounts: &'a [AccountId]) -> &'a AccountId {
	let within =
		if rng.chance(70) { ROLES.min(accounts.len() as u64) } else { accounts.len() as u64 };
	&accounts[rng.below(within) as usize]
}

/// Draws calls from the runtime's call type.
pub struct Generator {
	registry: PortableRegistry,
	call: u32,
	/// For each target: its variant in `RuntimeCall` and the call variants it may make.
	targets: Vec<(String, u8, u32, Vec<u8>)>,
}

impl Generator {
	pub fn new() -> Self {
		let mut registry = scale_info::Registry::new();
		let call = registry.register_type(&scale_info::meta_type::<RuntimeCall>()).id;
		let registry: PortableRegistry = registry.into();
		let TypeDef::Variant(pallets) = &registry.resolve(call).expect("RuntimeCall").type_def
		else {
			panic!("RuntimeCall is an enum of pallets")
		};
		let targets = TARGETS
			.iter()
			.map(|(name, only)| {
				let pallet = pallets
					.variants
					.iter()
					.find(|v| v.name == *name)
					.unwrap_or_else(|| panic!("the runtime has no pallet {name}"));
				let inner = pallet.fields[0].ty.id;
				let TypeDef::Variant(calls) = &registry.resolve(inner).expect("Call").type_def
				else {
					panic!("{name}'s Call is an enum")
				};
				let allowed = calls
					.variants
					.iter()
					.filter(|c| only.is_none_or(|only| only.contains(&c.name.as_str())))
					.map(|c| c.index)
					.collect::<Vec<_>>();
				assert!(!allowed.is_empty(), "{name} has none of the calls named");
				(name.to_string(), pallet.index, inner, allowed)
			})
			.collect();
		Self { registry, call, targets }
	}

	/// The names of the target pallets, in order.
	pub fn pallets(&self) -> impl Iterator<Item = &str> {
		self.targets.iter().map(|(name, ..)| name.as_str())
	}

	/// The SCALE encoding of a random call of target `pallet`.
	pub fn draw(
		&self,
		rng: &mut Rng,
		context: &Context,
		pallet: usize,
	) -> Result<Vec<u8>, Unbuildable> {
		let (_, index, inner, allowed) = &self.targets[pallet];
		let mut out = vec![*index];
		let call = allowed[rng.below(allowed.len() as u64) as usize];
		let TypeDef::Variant(calls) = &self.ty(*inner).type_def else { unreachable!() };
		let variant = calls.variants.iter().find(|v| v.index == call).expect("allowed call");
		out.push(call);
		let mut draw = Draw { generator: self, rng, context };
		for field in &variant.fields {
			draw.value(field.ty.id, 0, &mut out)?;
		}
		Ok(out)
	}

	fn ty(&self, id: u32) -> &Type<PortableForm> {
		self.registry.resolve(id).expect("a registered type")
	}
}

struct Draw<'a> {
	generator: &'a Generator,
	rng: &'a mut Rng,
	context: &'a Context,
}

/// The deepest nesting of types a call argument may have.
const MAX_DEPTH: u32 = 12;

impl Draw<'_> {
	fn value(&mut self, id: u32, depth: u32, out: &mut Vec<u8>) -> Result<(), Unbuildable> {
		if depth > MAX_DEPTH || id == self.generator.call {
			return Err(Unbuildable::Unsupported);
		}
		let ty = self.generator.ty(id);
		let name = ty.path.segments.last().map(String::as_str).unwrap_or_default();
		match name {
			"AccountId32" => {
				self.account().encode_to(out);
				return Ok(());
			}
			"MultiAddress" => {
				// `MultiAddress::Id`, the only form the runtime's lookup resolves.
				out.push(0);
				self.account().encode_to(out);
				return Ok(());
			}
			_ => {}
		}
		if let Some((value, width)) = self.per_thing(ty) {
			out.extend_from_slice(&value.to_le_bytes()[..width]);
			return Ok(());
		}
		match &ty.type_def {
			TypeDef::Composite(composite) => {
				for field in &composite.fields {
					self.value(field.ty.id, depth + 1, out)?;
				}
				Ok(())
			}
			TypeDef::Variant(variants) => self.variant(variants, depth, out),
			TypeDef::Sequence(sequence) => {
				let element = sequence.type_param.id;
				if self.is_byte(element) {
					let bytes = self.bytes();
					bytes.encode_to(out);
					return Ok(());
				}
				let len = self.rng.below(4);
				Compact(len as u32).encode_to(out);
				for _ in 0..len {
					self.value(element, depth + 1, out)?;
				}
				Ok(())
			}
			TypeDef::Array(array) => {
				for _ in 0..array.len {
					self.value(array.type_param.id, depth + 1, out)?;
				}
				Ok(())
			}
			TypeDef::Tuple(tuple) => {
				for field in &tuple.fields {
					self.value(field.id, depth + 1, out)?;
				}
				Ok(())
			}
			TypeDef::Primitive(primitive) => {
				self.primitive(primitive, out);
				Ok(())
			}
			TypeDef::Compact(compact) => self.compact(compact.type_param.id, out),
			TypeDef::BitSequence(_) => Err(Unbuildable::Unsupported),
		}
	}

	fn variant(
		&mut self,
		variants: &TypeDefVariant<PortableForm>,
		depth: u32,
		out: &mut Vec<u8>,
	) -> Result<(), Unbuildable> {
		if variants.variants.is_empty() {
			return Err(Unbuildable::Unsupported);
		}
		let variant = &variants.variants[self.rng.below(variants.variants.len() as u64) as usize];
		out.push(variant.index);
		for field in &variant.fields {
			self.value(field.ty.id, depth + 1, out)?;
		}
		Ok(())
	}

	fn is_byte(&self, id: u32) -> bool {
		matches!(self.generator.ty(id).type_def, TypeDef::Primitive(TypeDefPrimitive::U8))
	}

	fn account(&mut self) -> AccountId {
		pick_account(self.rng, &self.context.accounts).clone()
	}

	fn amount(&mut self) -> u128 {
		match self.rng.below(8) {
			0..=4 => {
				self.context.amounts[self.rng.below(self.context.amounts.len() as u64) as usize]
			}
			5 => self.rng.next() as u128,
			6 => self.rng.below(1_000) as u128 * nektar_runtime::UNIT,
			_ => u128::MAX - self.rng.below(2) as u128,
		}
	}

	/// Mostly small numbers and ids of things that exist; sometimes the edges.
	fn small(&mut self, max: u64) -> u64 {
		match self.rng.below(10) {
			0..=3 => self.rng.below(6),
			4..=6 if !self.context.ids.is_empty() => {
				self.context.ids[self.rng.below(self.context.ids.len() as u64) as usize] & max
			}
			4..=7 => self.rng.below(64),
			8 => max,
			_ => self.rng.next() & max,
		}
	}

	fn bytes(&mut self) -> Vec<u8> {
		let len = match self.rng.below(10) {
			0 => 0,
			1..=7 => 1 + self.rng.below(16),
			8 => 32,
			_ => 300,
		};
		(0..len).map(|_| b'a' + self.rng.below(26) as u8).collect()
	}

	fn primitive(&mut self, primitive: &TypeDefPrimitive, out: &mut Vec<u8>) {
		match primitive {
			TypeDefPrimitive::Bool => (self.rng.below(2) == 1).encode_to(out),
			TypeDefPrimitive::U8 => (self.small(u8::MAX as u64) as u8).encode_to(out),
			TypeDefPrimitive::U16 => (self.small(u16::MAX as u64) as u16).encode_to(out),
			TypeDefPrimitive::U32 => (self.small(u32::MAX as u64) as u32).encode_to(out),
			TypeDefPrimitive::U64 => self.small(u64::MAX).encode_to(out),
			TypeDefPrimitive::U128 => self.amount().encode_to(out),
			TypeDefPrimitive::Str => String::from_utf8(self.bytes()).expect("ascii").encode_to(out),
			TypeDefPrimitive::Char => (b'a' as u32).encode_to(out),
			TypeDefPrimitive::I8 => (self.rng.next() as i8).encode_to(out),
			TypeDefPrimitive::I16 => (self.rng.next() as i16).encode_to(out),
			TypeDefPrimitive::I32 => (self.rng.next() as i32).encode_to(out),
			TypeDefPrimitive::I64 => (self.rng.next() as i64).encode_to(out),
			TypeDefPrimitive::I128 => (self.rng.next() as i128).encode_to(out),
			TypeDefPrimitive::U256 | TypeDefPrimitive::I256 => {
				out.extend((0..32).map(|_| self.rng.next() as u8))
			}
		}
	}

	fn compact(&mut self, inner: u32, out: &mut Vec<u8>) -> Result<(), Unbuildable> {
		let ty = self.generator.ty(inner);
		if let Some((value, _)) = self.per_thing(ty) {
			Compact(value).encode_to(out);
			return Ok(());
		}
		match &ty.type_def {
			TypeDef::Primitive(TypeDefPrimitive::U8) => {
				Compact(self.small(u8::MAX as u64) as u8).encode_to(out)
			}
			TypeDef::Primitive(TypeDefPrimitive::U16) => {
				Compact(self.small(u16::MAX as u64) as u16).encode_to(out)
			}
			TypeDef::Primitive(TypeDefPrimitive::U32) => {
				Compact(self.small(u32::MAX as u64) as u32).encode_to(out)
			}
			TypeDef::Primitive(TypeDefPrimitive::U64) => {
				Compact(self.small(u64::MAX)).encode_to(out)
			}
			TypeDef::Primitive(TypeDefPrimitive::U128) => Compact(self.amount()).encode_to(out),
			TypeDef::Composite(c) if c.fields.is_empty() => {}
			_ => return Err(Unbuildable::Unsupported),
		}
		Ok(())
	}

	/// For a fraction type, a value valid for it (none, a little, a tenth, a half, all, or any)
	/// and the width of its plain encoding.
	fn per_thing(&mut self, ty: &Type<PortableForm>) -> Option<(u64, usize)> {
		let (accuracy, width): (u64, usize) = match ty.path.segments.last().map(String::as_str)? {
			"Percent" => (100, 1),
			"PerU16" => (u16::MAX as u64, 2),
			"Permill" => (1_000_000, 4),
			"Perbill" => (1_000_000_000, 4),
			"Perquintill" => (1_000_000_000_000_000_000, 8),
			_ => return None,
		};
		let value = match self.rng.below(6) {
			0 => 0,
			1 => 1,
			2 => accuracy / 10,
			3 => accuracy / 2,
			4 => accuracy,
			_ => self.rng.below(accuracy + 1),
		};
		Some((value, width))
	}
}
