import { ConfigError } from '../../config/app-config.js';
import { loadConfig } from '../../config/load-config.js';
import { openApplication } from '../../open-application.js';
import { TOKENS } from '../../tokens.js';
import { organizationsOf } from './organization-scope.js';

/**
 * `elekto orgs [--json]`: each organization of ORGANIZATIONS_FILE with its meta source (a URL or a
 * folder, never a secret: only the name of its secret's variable), the revision it last synced and
 * when. Exit 0 listed, 78 bad configuration or no ORGANIZATIONS_FILE.
 */
export async function run(opts: { json?: boolean }): Promise<number> {
  let config;
  try {
    config = loadConfig({ purpose: 'tool' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`elekto orgs: ${e.message}\nSee .env.example and docs/operator-guide.md.\n`);
    return 78;
  }
  const app = await openApplication(config);
  try {
    const orgs = await organizationsOf(app);
    if (typeof orgs === 'string') {
      process.stderr.write(`elekto orgs: ${orgs}\n`);
      return 78;
    }
    const rows = [];
    for (const org of orgs) {
      const m = org.config.meta;
      let revision: string | null = null;
      let lastSync: string | null = null;
      if (config.database.dialect !== 'memory') {
        revision = await (await org.get(TOKENS.ElectionRecords)).syncedRevision();
        // When the catalog that serves was read: the saved last good one says.
        lastSync = (await (await org.get(TOKENS.LastGoodCatalog)).load().catch(() => null))?.syncedAt.toISOString() ?? null;
      }
      rows.push({
        key: org.config.key,
        name: org.config.name,
        default: org.config.default,
        source: m.repo ? `${m.repo} (${m.branch})` : `folder ${m.path}`,
        electionDir: m.electionDir,
        webhookSecret: m.secretEnv,
        revision,
        lastSync,
      });
    }
    if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else {
      for (const r of rows) {
        process.stdout.write(
          `${r.key}${r.default ? ' (default)' : ''}: ${r.name}\n  source: ${r.source}, elections in ${r.electionDir}\n` +
            `  revision: ${r.revision ?? 'never synced'}${r.lastSync ? `, read at ${r.lastSync}` : ''}\n` +
            `  webhook: ${r.webhookSecret ? `/o/${r.key}/v1/webhooks/meta/sync, secret in ${r.webhookSecret}` : 'no secret (meta_secret_env unset): every delivery is refused'}\n`,
        );
      }
    }
    return 0;
  } finally {
    await app.close();
  }
}
