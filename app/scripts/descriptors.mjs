#!/usr/bin/env node
// Generates the typed descriptors of the Nektar runtime (.papi/descriptors) from the runtime wasm
// the chain build produced, so that a changed call or type breaks the app's type check.
//
// The wasm is $NEKTAR_RUNTIME_WASM, or the runtime under
// ${CARGO_TARGET_DIR:-$HOME/.cache/nektar/target}/release/wbuild/nektar-runtime/.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function runtimeWasm() {
  if (process.env.NEKTAR_RUNTIME_WASM) return resolve(process.env.NEKTAR_RUNTIME_WASM);
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), ".cache", "nektar", "target");
  const dir = join(target, "release", "wbuild", "nektar-runtime");
  for (const name of ["nektar_runtime.compact.compressed.wasm", "nektar_runtime.compact.wasm", "nektar_runtime.wasm"]) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return join(dir, "nektar_runtime.compact.compressed.wasm");
}

const wasm = runtimeWasm();
if (!existsSync(wasm)) {
  console.error(
    `descriptors: no runtime wasm at ${wasm}. Build the chain first (scripts/build.sh), ` +
      "or set NEKTAR_RUNTIME_WASM to the runtime's wasm file.",
  );
  process.exit(1);
}

const papi = join(appDir, "node_modules", ".bin", "papi");
const run = (args) => {
  const result = spawnSync(papi, args, { cwd: appDir, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`descriptors: papi ${args.join(" ")} failed`);
    process.exit(result.status ?? 1);
  }
};
console.log(`descriptors: runtime ${wasm}`);
run(["add", "nektar", "--wasm", wasm, "--skip-codegen"]);
run(["generate"]);
