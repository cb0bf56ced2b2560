import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { csrfTokenIn, TestClient } from '../support/http/browser-client.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';

/** Regressions found by endpoint-fuzz.test.ts, pinned as plain examples. */
const election = anElection().status('running', NOW).candidates('dims', 'paris').voters('alice').build();
const vote = `/app/elections/${election.key}/vote`;
let web: RunningWeb;
let alice: TestClient;
let token: string;
beforeAll(async () => {
  web = await startWeb([election]);
  alice = new TestClient(web.baseUrl);
  await alice.signInAs('alice');
  token = csrfTokenIn(await (await alice.get(vote)).text());
});
afterAll(() => web.close());

const cookie = () =>
  alice
    .cookieNames()
    .map((n) => `${n}=${alice.rawCookie(n)}`)
    .join('; ');
const send = (method: string, body: string, type = 'application/x-www-form-urlencoded', accept = 'text/html') =>
  fetch(`${web.baseUrl}${vote}`, { method, body, headers: { cookie: cookie(), 'content-type': type, accept }, redirect: 'manual' });

describe('refusals that used to be a 500 or a bare status line', () => {
  it('answers a DELETE with a form body 403 (the body parser leaves it unparsed), not 500', async () => {
    const res = await send('DELETE', `candidate@dims=1&_csrf=${token}`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('did not come from this site');
  });

  it('answers a method the route does not take with a 405 page that says so, keeping Allow', async () => {
    const res = await send('PUT', `candidate@dims=1&_csrf=${token}`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('POST');
    const html = await res.text();
    expect(html).toContain('This address does not accept that kind of request.');
    expect(html).toContain('<h1 id="error-title">Method not allowed</h1>');
  });

  it('explains an oversized body in words, not the parser\'s "request entity too large"', async () => {
    const res = await send('POST', `pad=${'x'.repeat(70 * 1024)}&_csrf=${token}`);
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain('larger than this site accepts');
    expect(html).not.toContain('request entity too large');
  });

  it('does not quote the JSON parser back to the client', async () => {
    const res = await send('POST', '{"candidate@dims":NaN}', 'application/json', 'application/json');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string };
    expect(body.message).toBe('The request could not be read. Go back, reload the page and try again.');
  });

  it('says more than "Not Found" for a bare 404 from a route guard', async () => {
    const res = await alice.get(`/app/elections/${encodeURIComponent('a\u0001b')}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no page at this address.');
  });
});

describe('what an error page may echo from the address', () => {
  // Content injection: a link whose path is a sentence ("call this number…") must not come back as
  // the site's own words on its 404 page.
  const sentence = 'Your account is locked. Call +1 555 0100 or visit evil.example to restore your vote';
  const paths = [
    `/elections/${encodeURIComponent(sentence)}`,
    `/app/elections/${encodeURIComponent(sentence)}`,
    `/app/elections/${encodeURIComponent(sentence)}/exception`,
    `/app/elections/${encodeURIComponent(`${sentence}<b>bold</b>`)}/exception`,
  ];
  it.each(paths)('does not repeat a sentence from the URL on the 404 page (%s)', async (path) => {
    const res = await alice.get(path);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain('Call +1 555');
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('<b>bold');
  });

  it('still names a short, plausible election key', async () => {
    const res = await alice.get('/app/elections/2099-steering/exception');
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/There is no election (with this key|&quot;2099-steering&quot;|"2099-steering")/);
  });
});

describe('a body that does not decode', () => {
  it.each(['gzip', 'deflate', 'br'])('answers a broken Content-Encoding: %s with 400 and words, not 500', async (encoding) => {
    const res = await fetch(`${web.baseUrl}${vote}`, {
      method: 'POST',
      body: Buffer.from('this is not compressed at all, not even a little'),
      headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': encoding, accept: 'text/html' },
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('could not be decompressed');
  });

  it('answers an unknown Content-Encoding with 415 and words', async () => {
    const res = await fetch(`${web.baseUrl}${vote}`, {
      method: 'POST',
      body: `_csrf=${token}`,
      headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'rot13', accept: 'text/html' },
      redirect: 'manual',
    });
    expect(res.status).toBe(415);
    expect(await res.text()).toContain('Content-Encoding');
  });
});
