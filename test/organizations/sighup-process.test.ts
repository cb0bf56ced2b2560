/**
 * Issue 14 through a real `elekto serve` process: ORGANIZATIONS_FILE is read again on SIGHUP. A good
 * file adds an organization without a restart; a bad one is refused with its error in the log and
 * the organizations already hosted keep serving.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Replica, runElekto } from '../replicas/replica-process.js';
import { writeOrganizations } from '../support/organizations.js';

import { jest } from '@jest/globals';

jest.setTimeout(120_000);

const KEY = '2026---board';
const ALPHA = { key: 'alpha', name: 'Alpha Foundation', default: true, elections: { [KEY]: { name: 'Alpha board', voters: ['alice'], officers: ['olivia'] } } };
const BETA = { key: 'beta', name: 'Beta Project', elections: { [KEY]: { name: 'Beta board', voters: ['bob'], officers: ['olivia'] } } };

let dir: string;
let file: string;
let serve: Replica;
let url: string;

async function within(ms: number, probe: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const status = async (path: string): Promise<number> => (await fetch(`${url}${path}`)).status;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'elekto-sighup-'));
  file = writeOrganizations(dir, [ALPHA]);
  const env = {
    APP_ENV: 'development',
    APP_KEY: randomBytes(32).toString('base64'),
    DB_CONNECTION: 'sqlite',
    DB_PATH: join(dir, 'db.sqlite'),
    META_REPO: '',
    META_PATH: join(dir, 'meta'),
    ELECTION_DIR: 'elections',
    ORGANIZATIONS_FILE: file,
    IDENTITY: 'development',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    SEAL_WORKERS: '1',
  };
  runElekto(['migrate'], env, dir);
  serve = new Replica('serve', env, dir);
  url = await serve.ready();
});

afterAll(async () => {
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('adds an organization named in the file on SIGHUP, without a restart', async () => {
  expect(await status(`/o/alpha/elections/${KEY}`)).toBe(200);
  expect(await status(`/o/beta/elections/${KEY}`)).toBe(404);

  writeOrganizations(dir, [ALPHA, BETA]); // beta's meta folder, and the list now names it
  serve.signal('SIGHUP');

  expect(await within(30_000, async () => (await status(`/o/beta/elections/${KEY}`)) === 200)).toBe(true);
  expect(await (await fetch(`${url}/`)).text()).toContain('Beta Project');
  expect(serve.messages(/SIGHUP: ORGANIZATIONS_FILE read again \(2 organizations\)/)).toHaveLength(1);
});

it('refuses a bad file on SIGHUP, logs why, and keeps serving the organizations it has', async () => {
  writeFileSync(file, 'organizations:\n  - key: Not A Key\n    name: Broken\n');
  serve.signal('SIGHUP');

  expect(await within(10_000, async () => serve.messages(/SIGHUP: ORGANIZATIONS_FILE refused/).length === 1)).toBe(true);
  const refusal = serve.messages(/SIGHUP: ORGANIZATIONS_FILE refused/)[0]!;
  expect(refusal.msg).toMatch(/organizations\[0\].*key/);
  expect(await status(`/o/alpha/elections/${KEY}`)).toBe(200);
  expect(await status(`/o/beta/elections/${KEY}`)).toBe(200);
});
