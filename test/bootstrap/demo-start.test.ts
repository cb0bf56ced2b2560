/**
 * `npm start` as a newcomer runs it: `elekto serve --demo` in an empty folder. The demo must come up
 * with its elections, say on the sign-in page which logins to use, and give the completed election
 * ballots (once: a restart must not cast them again).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TestClient } from '../support/http/browser-client.js';

const BIN = fileURLToPath(new URL('../../bin/elekto.js', import.meta.url));
let cwd: string;

function startDemo(): { child: ChildProcess; url: Promise<string>; lines: string[] } {
  const { NODE_OPTIONS: _jest, ...env } = process.env;
  const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--host', '127.0.0.1', '--port', '0'], {
    cwd,
    env: { ...env, LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const url = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const port = /listening on http:\/\/[^:"]+:(\d+)/.exec(line)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => reject(new Error(`the demo exited (${code}) before listening:\n${lines.join('\n')}`)));
  });
  return { child, url, lines };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function ballotsOfTheCompletedElection(url: string): Promise<string[]> {
  const officer = new TestClient(url);
  await officer.signInAs('olivia-officer');
  const csv = await officer.get('/app/elections/2021---steering/admin/download');
  expect(csv.status).toBe(200);
  return (await csv.text()).trim().split('\n').slice(1);
}

/** Rows left in the sealed pending pool of the demo database (read as a DBA would). */
function pendingRows(): number {
  const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (
    file: string,
    o: object,
  ) => {
    prepare(sql: string): { get(): { n: number } };
    close(): void;
  };
  const db = new Sqlite(join(cwd, '.data/demo.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) AS n FROM pending_ballot').get().n;
  } finally {
    db.close();
  }
}

async function eventually(check: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'elekto-demo-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('the one-command demo', () => {
  it('serves the example elections, names the demo logins and has ballots to count, once', async () => {
    const first = startDemo();
    try {
      const url = await first.url;
      const login = await (await fetch(`${url}/login`)).text();
      expect(login).toContain('olivia-officer');
      expect(login).toContain('alice');
      const elections = await (await fetch(`${url}/elections`)).text();
      expect(elections).toContain('2021 Steering Committee Election');
      expect(first.lines.some((l) => l.includes('demo: ballots cast'))).toBe(true);

      // The election is closed, so serve empties its pending pool without waiting for a results
      // computation or an export (which would empty it too: so this is checked before the download).
      expect(await eventually(() => pendingRows() === 0)).toBe(true);
      const ballots = await ballotsOfTheCompletedElection(url);
      expect(ballots).toHaveLength(6);
      const officer = new TestClient(url);
      await officer.signInAs('olivia-officer');
      const results = await officer.get('/app/elections/2021---steering/admin/results');
      expect(results.status).toBe(200);
      expect(await results.text()).not.toContain('No ballots were cast');

      // The published results.md and the seeded ballots tell one story: the same ballot count and
      // the same winners, in the same order, as the officers' count of those ballots.
      const published = readFileSync(fileURLToPath(new URL('../../examples/demo-meta/elections/2021/steering/results.md', import.meta.url)), 'utf8');
      const counted = await (await officer.get('/app/elections/2021---steering/admin/results.md')).text();
      const elected = [...published.split('## Elected')[1]!.matchAll(/^\d+\. \*\*(.+)\*\*$/gm)].map((m) => m[1]);
      const winners = [
        ...counted
          .split('## Winners')[1]!
          .split('##')[0]!
          .matchAll(/^- \[(.+?)\]/gm),
      ].map((m) => m[1]);
      expect(winners).toEqual(elected);
      expect(counted).toContain(`| Ballots cast | ${ballots.length} |`);
      expect(published).toContain(`**${ballots.length}** eligible voters cast a ballot`);
      expect(counted).toContain(`| Eligible voters | ${ballots.length} |`);
      const order = [...counted.split('## Full order')[1]!.matchAll(/^\d+\. \[(.+?)\]/gm)].map((m) => m[1]);
      expect(published).toContain(`Ranking by the Schulze method: ${order.join(' > ')}.`);
      expect(counted).not.toMatch(/tie/i);
    } finally {
      await stop(first.child);
    }

    const second = startDemo();
    try {
      const url = await second.url;
      expect(await ballotsOfTheCompletedElection(url)).toHaveLength(6);
      expect(second.lines.some((l) => l.includes('demo: ballots cast'))).toBe(false);
    } finally {
      await stop(second.child);
    }
  });
});
