/**
 * What `elekto results` and `elekto purge-links` share: configuration, the application, and the
 * meta repository read from disk as it is (no fetch, no database writes: unlike `sync`, these
 * commands never archive or rename election rows).
 */
import { ConfigError } from '../../config/app-config.js';
import { loadConfig } from '../../config/load-config.js';
import { openApplication } from '../../open-application.js';
import { TOKENS } from '../../tokens.js';
import { isDomainError } from '../../../domain/errors.js';
import { type Services, servicesFor } from './organization-scope.js';

/** Loads the config (exit 78 when bad), opens the app, fills the catalog from the checkout, runs `body`. */
export async function withElectionApp(
  command: string,
  electionKey: string,
  body: (app: Services) => Promise<number>,
  /** `--org KEY` (ORGANIZATIONS_FILE): that organization's election of this key. */
  org?: string,
): Promise<number> {
  let config;
  try {
    config = loadConfig({ purpose: 'tool' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`elekto ${command}: ${e.message}\nSee .env.example and docs/operator-guide.md.\n`);
    return 78;
  }
  if (config.database.dialect === 'memory') {
    process.stderr.write(`elekto ${command}: the database is "memory"; there are no stored ballots to read. Set DB_CONNECTION or DATABASE_URL.\n`);
    return 78;
  }
  const app = await openApplication(config);
  try {
    const services = await servicesFor(app, org);
    if (typeof services === 'string') {
      process.stderr.write(`elekto ${command}: ${services}\n`);
      return 78;
    }
    const problem = await loadCatalog(services, electionKey);
    if (problem) {
      process.stderr.write(`elekto ${command}: ${problem}\n`);
      return 1;
    }
    return await body(services);
  } catch (e) {
    if (isDomainError(e)) {
      process.stderr.write(`elekto ${command}: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await app.close();
  }
}

/** Reads the meta checkout into the catalog; returns a message when the election cannot be used. */
async function loadCatalog(app: Services, electionKey: string): Promise<string | null> {
  const [source, reader, catalog, clock] = await Promise.all([
    app.get(TOKENS.MetaSource),
    app.get(TOKENS.MetaReader),
    app.get(TOKENS.ElectionCatalog),
    app.get(TOKENS.Clock),
  ]);
  let tree;
  try {
    tree = await source.current();
  } catch (e) {
    return `cannot read the meta repository (${source.describe()}): ${(e as Error).message}. Run \`elekto sync\` first.`;
  }
  const reading = await reader.read(tree);
  catalog.replace({ revision: tree.revision, syncedAt: clock.now(), elections: reading.elections, problems: reading.problems });
  if (reading.brokenKeys.includes(electionKey)) {
    const errors = reading.problems.filter((p) => p.electionKey === electionKey && p.severity === 'error');
    return `election "${electionKey}" cannot be read from the meta repository:\n${errors.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('\n')}`;
  }
  if (!reading.elections.has(electionKey)) {
    const known = [...reading.elections.keys()];
    return `there is no election "${electionKey}" in the meta repository.${known.length ? ` Known: ${known.join(', ')}.` : ''}`;
  }
  return null;
}
