/** Process entry point: `node dist/bootstrap/cli/elekto.js` or, through tsx, `bin/elekto.js`. */
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`elekto: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
