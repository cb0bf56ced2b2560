/**
 * Stopping the server (SIGTERM in a rolling deploy) while a vote is being sealed: the vote in flight
 * is finished before the database and the sealer workers close, so the voter gets their
 * confirmation rather than an error page, and the ballot is stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigrated } from '../../src/adapters/persistence/typeorm/index.js';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { createLogger } from '../../src/bootstrap/logger.js';
import { openApplication } from '../../src/bootstrap/open-application.js';
import { TOKENS } from '../../src/bootstrap/tokens.js';
import { csrfTokenIn, TestClient } from '../support/http/browser-client.js';
import { type RunningApp, startApp, writeElection } from './fault-app.js';

const KEY = 'shutdown-vote';

describe('server stopped while a vote is in flight', () => {
  let dir: string;
  let running: RunningApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'elekto-fault-shutdown-'));
    writeElection(join(dir, 'meta'), KEY, { name: 'Shutdown vote', voters: ['ann'], candidates: ['x', 'y'] });
    env = {
      DB_CONNECTION: 'sqlite',
      DB_PATH: join(dir, 'elekto.sqlite'),
      META_PATH: join(dir, 'meta'),
      // A deliberately slow derivation (hundreds of ms), so the vote is surely still in flight below.
      SEAL_OPS_LIMIT: '4',
      SEAL_MEMORY_MIB: '64',
    };
    const { dataSource } = await openMigrated({ dialect: 'sqlite', path: join(dir, 'elekto.sqlite') });
    await dataSource.destroy();
    running = await startApp(env);
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the vote, then closes', async () => {
    const client = new TestClient(running.baseUrl);
    await client.signInAs('ann');
    const form = await client.get(`/app/elections/${KEY}/vote`);
    const body = new URLSearchParams({
      _csrf: csrfTokenIn(await form.text()),
      password: 'a long passphrase',
      password_confirm: 'a long passphrase',
      'candidate@x': '1',
      'candidate@y': '2',
    });
    const vote = client.request('POST', `/app/elections/${KEY}/vote`, body);
    await new Promise((r) => setTimeout(r, 50));
    await running.close();

    const res = await vote;
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/app/elections/${KEY}/confirmation`);
    // Stored: a fresh process on the same database sees the ballot.
    const after = await openApplication(
      loadConfig({ env: { APP_ENV: 'development', APP_KEY: 'k'.repeat(64), IDENTITY: 'development', ELECTION_DIR: 'elections', ...env }, envFile: false }),
      { logger: createLogger({ level: 'silent', format: 'json' }) },
    );
    try {
      // The mark and the ballot are written in one transaction: the mark stands for both.
      expect(await (await after.get(TOKENS.BallotBox)).countVoters(KEY)).toBe(1);
    } finally {
      await after.close();
    }
  }, 60_000);
});
