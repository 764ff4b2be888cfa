// libp2p peer ids for nektar-node network keys.
//
// `nektar-node --node-key <hex>` takes a 32-byte Ed25519 secret key (the
// seed). The node's peer id is derived from the matching public key:
//
//   1. encode the public key as a libp2p `PublicKey` protobuf message:
//        field 1 (KeyType, varint) = 1 (Ed25519)   -> 0x08 0x01
//        field 2 (Data, bytes)     = 32-byte key   -> 0x12 0x20 <key>
//   2. wrap those 36 bytes in an identity multihash (code 0x00, length
//      0x24), since keys of up to 42 encoded bytes are inlined rather than
//      hashed;
//   3. base58btc-encode the multihash. Ed25519 peer ids therefore always
//      start with "12D3KooW".
//
// Used by docker/docker-compose.yml (alice's fixed node key and the
// bootnode address bob and charlie dial) and re-checked by
// docker/config.test.mjs.
//
// CLI:
//   node lib/peer-id.js <hex secret>   prints the peer id of that node key
//   node lib/peer-id.js --generate     prints a fresh random key and its peer id

import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { base58Encode, ed25519PairFromSeed } from '@polkadot/util-crypto';

const ED25519_KEY_TYPE = 1;
const IDENTITY_MULTIHASH = 0x00;

/** Normalises a node key given as hex (with or without 0x) to 32 bytes. */
export function parseNodeKey(hex) {
	const clean = String(hex).trim().replace(/^0x/i, '');
	if (!/^[0-9a-fA-F]{64}$/.test(clean)) {
		throw new Error(`node key must be 32 bytes of hex (64 hex digits), got "${hex}"`);
	}
	return hexToU8a(`0x${clean}`);
}

/** The libp2p peer id (base58btc string) of an Ed25519 public key. */
export function peerIdFromEd25519PublicKey(publicKey) {
	if (publicKey.length !== 32) {
		throw new Error(`an Ed25519 public key has 32 bytes, got ${publicKey.length}`);
	}
	const protobuf = u8aConcat(new Uint8Array([0x08, ED25519_KEY_TYPE, 0x12, 32]), publicKey);
	const multihash = u8aConcat(new Uint8Array([IDENTITY_MULTIHASH, protobuf.length]), protobuf);
	return base58Encode(multihash);
}

/** The libp2p peer id of the node started with `--node-key <hex>`. */
export function peerIdFromNodeKey(hex) {
	const { publicKey } = ed25519PairFromSeed(parseNodeKey(hex));
	return peerIdFromEd25519PublicKey(publicKey);
}

/** A fresh random node key (hex, no 0x prefix, as `--node-key` expects). */
export function generateNodeKey() {
	return u8aToHex(randomBytes(32)).slice(2);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const arg = process.argv[2];
	if (arg === '--generate') {
		const key = generateNodeKey();
		console.log(`node key: ${key}`);
		console.log(`peer id:  ${peerIdFromNodeKey(key)}`);
	} else if (arg) {
		console.log(peerIdFromNodeKey(arg));
	} else {
		console.error('usage: node lib/peer-id.js <hex node key> | --generate');
		process.exit(2);
	}
}
