#!/usr/bin/env node
// The CLI entry point: everything lives in the compiled library (`npm run build` → dist/).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // main() turns every user error into a coded message; reaching here is a bug.
    console.error('[gauntlet] internal error (GAUNTLET_E_INTERNAL):', error);
    process.exitCode = 70;
  },
);
