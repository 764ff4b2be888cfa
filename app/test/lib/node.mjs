// Starts a throw-away `nektar-node --dev --tmp` on free ports for the app's browser tests, and
// makes sure it stops: on stop(), when the test process exits, and on SIGINT/SIGTERM.

import { spawn } from "node:child_process";
import { accessSync, constants, mkdirSync, openSync, closeSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** The node binary: $NEKTAR_NODE, or ${CARGO_TARGET_DIR:-~/.cache/nektar/target}/release/nektar-node. */
export function nodeBinary() {
  const bin = process.env.NEKTAR_NODE
    ? resolve(process.env.NEKTAR_NODE)
    : join(process.env.CARGO_TARGET_DIR || join(homedir(), ".cache", "nektar", "target"), "release", "nektar-node");
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    throw new Error(`nektar-node not found at ${bin}: build the chain (scripts/build.sh) or set NEKTAR_NODE.`);
  }
  return bin;
}

/** `count` distinct ports free right now on 127.0.0.1. */
export async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((ok, fail) => {
          const s = createServer();
          s.once("error", fail);
          s.listen(0, "127.0.0.1", () => ok(s));
        }),
    ),
  );
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

const groups = new Set();
let hooked = false;
function killAll() {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
  groups.clear();
}
function hook() {
  if (hooked) return;
  hooked = true;
  process.on("exit", killAll);
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ]) {
    process.once(signal, () => {
      killAll();
      process.exit(code);
    });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function answers(url) {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "chain_getHeader", params: [] }),
      signal: AbortSignal.timeout(2000),
    });
    const body = await res.json();
    return body?.result?.number !== undefined && Number(body.result.number) >= 1;
  } catch {
    return false;
  }
}

/** Starts the node; resolves once it has produced a block: { wsUrl, logFile, stop }. */
export async function startNode(logDir) {
  const binary = nodeBinary();
  hook();
  const [rpc, p2p] = await freePorts(2);
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `node-${rpc}.log`);
  const fd = openSync(logFile, "w");
  const child = spawn(
    binary,
    [
      "--dev",
      "--tmp",
      "--no-telemetry",
      "--no-prometheus",
      "--no-mdns",
      "--rpc-cors",
      "all",
      "--rpc-port",
      String(rpc),
      "--port",
      String(p2p),
    ],
    { detached: true, stdio: ["ignore", fd, fd] },
  );
  closeSync(fd);
  groups.add(child.pid);
  let exited = false;
  child.once("exit", () => (exited = true));
  const stop = async () => {
    if (!groups.has(child.pid)) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* gone */
    }
    for (let i = 0; i < 100 && !exited; i++) await sleep(100);
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      /* gone */
    }
    groups.delete(child.pid);
  };
  const deadline = Date.now() + 120_000;
  while (!(await answers(`http://127.0.0.1:${rpc}`))) {
    if (exited) throw new Error(`nektar-node exited at start; see ${logFile}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nektar-node produced no block within 120 s; see ${logFile}`);
    }
    await sleep(500);
  }
  return { wsUrl: `ws://127.0.0.1:${rpc}`, logFile, stop };
}
