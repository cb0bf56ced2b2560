import type { Application } from '../open-application.js';
import type { Token } from '../tokens.js';
import { USE_CASES } from '../use-case-tokens.js';

const EVERY_MS = 60_000;

/**
 * What a closed election needs from a running server, now and then every minute: its pending pool
 * emptied at the close, its bulletin frozen (digest stored once, docs/verify.md), and (`delete_after`)
 * its voters' ballot links destroyed once LINK_PURGE_DELAY_HOURS have passed.
 */
export async function settleOnClose(
  app: Application,
  /** ORGANIZATIONS_FILE: every organization's services, as the list is now; default the instance's own. */
  scopes: () => ReadonlyArray<{ readonly organization?: string; get<T>(token: Token<T>): Promise<T> }> = () => [app],
): Promise<() => void> {
  let busy = false;
  let stopped = false;
  const runOne = async (scope: { readonly organization?: string; get<T>(token: Token<T>): Promise<T> }): Promise<void> => {
    const [settle, freeze, purgeDue] = await Promise.all([
      scope.get(USE_CASES.settleClosedElections),
      scope.get(USE_CASES.freezeClosedElections),
      scope.get(USE_CASES.purgeDueLinks),
    ]);
    const who = scope.organization === undefined ? {} : { organization: scope.organization };
    try {
      const { elections, moved } = await settle.execute();
      if (moved > 0) app.logger.info({ ...who, elections, ballots: moved }, 'closed elections: pending ballots moved into the ballot table');
    } catch (e) {
      app.logger.warn({ ...who, err: e }, 'could not empty the pending pool of a closed election; results will, later');
    }
    // After the pool is emptied: the frozen bulletin is every ballot cast before the close.
    try {
      const { failed } = await freeze.execute();
      for (const f of failed)
        app.logger.warn({ ...who, election: f.electionKey, err: f.error }, 'could not freeze the bulletin of a closed election; trying again in a minute');
    } catch (e) {
      app.logger.warn({ ...who, err: e }, 'could not freeze the bulletins of closed elections; trying again in a minute');
    }
    try {
      const { elections, purged } = await purgeDue.execute();
      if (purged > 0) app.logger.info({ ...who, elections, links: purged }, 'delete_after: voter-to-ballot links destroyed as scheduled');
    } catch (e) {
      app.logger.warn({ ...who, err: e }, 'could not destroy the ballot links of a delete_after election; trying again in a minute');
    }
  };
  const run = async (): Promise<void> => {
    for (const scope of scopes()) {
      // A pass over many organizations outlives a stop: the database may be closing.
      if (stopped) return;
      await runOne(scope);
    }
  };
  const tick = (): void => {
    if (busy) return;
    busy = true;
    void run().finally(() => (busy = false));
  };
  tick();
  const timer = setInterval(tick, EVERY_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
