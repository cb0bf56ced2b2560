import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { rawGet } from '../support/http/raw-get.js';
import { join } from 'node:path';
import { messages, problemsOf, readRepo, tempCopy } from '../adapters/meta/fixture-repos.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';

/**
 * What test/adapters/meta/hostile-repo.test.ts does not already pin: alias bombs outside
 * election.yaml, deep nesting, FIFOs, link loops and links to devices, pathological Markdown,
 * huge voter rolls, tricky election folder names and candidate IDs (NUL, absolute, encoded dots),
 * and the pages themselves: what a browser receives for the hostile elections, over HTTP.
 */
const ELECTION = (name: string) =>
  `name: ${JSON.stringify(name)}\norganization: Hostile Test\nstart_datetime: 2024-01-01 00:00:00\nend_datetime: 2024-01-31 23:59:59\nno_winners: 1\nelection_officers:\n  - officer\n`;
const VOTERS = 'eligible_voters:\n  - voter\n';
const CANDIDATE = (id: string, extra = '', bio = 'A bio.') =>
  `-------------------------------------------------------------\nname: Someone\nID: ${id}\n${extra}-------------------------------------------------------------\n\n${bio}\n`;
const BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
  ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefg'[i]}`).join(',')}]`),
].join('\n');

/** Folder names that look like path tricks once they become keys and URLs (a leading dot is hidden). */
const TRICKY_NAMES = ['%2e%2e', 'x..%2f..%2fetc', 'a b', 'ünï', '-', '%00', 'C:'];
let copy: ReturnType<typeof tempCopy>;
let reading: Awaited<ReturnType<typeof readRepo>>;
const SECRET = 'OUTSIDE-SECRET-7f3a';

function election(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

beforeAll(async () => {
  copy = tempCopy('hostile');
  const e = join(copy.root, 'elections');
  writeFileSync(join(copy.parent, 'secret.md'), CANDIDATE('secret', '', SECRET));

  election(join(e, 'bomb-voters'), { 'election.yaml': ELECTION('Bomb in voters'), 'voters.yaml': `${BOMB}\neligible_voters:\n  - voter\n` });
  election(join(e, 'bomb-candidate'), {
    'election.yaml': ELECTION('Bomb in a candidate'),
    'voters.yaml': VOTERS,
    'candidate-ok.md': CANDIDATE('ok'),
    'candidate-bomb.md': CANDIDATE('bomb', `${BOMB}\n`),
  });
  election(join(e, 'deep-yaml'), { 'election.yaml': `${ELECTION('Deep')}x: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`, 'voters.yaml': VOTERS });
  election(join(e, 'huge-voters'), { 'election.yaml': ELECTION('Huge voters'), 'voters.yaml': `eligible_voters:\n${'  - someone\n'.repeat(500_000)}` });
  election(join(e, 'huge-bio'), {
    'election.yaml': ELECTION('Huge bio'),
    'voters.yaml': VOTERS,
    'candidate-ok.md': CANDIDATE('ok'),
    'candidate-big.md': CANDIDATE('big', '', 'x'.repeat(256 * 1024)),
  });
  election(join(e, 'huge-yaml'), { 'election.yaml': `${ELECTION('Huge yaml')}# ${'x'.repeat(1024 * 1024)}\n`, 'voters.yaml': VOTERS });
  election(join(e, 'markdown-torture'), {
    'election.yaml': ELECTION('Markdown torture'),
    'voters.yaml': VOTERS,
    // Each just under the 256 KiB Markdown cap.
    'election_desc.md': `${'>'.repeat(5_000)} deep\n\n${'*a'.repeat(30_000)}\n\n${'['.repeat(30_000)}\n\n${'<div>'.repeat(8_000)}x${'</div>'.repeat(8_000)}\n\n${'`'.repeat(20_000)}\n`,
    'candidate-ok.md': CANDIDATE('ok', '', `${'_'.repeat(40_000)}\n\n${'<a href="javascript:alert(1)">'.repeat(5_000)}`),
  });
  election(join(e, 'bad-ids-2'), {
    'election.yaml': ELECTION('More bad IDs'),
    'voters.yaml': VOTERS,
    'candidate-ok.md': CANDIDATE('ok'),
    'candidate-nul.md': CANDIDATE('"a\\0b"'),
    'candidate-abs.md': CANDIDATE('/etc/passwd'),
    'candidate-dots.md': CANDIDATE('".."'),
    'candidate-enc.md': CANDIDATE('"%2e%2e%2fx"'),
    'candidate-win.md': CANDIDATE('"C:\\\\Windows"'),
    'candidate-newline.md': CANDIDATE('"ok\\nevil"'),
  });
  // Links that must not be followed: a loop, a device, absolute and relative paths out of the root.
  election(join(e, 'links'), { 'election.yaml': ELECTION('Links'), 'candidate-ok.md': CANDIDATE('ok') });
  symlinkSync('/etc/passwd', join(e, 'links', 'voters.yaml'));
  symlinkSync('/dev/zero', join(e, 'links', 'candidate-zero.md'));
  symlinkSync('../../../secret.md', join(e, 'links', 'candidate-rel.md'));
  symlinkSync('candidate-loop2.md', join(e, 'links', 'candidate-loop1.md'));
  symlinkSync('candidate-loop1.md', join(e, 'links', 'candidate-loop2.md'));
  symlinkSync('/', join(e, 'root-link'));
  // A FIFO would block a naive read forever.
  election(join(e, 'fifo'), { 'election.yaml': ELECTION('Fifo'), 'voters.yaml': VOTERS, 'candidate-ok.md': CANDIDATE('ok') });
  execFileSync('mkfifo', [join(e, 'fifo', 'candidate-pipe.md')]);
  election(join(e, 'fifo-desc'), { 'election.yaml': ELECTION('Fifo description'), 'voters.yaml': VOTERS });
  execFileSync('mkfifo', [join(e, 'fifo-desc', 'election_desc.md')]);
  // Folder names that look like path tricks once they become keys and URLs.
  for (const name of [...TRICKY_NAMES, '..%2f..%2fetc']) election(join(e, name), { 'election.yaml': ELECTION(`Folder ${name}`), 'voters.yaml': VOTERS });

  reading = await readRepo(copy.root);
});
afterAll(() => copy.cleanup());

describe('hostile meta files beyond the fixture', () => {
  it('refuses alias bombs in voter rolls and candidate front matter; the rest of each election stays', () => {
    expect(messages(problemsOf(reading, 'bomb-voters/voters.yaml'))).toEqual([expect.stringMatching(/^error: .*Excessive alias count/)]);
    expect(reading.brokenKeys).toContain('bomb-voters');
    expect(messages(problemsOf(reading, 'bomb-candidate/candidate-bomb.md'))).toEqual([expect.stringMatching(/^error: .*Excessive alias count/)]);
    expect(reading.elections.get('bomb-candidate')?.candidates.map((c) => c.id)).toEqual(['ok']);
  });

  it('reports deeply nested YAML instead of overflowing the stack', () => {
    expect(problemsOf(reading, 'deep-yaml/election.yaml').some((p) => p.severity === 'error')).toBe(true);
    expect(reading.brokenKeys).toContain('deep-yaml');
  });

  it('caps voter rolls and bios, naming the limit', () => {
    expect(messages(problemsOf(reading, 'huge-voters/voters.yaml'))).toEqual([
      expect.stringMatching(/^error: is \d+ bytes; the limit for this file is 5242880 bytes$/),
    ]);
    expect(messages(problemsOf(reading, 'huge-bio/candidate-big.md'))).toEqual([
      expect.stringMatching(/^error: is \d+ bytes; the limit for this file is 262144 bytes$/),
    ]);
    expect(messages(problemsOf(reading, 'huge-yaml/election.yaml'))).toEqual([
      expect.stringMatching(/^error: is \d+ bytes; the limit for this file is 1048576 bytes$/),
    ]);
    expect(reading.elections.get('huge-bio')?.candidates.map((c) => c.id)).toEqual(['ok']);
  });

  it('renders pathological Markdown and HTML to something finite and inert', () => {
    const torture = reading.elections.get('markdown-torture')!;
    const html = [torture.descriptionHtml, ...torture.candidates.map((c) => c.bioHtml)].join('\n');
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<script|\son[a-z]+\s*=/i);
    expect(html.length).toBeLessThan(2_000_000);
  });

  it('refuses NUL, absolute, encoded-dot, drive-letter and multi-line candidate IDs', () => {
    expect(reading.elections.get('bad-ids-2')?.candidates.map((c) => c.id)).toEqual(['ok']);
    for (const file of ['nul', 'abs', 'dots', 'enc', 'win', 'newline']) {
      const problems = problemsOf(reading, `bad-ids-2/candidate-${file}.md`);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((p) => p.severity === 'error')).toBe(true);
    }
  });

  it('never follows links to devices, loops, /etc or out of the root, and never blocks on a FIFO', () => {
    const everything = JSON.stringify([...reading.elections.values()], (_, v) => (v instanceof Set ? [...v] : v)) + JSON.stringify(reading.problems);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('root:x:0:0');
    expect(messages(problemsOf(reading, 'links/voters.yaml'))).toEqual([expect.stringMatching(/^error: is a symbolic link that leads outside/)]);
    expect(messages(problemsOf(reading, 'links/candidate-zero.md'))).toEqual([expect.stringMatching(/^error: is a symbolic link that leads outside/)]);
    expect(messages(problemsOf(reading, 'links/candidate-rel.md'))).toEqual([expect.stringMatching(/^error: is a symbolic link that leads outside/)]);
    expect(messages(problemsOf(reading, 'links/candidate-loop1.md'))).toEqual([expect.stringMatching(/^error: is a symbolic link to nothing/)]);
    expect(reading.generalProblems).toContainEqual(
      expect.objectContaining({ file: 'elections/root-link', message: expect.stringContaining('outside the meta repository') }),
    );
    expect(messages(problemsOf(reading, 'fifo/candidate-pipe.md'))).toEqual(['error: is not a regular file']);
    expect(messages(problemsOf(reading, 'fifo-desc/election_desc.md'))).toEqual(['error: is not a regular file']);
    expect(reading.elections.get('fifo')?.candidates.map((c) => c.id)).toEqual(['ok']);
  });

  it('turns tricky folder names into plain keys (with a warning), never into paths', () => {
    for (const name of TRICKY_NAMES) expect(reading.elections.get(name)?.name).toBe(`Folder ${name}`);
    // Hidden folders are skipped, as in any checkout.
    expect([...reading.elections.keys()].some((k) => k.startsWith('.'))).toBe(false);
    expect(messages(problemsOf(reading, '%2e%2e/election.yaml'))).toContainEqual(expect.stringContaining('characters that need escaping'));
  });

  it('keeps the good election working next to all of this', () => {
    expect(reading.elections.get('good')?.candidates.map((c) => c.id)).toEqual(['alpha', 'beta']);
  });
});

describe('the hostile elections as a browser receives them', () => {
  let web: RunningWeb;
  let client: TestClient;
  beforeAll(async () => {
    // After the elections closed, so results pages render too.
    web = await startWeb([...reading.elections.values()], { now: new Date('2024-03-01T00:00:00Z') });
    client = new TestClient(web.baseUrl);
    await client.signInAs('voter');
  });
  afterAll(() => web.close());

  /** A GET sent exactly as written: fetch would resolve `%2e%2e` to `..` before sending. */

  /** Page text outside the layout's own script tags: nothing that could run or leave the site. */
  function expectInert(page: string): void {
    // The layout's own icons are inline SVG with a fixed class; meta content never yields `class="icon"` SVG.
    const html = page.replace(/<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">[\s\S]*?<\/svg>/g, '');
    const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
    for (const tag of scripts) expect(tag).toMatch(/^<script src="\/static\/js\/[\w-]+\.js" defer><\/?$|^<script src="\/static\/js\/[\w-]+\.js" defer>$/);
    expect(html).not.toMatch(/<(iframe|object|embed|svg|style|base|meta http-equiv)\b/i);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/(href|src|action|formaction)\s*=\s*"\s*(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/<[^>]*alert\(/);
    const forms = [...html.matchAll(/<form\b[^>]*action="([^"]*)"/gi)].map((m) => m[1]!);
    for (const action of forms) expect(action.startsWith('/')).toBe(true);
  }

  it('serves the XSS election, its candidate and its results with nothing executable', async () => {
    for (const path of ['/elections/xss', '/app/elections/xss', '/app/elections/xss/candidates/mallory', '/app/elections/xss/results/', '/elections', '/app']) {
      const res = await client.get(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expectInert(html);
      if (path.includes('xss')) expect(html).toContain('XSS &lt;script&gt;alert(');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    }
    const bio = await (await client.get('/app/elections/xss/candidates/mallory')).text();
    expect(bio).toContain('<details><summary>More</summary>Harmless details.</details>');
  });

  it('serves the tortured Markdown election', async () => {
    const res = await client.get('/app/elections/markdown-torture');
    expect(res.status).toBe(200);
    expectInert(await res.text());
  });

  it('serves tricky folder names only under their exact escaped key', async () => {
    for (const name of TRICKY_NAMES) {
      const res = await client.get(`/elections/${encodeURIComponent(name)}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`<h1 class="banner-title">Folder ${name}</h1>`);
    }
  });

  it('answers path tricks in election keys and candidate IDs with 404, reading nothing', async () => {
    const tricks = [
      '/elections/..%2F..%2Fetc%2Fpasswd',
      '/elections/%2e%2e',
      '/elections/..',
      '/elections/../../etc/passwd',
      '/elections/%2e%2e%2f%2e%2e%2fetc',
      '/elections/%00',
      '/elections/good%00',
      '/elections/%2Fetc%2Fpasswd',
      '/elections/good%2F..%2Fxss',
      '/elections/good---..---xss',
      '/app/elections/good/candidates/..%2F..%2F..%2Fsecret',
      '/app/elections/good/candidates/%2e%2e',
      '/app/elections/good/candidates/alpha%00',
      '/app/elections/good/candidates/%2Fetc%2Fpasswd',
      '/app/elections/bad-ids/candidates/..%2Fx',
      '/app/elections/broken-yaml',
      '/app/elections/linked-folder',
      '/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      '/static/%2e%2e/%2e%2e/package.json',
    ];
    for (const path of tricks) {
      const res = await rawGet(web.baseUrl, path, {
        cookie: client
          .cookieNames()
          .map((n) => `${n}=${client.rawCookie(n)}`)
          .join('; '),
      });
      if (![400, 404].includes(res.status)) throw new Error(`${path} answered ${res.status}`);
      const text = res.text;
      expect(text).not.toContain('root:x:0:0');
      expect(text).not.toContain('"dependencies"');
    }
    expect((await client.get('/elections/good')).status).toBe(200);
    expect((await client.get('/app/elections/good/candidates/alpha')).status).toBe(200);
  });
});
