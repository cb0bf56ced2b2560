/** Process entry point: `node dist/bootstrap/cli/elekto.js` or, through tsx, `bin/elekto.js`. */
import { main } from './main.js';

// `elekto tally --help | head`: a reader that stops early is not an error of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit();
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`elekto: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
