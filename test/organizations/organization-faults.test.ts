import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openMigrated } from '../../src/adapters/persistence/typeorm/index.js';
import { signBody } from '../../src/adapters/http/webhook/index.js';
import { reloadOnSighup } from '../../src/bootstrap/organizations/serve-organizations.js';
import { TOKENS } from '../../src/bootstrap/tokens.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/databases.js';
import { type OrgSpec, type RunningOrganizations, startOrganizations, writeOrgElection } from '../support/organizations.js';

const ORGS: OrgSpec[] = [
  {
    key: 'alpha',
    name: 'Alpha',
    default: true,
    secret: 'alpha-secret',
    elections: { '2024---board': { name: 'Alpha board', voters: ['alice'], officers: ['o'] } },
  },
  { key: 'beta', name: 'Beta', secret: 'beta-secret', elections: { '2024---board': { name: 'Beta board', voters: ['bob'], officers: ['o'] } } },
];

type Ready = {
  ready: boolean;
  organizations: Record<string, { ok: boolean; meta: { ok: boolean; detail: string }; lastSync?: { ok: boolean; detail: string }; stale?: { reason: string } }>;
};

const push = (web: RunningOrganizations, org: string, secret: string, id: string) => {
  const body = JSON.stringify({ ref: 'refs/heads/main', after: 'abc', repository: { full_name: `${org}/meta` } });
  return fetch(`${web.baseUrl}/o/${org}/v1/webhooks/meta/sync`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'X-GitHub-Event': 'push', 'X-GitHub-Delivery': id, 'X-Hub-Signature-256': signBody(secret, body) },
  });
};

describe('one broken organization', () => {
  let d: ThrowawayDatabase;
  let web: RunningOrganizations;
  beforeAll(async () => {
    d = await createThrowawayDatabase('sqlite');
    if (d.config.dialect !== 'sqlite') throw new Error('sqlite expected');
    // `elekto migrate` is a step of its own in production.
    await (await openMigrated(d.config)).dataSource.destroy();
    web = await startOrganizations(ORGS, { DB_CONNECTION: 'sqlite', DB_PATH: d.config.path }, undefined, { keepRoot: true });
  });
  afterAll(async () => {
    await web.close();
    await d.drop();
  });

  it('keeps serving its last good catalog while the others sync; /ready and the log name it and why', async () => {
    // beta's folder disappears (an unmounted volume, a failed checkout).
    renameSync(join(web.root, 'meta', 'beta'), join(web.root, 'meta', 'beta-gone'));
    // alpha gets a new election meanwhile.
    writeOrgElection(join(web.root, 'meta', 'alpha'), '2024---tsc', { name: 'Alpha TSC', voters: ['alice'], officers: ['o'] });

    expect((await push(web, 'beta', 'beta-secret', 'b1')).status).toBeGreaterThanOrEqual(500);
    expect((await push(web, 'alpha', 'alpha-secret', 'a1')).status).toBeLessThan(300);

    expect((await fetch(`${web.baseUrl}/o/beta/elections/2024---board`)).status).toBe(200);
    expect(await (await fetch(`${web.baseUrl}/o/alpha/elections/2024---tsc`)).text()).toContain('Alpha TSC');

    const res = await fetch(`${web.baseUrl}/ready`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as Ready;
    expect(report.organizations['alpha']).toMatchObject({ ok: true });
    expect(report.organizations['beta']).toMatchObject({ ok: false, meta: { ok: true }, lastSync: { ok: false } });
    expect(report.organizations['beta']!.stale?.reason).toMatch(/step failed/);
    // Public: no path of the server in it.
    expect(JSON.stringify(report)).not.toContain(web.root);
    const logged = web.log.records.filter((r) => r['organization'] === 'beta' && Number(r['level']) >= 40);
    expect(logged.length).toBeGreaterThan(0);
  });

  it('serves the last good catalog of a broken organization after a restart, from the database', async () => {
    await web.close();
    web = await startOrganizations(ORGS, { DB_CONNECTION: 'sqlite', DB_PATH: (d.config as { path: string }).path }, web.root, {
      keepFiles: true,
      keepRoot: true,
    });
    expect(await (await fetch(`${web.baseUrl}/o/beta/elections/2024---board`)).text()).toContain('Beta board');
    expect(await (await fetch(`${web.baseUrl}/o/alpha/elections/2024---tsc`)).text()).toContain('Alpha TSC');
    const report = (await (await fetch(`${web.baseUrl}/ready`)).json()) as Ready;
    expect(report.organizations['beta']!.meta.detail).toMatch(/restored from the database/);
    const errors = web.log.matching(/organization beta: its meta repository could not be read; its last good catalog keeps serving/, 50);
    expect(errors.length).toBe(1);
  });

  it('re-reads ORGANIZATIONS_FILE on SIGHUP, refusing a bad file and keeping the old list', async () => {
    const organizations = await web.app.get(TOKENS.Organizations);
    const stop = reloadOnSighup(web.app.config, organizations, web.app.logger);
    try {
      const file = join(web.root, 'organizations.yaml');
      writeFileSync(file, 'organizations:\n  - key: Bad Key\n    name: x\n');
      process.emit('SIGHUP', 'SIGHUP');
      expect(organizations.list().map((o) => o.config.key)).toEqual(['alpha', 'beta']);
      expect(web.log.matching(/SIGHUP: ORGANIZATIONS_FILE refused, the current 2 organizations keep serving/, 50).length).toBe(1);
      expect((await fetch(`${web.baseUrl}/o/alpha/elections`)).status).toBe(200);

      writeOrgElection(join(web.root, 'meta', 'gamma'), '2025---vote', { name: 'Gamma vote', voters: ['carol'], officers: ['o'] });
      writeFileSync(file, 'organizations:\n  - { key: alpha, name: Alpha, default: true }\n  - { key: gamma, name: Gamma }\n');
      process.emit('SIGHUP', 'SIGHUP');
      expect(organizations.list().map((o) => o.config.key)).toEqual(['alpha', 'gamma']);
      expect((await fetch(`${web.baseUrl}/o/beta/elections`)).status).toBe(404);
      // gamma syncs in the background after the reload.
      let html = '';
      for (let i = 0; i < 50 && !html.includes('Gamma vote'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        html = await (await fetch(`${web.baseUrl}/o/gamma/elections`)).text();
      }
      expect(html).toContain('Gamma vote');
    } finally {
      stop();
    }
  });
});
