import { fixture, readRepo } from '../adapters/meta/fixture-repos.js';
import { TestClient } from '../support/http/browser-client.js';
import { startWebOn, WEB_WORLD_KINDS, type RunningWebOn } from '../support/http/web-worlds.js';

/**
 * Issue 13: the eligibility text and the exception form's description (election.yaml) and the
 * "Contributions" an exception requester types were shown as raw Markdown. They are now Markdown
 * rendered through the sanitiser; what a browser receives carries nothing executable.
 */
const HOSTILE_CONTRIBUTIONS = [
  'Reviewed **40** PRs: [my PRs](https://github.com/o/r/pulls?q=author%3Azed)',
  '<script>alert("contrib-script")</script>',
  '<img src=x onerror="alert(\'contrib-onerror\')">',
  '[click me](javascript:alert("contrib-js"))',
  '![pixel](https://tracker.example/p.png)',
  '<a href="javascript:alert(1)" onclick="alert(2)">raw link</a>',
  '<iframe src="https://evil.example/"></iframe><svg onload="alert(3)"></svg>',
].join('\n\n');

/** No element or attribute a browser would run or fetch from the hostile text (escaped text is inert). */
function expectInert(html: string): void {
  const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
  expect(tags.filter((t) => /^<(iframe|object|embed)\b/i.test(t) || (/^<script\b/i.test(t) && !/src="\/static\//.test(t)))).toEqual([]);
  expect(tags.filter((t) => /\son[a-z]+\s*=/i.test(t))).toEqual([]);
  expect(tags.filter((t) => /(href|src)\s*=\s*["']?\s*javascript:/i.test(t))).toEqual([]);
  expect(tags.filter((t) => t.includes('tracker.example'))).toEqual([]);
}

describe.each(WEB_WORLD_KINDS)('Markdown texts over HTTP (%s)', (kind) => {
  let web: RunningWebOn;
  const path = '/app/elections/2025---board';

  beforeAll(async () => {
    const reading = await readRepo(fixture('first-impressions'));
    web = await startWebOn(kind, [...reading.elections.values()], { now: new Date('2025-03-05T00:00:00Z') });
  });
  afterAll(() => web.close());

  async function signedIn(login: string): Promise<TestClient> {
    const c = new TestClient(web.baseUrl);
    await c.signInAs(login);
    return c;
  }

  it('shows the eligibility text as sanitised Markdown to someone not on the roll', async () => {
    const html = await (await (await signedIn('zed')).get(path)).text();
    expect(html).toContain('<strong>contributions</strong>');
    expect(html).toContain('<a href="https://example.org/guide" rel="nofollow noopener noreferrer">voter guide</a>');
    expect(html).not.toContain('**contributions**');
    expect(html).not.toContain("alert('eligibility')");
    expectInert(html);
  });

  it("shows the exception form's description as sanitised Markdown", async () => {
    const html = await (await (await signedIn('zed')).get(`${path}/exception`)).text();
    expect(html).toContain('<em>contributions</em>');
    expect(html).toContain('<a href="https://example.org/exceptions" rel="nofollow noopener noreferrer">exception guide</a>');
    expect(html).not.toContain("alert('exception')");
    expectInert(html);
  });

  it('shows a requester\'s hostile "Contributions" to the officer as Markdown with nothing executable', async () => {
    const zed = await signedIn('yan');
    const sent = await zed.submit(`${path}/exception`, `${path}/exception`, {
      name: 'Yan',
      email: 'yan@example.org',
      chat: 'yan',
      description: HOSTILE_CONTRIBUTIONS,
      comments: '<script>alert("comment")</script>',
    });
    expect(sent.status).toBe(302);

    const officer = await signedIn('officer');
    const dash = await (await officer.get(`${path}/admin/`)).text();
    const rid = /admin\/exception\/(\d+)"/.exec(dash)?.[1];
    expect(rid).toBeDefined();
    const page = await officer.get(`${path}/admin/exception/${rid}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(
      'Reviewed <strong>40</strong> PRs: <a href="https://github.com/o/r/pulls?q=author%3Azed" rel="nofollow noopener noreferrer">my PRs</a>',
    );
    // Raw HTML arrives as text, escaped; the image as its alt text.
    expect(html).toContain('&lt;script&gt;alert(&quot;contrib-script&quot;)&lt;/script&gt;');
    expect(html).toContain('pixel');
    expectInert(html);
  });
});
