// The throughput benchmark (bench/throughput.mjs) still works: a 500-extrinsic run on a node
// of its own. Its figures come from the full run (scripts/bench/throughput.sh), not from here.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const E2E_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the throughput benchmark floods every kind and reports each goal', { timeout: 600_000 }, async () => {
	const { stdout } = await promisify(execFile)(
		process.execPath,
		[join(E2E_DIR, 'bench', 'throughput.mjs'), '--count', '500', '--timeout', '120'],
		{ cwd: E2E_DIR, maxBuffer: 16 * 1024 * 1024 },
	);
	for (const kind of ['transfer', 'deposit0', 'deposit1', 'claim', 'mixed']) {
		assert.match(stdout, new RegExp(`^  ${kind} +#\\d+ `, 'm'), `${kind} was flooded and included`);
	}
	// Every goal is reported, measured or not: 500 extrinsics fill no block.
	const goals = stdout.slice(stdout.indexOf('\ngoals'));
	assert.equal(goals.match(/^ {2}(met|NOT MET|not measured) /gm)?.length, 10, goals);
	// What a small run does measure.
	assert.match(stdout, /deposit fee: quoted \d+, paid \d+ \([\d.]+×\)/);
	assert.match(stdout, /a deposit's weight after dispatch: [\d.]+ ms with no token, [\d.]+ ms with one/);
});
