import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';

const running = anElection().key('2021---GB').named('Select our 2021 General Board Rep').status('running', NOW).build();
const upcoming = anElection().key('2022---TOC').named('TOC 2022').status('upcoming', NOW).build();
const completed = anElection()
  .key('name_the_app')
  .named('Select The Name of the Application')
  .status('completed', NOW)
  .resultsHtml('<p>The winner is <strong>elekto</strong>.</p>')
  .build();

let web: RunningWeb;
let client: TestClient;
beforeAll(async () => {
  web = await startWeb([running, upcoming, completed]);
});
afterAll(() => web.close());
beforeEach(() => {
  client = new TestClient(web.baseUrl);
});

describe('public pages', () => {
  it('shows a home page with the running elections to someone signed out', async () => {
    const res = await client.get('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Select our 2021 General Board Rep');
    expect(html).toContain('Community wide application for conducting elections');
  });

  it('lists every election and filters by status', async () => {
    const all = await (await client.get('/elections')).text();
    expect(all).not.toContain('brand-org'); // one organization: the header names none (ORGANIZATIONS_FILE only)
    expect(all).toContain('Index for all the elections contained by the repository.');
    for (const e of [running, upcoming, completed]) expect(all).toContain(`href="/elections/${e.key}"`);
    const onlyUpcoming = await (await client.get('/elections?status=upcoming')).text();
    expect(onlyUpcoming).toContain('TOC 2022');
    expect(onlyUpcoming).not.toContain('Select our 2021 General Board Rep');
    const unknown = await (await client.get('/elections?status=bogus')).text();
    expect(unknown).toContain('No Elections found');
  });

  it('shows a public election page with candidates, times in UTC and published results', async () => {
    const res = await client.get('/elections/name_the_app');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('The winner is <strong>elekto</strong>.');
    expect(html).toMatch(/<time datetime="[^"]+Z" data-local-time>\d+ \w+ \d{4}, \d\d:\d\d UTC<\/time>/);
    expect(html).toContain('href="/app/elections/name_the_app/candidates/dims"');
  });

  it('sets no cookie for someone reading public pages; the sign-in form makes its session', async () => {
    for (const path of ['/', '/elections', '/elections?status=running', `/elections/${running.key}`, '/health']) {
      const res = await fetch(`${web.baseUrl}${path}`, { redirect: 'manual' });
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.headers.getSetCookie()]).toEqual([path, []]);
    }
    const login = await fetch(`${web.baseUrl}/login`);
    expect(login.headers.getSetCookie().join('\n')).toMatch(/elekto\.session=/);
    expect(await login.text()).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{8,}"/);
  });

  it('answers an unknown election with a real 404 page', async () => {
    const res = await client.get('/elections/12345');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Not found');
    expect((await client.get('/no/such/page')).status).toBe(404);
  });

  it('keeps Elekto trailing-slash rules: /elections/ is not the list', async () => {
    expect((await client.get('/elections/')).status).toBe(404);
  });

  it('has liveness and readiness probes', async () => {
    const health = await client.get('/health');
    expect(health.status).toBe(200);
    const ready = await client.get('/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { database: { ok: true }, meta: { ok: true } } });
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    const res = await client.get('/elections');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('serves the stylesheet and scripts, and nothing else from disk', async () => {
    const css = await client.get('/static/css/elekto.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await client.get('/static/js/ballot.js')).status).toBe(200);
    expect((await client.get('/static/../http-config.ts')).status).toBe(404);
    expect((await client.get('/static/%2e%2e/views/base.njk')).status).toBe(404);
  });
});
