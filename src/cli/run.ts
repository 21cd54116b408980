/** Runs the CLI in this process (used by tests that need a real stdin; the published bin is bin/orapg.js). */
import { main } from './index.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`orapg: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  },
);
