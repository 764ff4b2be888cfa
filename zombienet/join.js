// The steps of the join test (join.zndsl), run by zombienet's js-script with the step's name:
// Dave, a plain `--validator` node, becomes a validator through Network 0 and leaves again.
// Each step resolves to 1 when its condition holds and throws when a call fails, so a step
// that cannot succeed fails at once instead of timing out.

const lib = require('./lib.js');

const NETWORK_0 = 0;
const { UNIT, send, header } = lib;

function dave() {
	return lib.account('dave');
}

/** Dave's installation of Network 0: its DAM, or null. */
async function daveDam(api) {
	const entries = await api.query.marketplace.installations.entries(NETWORK_0);
	const mine = entries.find(([, installation]) => installation.unwrap().operator.toString() === dave().address);
	return mine ? mine[0].args[1].toNumber() : null;
}

const steps = {
	/** The README's Operator path, on Dave's node. */
	async join(api, provider) {
		const operator = dave();
		// `author_rotateKeysWithOwner` is newer than Polkadot.js's RPC definitions: send it raw.
		const owner = `0x${Buffer.from(operator.publicKey).toString('hex')}`;
		const { keys, proof } = await provider.send('author_rotateKeysWithOwner', [owner]);
		console.log(`rotated keys ${keys}`);
		await send(api, api.tx.session.setKeys(keys, proof), operator, 'session.setKeys');
		await send(api, api.tx.marketplace.registerOperator('Dave', ''), operator, 'marketplace.registerOperator');
		const dam = (await api.query.dam.nextDamId()).toNumber();
		const config = lib.damConfig('Collateral', 'Native');
		await send(api, api.tx.dam.createDam(config, 'Dave validates', 'dvNEK', '', '', ''), operator, 'dam.createDam');
		const backing = (await api.query.validators.minValidatorBacking()).toBigInt() * 2n;
		await send(api, api.tx.dam.deposit(dam, backing + UNIT, 0, lib.MAX_TOKENS), operator, 'dam.deposit');
		await send(api, api.tx.dam.requestInstallation(dam, NETWORK_0, operator.address), operator, 'dam.requestInstallation');
		await send(api, api.tx.dam.commit(dam, NETWORK_0, backing), operator, 'dam.commit');
		// Network 0 confirmed the request at once: the installation is active and backed.
		const installation = (await api.query.marketplace.installations(NETWORK_0, dam)).unwrap();
		console.log(`Dave's installation of Network 0: ${installation.status}, backing ${installation.exposure}`);
		return installation.status.toString() === 'Active' && installation.exposure.toBigInt() === backing ? 1 : 0;
	},

	/** Dave is in `session.validators`. */
	async 'in-set'(api) {
		const address = dave().address;
		return lib.waitFor('Dave in the set', async () => {
			const validators = (await api.query.session.validators()).map((v) => v.toString());
			if (!validators.includes(address)) return null;
			const head = await header(api);
			const session = (await api.query.session.currentIndex()).toNumber();
			console.log(`Dave is in session.validators at block #${head.number.toNumber()} (session ${session}): ${validators.length} validators`);
			return 1;
		});
	},

	/** A block authored by Dave: the validator Aura assigns the block's slot to. */
	async authors(api) {
		const address = dave().address;
		return lib.waitFor('a block of Dave', async () => {
			const head = await api.rpc.chain.getHeader();
			const authored = await lib.author(api, head);
			if (!authored || authored.author !== address) return null;
			const { slot } = authored;
			console.log(`Dave authored block #${head.number.toNumber()} ${head.hash.toHex()} (slot ${slot})`);
			return 1;
		});
	},

	/** Finality advances by three blocks. */
	async finalizes(api) {
		const start = await lib.finalizedNumber(api);
		return lib.waitFor('finality', async () => {
			const now = await lib.finalizedNumber(api);
			if (now < start + 3) return null;
			console.log(`finalized #${start} -> #${now}`);
			return 1;
		});
	},

	/** Commitment to zero, then uninstall once it is no longer slashable. */
	async leave(api) {
		const operator = dave();
		const dam = await daveDam(api);
		if (dam === null) throw new Error('Dave has no installation of Network 0');
		await send(api, api.tx.dam.commit(dam, NETWORK_0, 0), operator, 'dam.commit(0)');
		const delay = (await api.query.marketplace.params()).commitmentDelay.toNumber();
		const from = (await header(api)).number.toNumber();
		await lib.waitFor('the commitment delay', async () => (await header(api)).number.toNumber() > from + delay);
		// A Network 0 installation that backs nothing is evicted at a session's end: if that
		// came first, Dave has left already.
		if ((await api.query.marketplace.installations(NETWORK_0, dam)).isSome) {
			await send(api, api.tx.dam.uninstall(dam, NETWORK_0), operator, 'dam.uninstall');
		}
		console.log(`Dave left Network 0 at block #${(await header(api)).number.toNumber()}`);
		return 1;
	},

	/** Dave is no longer in `session.validators`. */
	async 'out-of-set'(api) {
		const address = dave().address;
		return lib.waitFor('Dave out of the set', async () => {
			const validators = (await api.query.session.validators()).map((v) => v.toString());
			if (validators.includes(address)) return null;
			console.log(`Dave is out of session.validators at block #${(await header(api)).number.toNumber()}: ${validators.length} validators`);
			return 1;
		});
	},
};

async function run(nodeName, networkInfo, args) {
	const step = steps[args[0]];
	if (!step) throw new Error(`unknown step ${args[0]}`);
	const { api, provider } = await lib.connect(networkInfo, nodeName);
	try {
		return await step(api, provider);
	} finally {
		await api.disconnect();
	}
}

module.exports = { run };
