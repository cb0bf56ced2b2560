import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigrated } from '../../src/adapters/persistence/typeorm/index.js';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { createLogger } from '../../src/bootstrap/logger.js';
import { type Application, openApplication } from '../../src/bootstrap/open-application.js';
import { syncOrganizations } from '../../src/bootstrap/organizations/serve-organizations.js';
import { TOKENS } from '../../src/bootstrap/tokens.js';
import { USE_CASES } from '../../src/bootstrap/use-case-tokens.js';
import { createThrowawayDatabase, DATABASE_KINDS, type ThrowawayDatabase } from '../support/databases.js';
import { writeOrganizations, writeOrgElection } from '../support/organizations.js';

const KEY = '2024---board';
const ELECTION = { name: 'The board', voters: ['alice', 'bob'], officers: ['officer'] };

function databaseEnv(d: ThrowawayDatabase): Record<string, string> {
  const c = d.config;
  if (c.dialect === 'sqlite') return { DB_CONNECTION: 'sqlite', DB_PATH: c.path };
  const scheme = c.dialect === 'postgres' ? 'postgresql' : 'mysql';
  return { DATABASE_URL: `${scheme}://${c.username}@${c.host}:${c.port}/${c.database}` };
}

async function open(env: Record<string, string>): Promise<Application> {
  const config = loadConfig({
    env: {
      APP_ENV: 'development',
      APP_KEY: 'takeover-test-key-'.padEnd(64, 'x'),
      IDENTITY: 'development',
      ELECTION_DIR: 'elections',
      SYNC_POLL_SECONDS: '0',
      SEAL_OPS_LIMIT: '1',
      SEAL_MEMORY_MIB: '8',
      LOG_LEVEL: 'silent',
      ...env,
    },
    envFile: false,
  });
  return openApplication(config, { logger: createLogger({ level: 'silent', format: 'json' }) });
}

async function rows(d: ThrowawayDatabase, app: Application): Promise<{ elections: string[]; ballots: number; voters: number; requests: number }> {
  const { dataSource } = await app.get(TOKENS.TypeOrm);
  const q = (sql: string) => dataSource.query<Array<Record<string, unknown>>>(sql);
  const count = async (table: string) => Number(Object.values((await q(`SELECT COUNT(*) AS n FROM ${table}`))[0]!)[0]);
  return {
    elections: (await q('SELECT ' + (d.kind === 'mariadb' ? '`key`' : '"key"') + ' AS k FROM election')).map((r) => String(r['k'])).sort(),
    ballots: await count('ballot'),
    voters: await count('voter'),
    requests: await count('request'),
  };
}

// An operator moves a single-organization database to ORGANIZATIONS_FILE: every row stays, the
// default organization serves it, a second organization with the same election key is apart.
describe.each(DATABASE_KINDS)('taking over a single-organization database on %s', (kind) => {
  let d: ThrowawayDatabase;
  let root: string;
  beforeAll(async () => {
    d = await createThrowawayDatabase(kind);
    const { dataSource } = await openMigrated(d.config);
    await dataSource.destroy();
    root = mkdtempSync(join(tmpdir(), 'elekto-takeover-'));
  });
  afterAll(async () => {
    await d.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps every election, ballot, voter mark and exception request for the default organization', async () => {
    // Before: one organization, Elekto's variables.
    const metaPath = join(root, 'meta', 'alpha');
    writeOrgElection(metaPath, KEY, ELECTION);
    const single = await open({ ...databaseEnv(d), META_PATH: metaPath });
    let before;
    try {
      expect((await (await single.get(TOKENS.SyncMeta)).execute({ fetch: false })).ok).toBe(true);
      const users = await single.get(TOKENS.Users);
      const alice = await users.upsertFromSignIn('alice', null);
      const carol = await users.upsertFromSignIn('carol', null);
      await (await single.get(USE_CASES.castBallot)).execute({ user: alice, electionKey: KEY, entries: [{ candidate: 'ann', rank: 1 }], passphrase: '' });
      await (
        await single.get(USE_CASES.fileExceptionRequest)
      ).execute({
        user: carol,
        electionKey: KEY,
        form: { name: 'Carol', email: 'carol@example.org', chat: 'carol', description: 'Please', comments: '' },
      });
      await (await single.get(TOKENS.BallotBox)).flush(KEY);
      before = await rows(d, single);
    } finally {
      await single.close();
    }
    expect(before).toEqual({ elections: [KEY], ballots: 2, voters: 1, requests: 1 });

    // After: ORGANIZATIONS_FILE, alpha the default (reading the same folder), beta with the same key.
    const file = writeOrganizations(root, [
      { key: 'alpha', name: 'Alpha', default: true, elections: { [KEY]: ELECTION } },
      { key: 'beta', name: 'Beta', elections: { [KEY]: { ...ELECTION, voters: ['carol'] } } },
    ]);
    const many = await open({ ...databaseEnv(d), META_PATH: join(root, 'meta'), ORGANIZATIONS_FILE: file });
    try {
      const organizations = await many.get(TOKENS.Organizations);
      expect(await syncOrganizations(organizations.list(), many.logger, () => false)).toEqual({ ok: 2, failed: [] });
      const after = await rows(d, many);
      // Every row kept; beta's election is a row of its own, under its prefix.
      expect(after).toEqual({ elections: [KEY, `beta/${KEY}`].sort(), ballots: 2, voters: 1, requests: 1 });

      const alpha = organizations.get('alpha')!;
      const beta = organizations.get('beta')!;
      const users = await many.get(TOKENS.Users);
      const alice = await users.upsertFromSignIn('alice', null);
      const carol = await users.upsertFromSignIn('carol', null);
      expect(await (await alpha.get(TOKENS.BallotBox)).countBallots(KEY)).toBe(1);
      expect(await (await alpha.get(TOKENS.BallotBox)).mark(KEY, alice.id)).not.toBeNull();
      expect((await (await alpha.get(TOKENS.ExceptionRequests)).list(KEY)).map((r) => r.name)).toEqual(['Carol']);
      expect(await (await beta.get(TOKENS.BallotBox)).countBallots(KEY)).toBe(0);
      expect(await (await beta.get(TOKENS.BallotBox)).mark(KEY, alice.id)).toBeNull();
      expect(await (await beta.get(TOKENS.ExceptionRequests)).list(KEY)).toEqual([]);
      // alice voted in alpha already; carol may vote in beta although she filed a request in alpha.
      await expect(
        (await alpha.get(USE_CASES.castBallot)).execute({ user: alice, electionKey: KEY, entries: [{ candidate: 'ann', rank: 1 }], passphrase: '' }),
      ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
      await (await beta.get(USE_CASES.castBallot)).execute({ user: carol, electionKey: KEY, entries: [{ candidate: 'ben', rank: 1 }], passphrase: '' });
      expect(await (await beta.get(TOKENS.BallotBox)).countBallots(KEY)).toBe(1);
      expect(await (await alpha.get(TOKENS.BallotBox)).countBallots(KEY)).toBe(1);
      // alpha's records list its own election only, without a prefix; beta's likewise.
      expect((await (await alpha.get(TOKENS.ElectionRecords)).list()).map((r) => r.key)).toEqual([KEY]);
      expect((await (await beta.get(TOKENS.ElectionRecords)).list()).map((r) => r.key)).toEqual([KEY]);
      // Each organization's revision and last good catalog in its own row.
      expect(await (await alpha.get(TOKENS.ElectionRecords)).syncedRevision()).not.toBeNull();
      expect(await (await beta.get(TOKENS.ElectionRecords)).syncedRevision()).not.toBeNull();
      expect((await (await beta.get(TOKENS.LastGoodCatalog)).load())?.elections.get(KEY)?.name).toBe('The board');
    } finally {
      await many.close();
    }

    // Back to one organization (or to Elekto): the default organization's rows are as they were.
    const again = await open({ ...databaseEnv(d), META_PATH: metaPath });
    try {
      expect((await (await again.get(TOKENS.SyncMeta)).execute({ fetch: false })).ok).toBe(true);
      expect(await (await again.get(TOKENS.BallotBox)).countBallots(KEY)).toBe(1);
      expect((await (await again.get(TOKENS.ExceptionRequests)).list(KEY)).length).toBe(1);
    } finally {
      await again.close();
    }
  });
});
