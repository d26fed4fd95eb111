// Runs the CLI from source (through tsx) so record tests need no build; the recorder is killed
// with SIGKILL mid-run, which the built-binary helper does not allow for.
import { main } from '../../src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
