/**
 * What a new APP_KEY would strand: ballot links peppered with the current key (docs/ballot-secrecy.md)
 * stop opening under another one, so their voters can no longer view or revoke their ballots.
 * `generate-key` asks this before it writes; only links of elections still running make it refuse.
 */
import { pepperIdOf } from '../../../adapters/shared/seal-scheme.js';
import { ServerPepper } from '../../../adapters/crypto/server-pepper.js';
import { electionStatus } from '../../../domain/election/election.js';
import { ConfigError } from '../../config/app-config.js';
import { loadConfig } from '../../config/load-config.js';
import type { Env } from '../../config/read-env.js';
import { openApplication } from '../../open-application.js';
import { TOKENS } from '../../tokens.js';

export interface LinksUnderKey {
  readonly electionKey: string;
  readonly links: number;
}

export type RotationCheck =
  /** Nothing can be stranded (no APP_KEY, no database), or the configuration cannot be read. */
  | { readonly kind: 'nothing'; readonly note: string | null }
  /** A database is configured but could not be read: whether links would be stranded is unknown. */
  | { readonly kind: 'unknown'; readonly reason: string }
  | {
      readonly kind: 'checked';
      /** Running, or not found in the meta repository (then assumed running: better safe). */
      readonly running: readonly LinksUnderKey[];
      readonly closed: readonly LinksUnderKey[];
      readonly metaProblem: string | null;
    };

export async function checkKeyRotation(options: { envFile: string; env?: Env; cwd?: string }): Promise<RotationCheck> {
  let config;
  try {
    config = loadConfig({ env: options.env, envFile: options.envFile, cwd: options.cwd, purpose: 'tool' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { kind: 'nothing', note: 'the configuration cannot be read, so no database was checked for ballot links sealed with the current APP_KEY' };
  }
  const pepper = ServerPepper.fromSecret(config.app.key);
  if (pepper === null || config.database.dialect === 'memory') return { kind: 'nothing', note: null };

  const app = await openApplication({ ...config, log: { ...config.log, level: 'error' } });
  try {
    const [ballotBox, records] = await Promise.all([app.get(TOKENS.BallotBox), app.get(TOKENS.ElectionRecords)]);
    const underKey: LinksUnderKey[] = [];
    for (const { key } of await records.list()) {
      let links = 0;
      for (const [scheme, n] of await ballotBox.countLinksByScheme(key)) if (pepperIdOf(scheme) === pepper.id) links += n;
      if (links > 0) underKey.push({ electionKey: key, links });
    }
    if (underKey.length === 0) return { kind: 'checked', running: [], closed: [], metaProblem: null };
    const { statuses, problem } = await electionStatuses(app);
    const closed = underKey.filter((e) => statuses.get(e.electionKey) === 'completed');
    return { kind: 'checked', running: underKey.filter((e) => !closed.includes(e)), closed, metaProblem: problem };
  } catch (e) {
    return { kind: 'unknown', reason: (e as Error).message };
  } finally {
    await app.close();
  }
}

/** Status of each election in the meta checkout as it is on disk (no fetch). */
async function electionStatuses(app: Awaited<ReturnType<typeof openApplication>>): Promise<{ statuses: Map<string, string>; problem: string | null }> {
  const [source, reader, clock] = await Promise.all([app.get(TOKENS.MetaSource), app.get(TOKENS.MetaReader), app.get(TOKENS.Clock)]);
  try {
    const reading = await reader.read(await source.current());
    const now = clock.now();
    return { statuses: new Map([...reading.elections].map(([key, election]) => [key, electionStatus(election, now)])), problem: null };
  } catch (e) {
    return { statuses: new Map(), problem: `the meta repository (${source.describe()}) cannot be read: ${(e as Error).message}` };
  }
}
