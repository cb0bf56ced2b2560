/**
 * Issue 7, "Faults": the meta remote unreachable, or serving a broken revision, when a webhook
 * asks for a sync. The last good catalog keeps serving, and the failure is visible in the log and
 * in GET /ready (`lastSync`), without taking the replica out of rotation.
 *
 * The app is the real one (git binary, parser, container, Koa) against a local bare repository.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningApp, startApp, writeElection } from './fault-app.js';

const SECRET = 'fault-test-webhook-secret';
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };

interface Ready {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail: string }>;
  lastSync?: { ok: boolean; at: string; revision: string | null; detail: string };
}

describe('meta remote failures during sync', () => {
  let dir: string;
  let author: string;
  let remote: string;
  let running: RunningApp;
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
  const push = (message: string): string => {
    git(author, 'add', '--all');
    git(author, 'commit', '--quiet', '-m', message);
    git(author, 'push', '--quiet', remote, 'HEAD:refs/heads/main');
    return git(author, 'rev-parse', 'HEAD');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'elekto-fault-remote-'));
    author = join(dir, 'author');
    remote = join(dir, 'remote.git');
    writeElection(author, 'alpha', { name: 'Alpha vote', voters: ['ann'], candidates: ['x', 'y'] });
    writeElection(author, 'beta', { name: 'Beta vote', voters: ['ann'], candidates: ['x', 'y'] });
    git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
    git(author, 'init', '--quiet', '--initial-branch=main');
    push('first revision');
    running = await startApp({
      DB_CONNECTION: 'memory',
      META_REPO: remote,
      META_PATH: join(dir, 'checkout'),
      META_BRANCH: 'main',
      META_SECRET: SECRET,
    });
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const webhook = async (): Promise<{ status: number; body: { ok?: boolean; error?: { stage: string; kind?: string; message: string } } }> => {
    const body = JSON.stringify({ ref: 'refs/heads/main' });
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const res = await fetch(`${running.baseUrl}/v1/webhooks/meta/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature-256': signature },
      body,
    });
    return { status: res.status, body: (await res.json()) as never };
  };
  const ready = async (): Promise<{ status: number; body: Ready }> => {
    const res = await fetch(`${running.baseUrl}/ready`);
    return { status: res.status, body: (await res.json()) as Ready };
  };
  const pageOf = async (key: string): Promise<{ status: number; text: string }> => {
    const res = await fetch(`${running.baseUrl}/elections/${key}`);
    return { status: res.status, text: await res.text() };
  };

  it('keeps serving the last good catalog while the remote is unreachable, and says so', async () => {
    const served = git(author, 'rev-parse', 'HEAD');
    renameSync(remote, `${remote}.away`);
    try {
      const hook = await webhook();
      expect(hook.status).toBe(502);
      expect(hook.body.error).toMatchObject({ stage: 'fetch', kind: 'unreachable' });

      expect((await pageOf('alpha')).text).toContain('Alpha vote');
      expect((await pageOf('beta')).status).toBe(200);
      const list = await (await fetch(`${running.baseUrl}/elections`)).text();
      expect(list).toContain('Alpha vote');
      expect(list).toContain('Beta vote');

      const r = await ready();
      // Still in rotation: it serves the catalog it has.
      expect(r.status).toBe(200);
      expect(r.body.checks['meta']).toMatchObject({ ok: true, detail: expect.stringContaining(served) });
      expect(r.body.lastSync).toMatchObject({ ok: false, revision: served, detail: expect.stringMatching(/fetch step failed \(unreachable\).*keeps serving/) });
      // /ready is public: where the repository lives stays in the log.
      expect(r.body.lastSync!.detail).not.toContain(dir);

      const logged = running.log.matching(/meta sync by webhook failed/, 50);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ ok: false, error: { stage: 'fetch', kind: 'unreachable' } });
    } finally {
      renameSync(`${remote}.away`, remote);
    }
    // Back: the next webhook syncs and /ready is clean again.
    expect((await webhook()).status).toBe(200);
    expect((await ready()).body.lastSync).toMatchObject({ ok: true });
  });

  it('keeps the last good version of an election whose revision is broken, and names it', async () => {
    writeFileSync(join(author, 'elections', 'alpha', 'election.yaml'), 'name: [Alpha renamed\nstart_datetime: : :\n');
    writeElection(author, 'beta', { name: 'Beta vote, second edition', voters: ['ann'], candidates: ['x', 'y'] });
    const broken = push('break alpha, update beta');

    const hook = await webhook();
    expect(hook.status).toBe(200);
    // The good part of the revision is taken, the broken election keeps its last good version.
    expect((await pageOf('beta')).text).toContain('Beta vote, second edition');
    const alpha = await pageOf('alpha');
    expect(alpha.status).toBe(200);
    expect(alpha.text).toContain('Alpha vote');

    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.body.lastSync).toMatchObject({ ok: false, revision: broken, detail: expect.stringMatching(/alpha \(last good version kept\)/) });
    const logged = running.log.matching(/some elections could not be read/, 40);
    expect(logged.at(-1)).toMatchObject({ brokenKeys: ['alpha'], revision: broken });
  });

  it('refuses a revision without the elections folder, and keeps the whole catalog', async () => {
    const before = (await ready()).body.checks['meta']!.detail;
    rmSync(join(author, 'elections'), { recursive: true });
    writeFileSync(join(author, 'README.md'), 'the elections folder was moved by mistake\n');
    push('move the elections away');

    const hook = await webhook();
    expect(hook.body.ok).toBe(false);
    expect(hook.status).toBeGreaterThanOrEqual(500);
    expect((await pageOf('alpha')).status).toBe(200);
    expect((await pageOf('beta')).text).toContain('Beta vote, second edition');
    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.body.checks['meta']!.detail).toBe(before);
    expect(r.body.lastSync).toMatchObject({ ok: false, detail: expect.stringMatching(/read step failed.*keeps serving/) });
    expect(running.log.matching(/meta sync by webhook failed/, 50).length).toBeGreaterThanOrEqual(2);
  });
});
