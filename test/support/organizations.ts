import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { createLogger } from '../../src/bootstrap/logger.js';
import { type Application, openApplication } from '../../src/bootstrap/open-application.js';
import type { HostedOrganizations } from '../../src/bootstrap/organizations/hosted-organizations.js';
import { syncOrganizations } from '../../src/bootstrap/organizations/serve-organizations.js';
import { startServer } from '../../src/bootstrap/serve/start-server.js';
import { TOKENS } from '../../src/bootstrap/tokens.js';
import { CapturedLog } from '../faults/fault-app.js';

export interface OrgElection {
  readonly name: string;
  readonly voters: readonly string[];
  readonly officers: readonly string[];
  readonly candidates?: readonly string[];
  /** Default: from 2020 to 2099 (running). */
  readonly start?: string;
  readonly end?: string;
  /** `publish_ballots: true` and `ballot_trackers: true` (issue 15). */
  readonly publicBulletin?: boolean;
}

export interface OrgSpec {
  readonly key: string;
  readonly name: string;
  readonly default?: boolean;
  readonly elections: Readonly<Record<string, OrgElection>>;
  /** The webhook secret (put in a variable named after the key). */
  readonly secret?: string;
}

/** One election folder in Elekto's layout, running from 2020 to 2099. */
export function writeOrgElection(metaRoot: string, key: string, e: OrgElection): void {
  // Elekto's key is the folder's path under the election folder, `/` written `---`.
  const dir = join(metaRoot, 'elections', ...key.split('---'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'election.yaml'),
    [
      `name: ${e.name}`,
      'organization: Organization tests',
      `start_datetime: ${e.start ?? '2020-01-01 00:00:00'}`,
      `end_datetime: ${e.end ?? '2099-12-31 23:59:59'}`,
      'no_winners: 1',
      'allow_no_opinion: true',
      'delete_after: false',
      ...(e.publicBulletin ? ['publish_ballots: true', 'ballot_trackers: true'] : []),
      'show_candidate_fields: []',
      'election_officers:',
      ...e.officers.map((o) => `  - ${o}`),
      'eligibility: Listed voters.',
      'exception_description: Ask the officers.',
      `exception_due: ${e.start ?? '2099-01-01 00:00:00'}`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'voters.yaml'), `eligible_voters:\n${e.voters.map((v) => `  - ${v}`).join('\n')}\n`);
  writeFileSync(join(dir, 'election_desc.md'), `# ${e.name}\n\nA test election.\n`);
  for (const id of e.candidates ?? ['ann', 'ben']) {
    const dashes = '-'.repeat(61);
    writeFileSync(join(dir, `candidate-${id}.md`), `${dashes}\nname: Candidate ${id}\nID: ${id}\ninfo: []\n${dashes}\n\nAbout ${id}.\n`);
  }
}

export const secretVariable = (key: string) => `ORG_${key.toUpperCase().replaceAll('-', '_')}_SECRET`;

/** Writes every organization's meta folder and ORGANIZATIONS_FILE under `root`; returns the file. */
export function writeOrganizations(root: string, orgs: readonly OrgSpec[]): string {
  for (const o of orgs) for (const [key, e] of Object.entries(o.elections)) writeOrgElection(join(root, 'meta', o.key), key, e);
  const lines = ['organizations:'];
  for (const o of orgs) {
    lines.push(`  - key: ${o.key}`, `    name: ${o.name}`);
    if (o.default) lines.push('    default: true');
    if (o.secret) lines.push(`    meta_secret_env: ${secretVariable(o.key)}`);
  }
  const file = join(root, 'organizations.yaml');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

export interface RunningOrganizations {
  readonly app: Application;
  readonly organizations: HostedOrganizations;
  readonly baseUrl: string;
  readonly root: string;
  readonly log: CapturedLog;
  close(): Promise<void>;
}

/** The real application with ORGANIZATIONS_FILE, as `elekto serve` assembles it, on a free port. */
export async function startOrganizations(
  orgs: readonly OrgSpec[],
  env: Record<string, string> = {},
  root = mkdtempSync(join(tmpdir(), 'elekto-orgs-')),
  options: { keepFiles?: boolean; keepRoot?: boolean } = {},
): Promise<RunningOrganizations> {
  // A restart finds the files as the previous run (and the test) left them.
  const file = options.keepFiles ? join(root, 'organizations.yaml') : writeOrganizations(root, orgs);
  const secrets = Object.fromEntries(orgs.filter((o) => o.secret).map((o) => [secretVariable(o.key), o.secret!]));
  const fullEnv = {
    APP_ENV: 'development',
    APP_KEY: 'organizations-test-key-'.padEnd(64, 'x'),
    IDENTITY: 'development',
    ELECTION_DIR: 'elections',
    META_PATH: join(root, 'meta'),
    SYNC_POLL_SECONDS: '0',
    SEAL_OPS_LIMIT: '1',
    SEAL_MEMORY_MIB: '8',
    DB_CONNECTION: 'memory',
    ORGANIZATIONS_FILE: file,
    ...secrets,
    ...env,
  };
  // The organization secrets are read from the process environment, as in production.
  Object.assign(process.env, secrets);
  const config = loadConfig({ env: fullEnv, envFile: false });
  const log = new CapturedLog();
  const app = await openApplication(config, { logger: createLogger({ level: 'info', format: 'json' }, log) });
  try {
    const organizations = await app.get(TOKENS.Organizations);
    await syncOrganizations(organizations.list(), app.logger, () => false);
    const server = await startServer(app, { host: '127.0.0.1', port: 0 });
    const port = (server.server.address() as { port: number }).port;
    return {
      app,
      organizations,
      root,
      log,
      baseUrl: `http://127.0.0.1:${port}`,
      close: async () => {
        await server.close();
        await app.close();
        if (!options.keepRoot) rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await app.close();
    throw e;
  }
}
