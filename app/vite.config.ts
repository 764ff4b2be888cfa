import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The descriptors are generated from the runtime wasm by `npm run descriptors` into
// .papi/descriptors; the app imports them under their usual package name.
export default defineConfig({
  base: "./",
  resolve: {
    alias: {
      "@polkadot-api/descriptors": fileURLToPath(new URL("./.papi/descriptors/dist/index.js", import.meta.url)),
    },
  },
  build: {
    outDir: "dist",
    target: "es2022",
    chunkSizeWarningLimit: 1500,
  },
});
