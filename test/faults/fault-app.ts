import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { createLogger } from '../../src/bootstrap/logger.js';
import { type Application, openApplication } from '../../src/bootstrap/open-application.js';
import { startServer } from '../../src/bootstrap/serve/start-server.js';
import { syncAtStartUp } from '../../src/bootstrap/serve/sync-at-start-up.js';

export interface ElectionShape {
  readonly name: string;
  readonly voters: readonly string[];
  readonly candidates: readonly string[];
  /** Default: opened in 2020, closes in 2099 (running for the whole test). */
  readonly start?: string;
  readonly end?: string;
}

/** Writes one election folder (Elekto's layout) under `<root>/elections/<key>`. */
export function writeElection(root: string, key: string, shape: ElectionShape): void {
  const dir = join(root, 'elections', key);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'election.yaml'),
    [
      `name: ${shape.name}`,
      'organization: Fault tests',
      `start_datetime: ${shape.start ?? '2020-01-01 00:00:00'}`,
      `end_datetime: ${shape.end ?? '2099-12-31 23:59:59'}`,
      'no_winners: 1',
      'allow_no_opinion: true',
      'delete_after: false',
      'show_candidate_fields: []',
      'election_officers:',
      '  - officer-one',
      'eligibility: Listed voters.',
      'exception_description: Ask the officers.',
      'exception_due: 2099-01-01 00:00:00',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'voters.yaml'), `eligible_voters:\n${shape.voters.map((v) => `  - ${v}`).join('\n')}\n`);
  writeFileSync(join(dir, 'election_desc.md'), `# ${shape.name}\n\nA test election.\n`);
  for (const id of shape.candidates) {
    const dashes = '-'.repeat(61);
    writeFileSync(join(dir, `candidate-${id}.md`), `${dashes}\nname: Candidate ${id}\nID: ${id}\ninfo: []\n${dashes}\n\nAbout ${id}.\n`);
  }
}

/** Log records kept in memory, parsed, so a test can assert what an operator would read. */
export class CapturedLog implements DestinationStream {
  readonly records: Array<Record<string, unknown>> = [];

  write(line: string): void {
    try {
      this.records.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      this.records.push({ msg: line });
    }
  }

  /** Records at `level` (pino number: 40 warn, 50 error) or above whose message matches. */
  matching(pattern: RegExp, level = 0): Array<Record<string, unknown>> {
    return this.records.filter(
      (r) => Number(r['level'] ?? 0) >= level && pattern.test(typeof r['msg'] === 'string' ? r['msg'] : (JSON.stringify(r['msg']) ?? '')),
    );
  }
}

export interface RunningApp {
  readonly app: Application;
  readonly baseUrl: string;
  readonly log: CapturedLog;
  close(): Promise<void>;
}

/**
 * The real application (container, adapters, Koa) as `elekto serve` assembles it, configured by
 * environment variables, listening on 127.0.0.1 at a free port, after one sync of the meta (which
 * must succeed unless `firstSyncMayFail`: a restart against a broken source).
 */
export async function startApp(env: Record<string, string>, options: { firstSyncMayFail?: boolean } = {}): Promise<RunningApp> {
  const config = loadConfig({
    env: {
      APP_ENV: 'development',
      APP_KEY: 'fault-test-key-'.padEnd(64, 'x'),
      IDENTITY: 'development',
      ELECTION_DIR: 'elections',
      SYNC_POLL_SECONDS: '0',
      // Light sealing: these tests are about faults, not about the KDF's cost.
      SEAL_OPS_LIMIT: '1',
      SEAL_MEMORY_MIB: '8',
      ...env,
    },
    envFile: false,
  });
  const log = new CapturedLog();
  const app = await openApplication(config, { logger: createLogger({ level: 'info', format: 'json' }, log) });
  try {
    const report = await syncAtStartUp(app, config.meta.driver !== 'directory');
    if (!report.ok && !options.firstSyncMayFail) throw new Error(`first sync failed: ${report.error?.message}`);
    const server = await startServer(app, { host: '127.0.0.1', port: 0 });
    const port = (server.server.address() as { port: number }).port;
    return {
      app,
      baseUrl: `http://127.0.0.1:${port}`,
      log,
      close: async () => {
        await server.close();
        await app.close();
      },
    };
  } catch (e) {
    await app.close();
    throw e;
  }
}
