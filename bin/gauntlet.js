#!/usr/bin/env node
// The CLI entry point: everything lives in the compiled library (`npm run build` → dist/).
import { main } from '../dist/cli/main.js';

let settled = false;
main(process.argv.slice(2)).then(
  (code) => {
    settled = true;
    process.exitCode = code;
  },
  (error) => {
    settled = true;
    // main() turns every user error into a coded message; reaching here is a bug.
    console.error('[gauntlet] internal error (GAUNTLET_E_INTERNAL):', error);
    process.exitCode = 70;
  },
);
// Node exits 0 when nothing is left to wait for, even with main() still pending: a command
// awaiting an event that already happened would "succeed" having printed nothing. Say so.
process.on('exit', (code) => {
  if (!settled && code === 0) {
    process.stderr.write(
      '[gauntlet] internal error (GAUNTLET_E_INTERNAL): the command stopped before it finished (it waited on something that can no longer happen).\n',
    );
    process.exitCode = 70;
  }
});
