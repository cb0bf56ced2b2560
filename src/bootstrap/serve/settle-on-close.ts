import type { Application } from '../open-application.js';
import { USE_CASES } from '../use-case-tokens.js';

const EVERY_MS = 60_000;

/** Empties each election's pending pool once it closes: now, then every minute while serving. */
export async function settleOnClose(app: Application): Promise<() => void> {
  const settle = await app.get(USE_CASES.settleClosedElections);
  let busy = false;
  const run = (): void => {
    if (busy) return;
    busy = true;
    settle
      .execute()
      .then(({ elections, moved }) => {
        if (moved > 0) app.logger.info({ elections, ballots: moved }, 'closed elections: pending ballots moved into the ballot table');
      })
      .catch((e: unknown) => app.logger.warn({ err: e }, 'could not empty the pending pool of a closed election; results will, later'))
      .finally(() => (busy = false));
  };
  run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
