import { signBody } from '../../src/adapters/http/webhook/index.js';
import { TOKENS } from '../../src/bootstrap/tokens.js';
import { TestClient } from '../support/http/browser-client.js';
import { type OrgSpec, type RunningOrganizations, startOrganizations } from '../support/organizations.js';

// The same election key in two organizations, with different voters and officers.
const KEY = '2024---board';
const ORGS: OrgSpec[] = [
  {
    key: 'alpha',
    name: 'Alpha Project',
    default: true,
    secret: 'alpha-webhook-secret',
    elections: { [KEY]: { name: 'Alpha board', voters: ['alice', 'carol'], officers: ['alpha-officer'] } },
  },
  {
    key: 'beta',
    name: 'Beta Project',
    secret: 'beta-webhook-secret',
    elections: {
      [KEY]: { name: 'Beta board', voters: ['bob', 'carol'], officers: ['beta-officer'] },
      '2024---tsc': { name: 'Beta TSC', voters: ['bob'], officers: ['beta-officer'] },
    },
  },
];

const page = (org: string, rest = '') => `/o/${org}/app/elections/${KEY}${rest}`;

describe('ORGANIZATIONS_FILE: many organizations on one instance', () => {
  let web: RunningOrganizations;
  beforeAll(async () => {
    web = await startOrganizations(ORGS);
  });
  afterAll(() => web.close());

  async function signedIn(login: string): Promise<TestClient> {
    const c = new TestClient(web.baseUrl);
    await c.signInAs(login);
    return c;
  }

  it('lists the organizations with their running elections on /', async () => {
    const html = await (await new TestClient(web.baseUrl).get('/')).text();
    expect(html).toContain('href="/o/alpha/elections"');
    expect(html).toContain('href="/o/beta/elections"');
    expect(html).toContain(`href="/o/beta/elections/${KEY}">Beta board`);
    expect(html).toContain(`href="/o/alpha/elections/${KEY}">Alpha board`);
  });

  it('names the organization in the header of its pages, linking to its elections', async () => {
    const c = new TestClient(web.baseUrl);
    const beta = await (await c.get('/o/beta/elections')).text();
    expect(beta).toContain('<a class="brand-org" href="/o/beta/elections">Beta Project</a>');
    expect(await (await c.get(`/o/alpha/elections/${KEY}`)).text()).toContain('<a class="brand-org" href="/o/alpha/elections">Alpha Project</a>');
    // The instance's own pages belong to no organization.
    expect(await (await c.get('/')).text()).not.toContain('brand-org');
  });

  it('answers an unknown organization with a 404 page', async () => {
    const c = new TestClient(web.baseUrl);
    const res = await c.get('/o/gamma/elections');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/html/);
    expect((await c.get(`/o/gamma/elections/${KEY}`)).status).toBe(404);
  });

  it("serves each organization's own election under its own path, links included", async () => {
    const c = new TestClient(web.baseUrl);
    const alpha = await (await c.get(`/o/alpha/elections/${KEY}`)).text();
    const beta = await (await c.get(`/o/beta/elections/${KEY}`)).text();
    expect(alpha).toContain('Alpha board');
    expect(alpha).not.toContain('Beta board');
    expect(beta).toContain('Beta board');
    expect(alpha).toContain(`href="/o/alpha/app/elections/${KEY}"`);
    expect(beta).toContain(`href="/o/beta/app/elections/${KEY}"`);
    // Beta's other election is not reachable under alpha.
    expect((await c.get('/o/alpha/elections/2024---tsc')).status).toBe(404);
    const list = await (await c.get('/o/alpha/elections')).text();
    expect(list).not.toContain('Beta TSC');
  });

  it('keeps voters, ballots, officers and exception requests apart for the same election key', async () => {
    // alice may vote in alpha only; bob in beta only.
    const alice = await signedIn('alice');
    expect(await (await alice.get(page('alpha'))).text()).toContain('You are eligible');
    expect(await (await alice.get(page('beta'))).text()).toContain('Not eligible');
    const cast = await alice.submit(page('alpha', '/vote'), page('alpha', '/vote'), {
      'candidate@ann': '1',
      'candidate@ben': '2',
      password: '',
      password_confirm: '',
      no_passphrase: 'cast',
    });
    expect(cast.status).toBe(302);
    expect(cast.headers.get('location')).toBe(page('alpha', '/confirmation'));
    expect((await alice.get(page('beta', '/vote'))).status).toBe(403);

    // carol is a voter in both: her vote in alpha is not a vote in beta.
    const carol = await signedIn('carol');
    expect(
      (
        await carol.submit(page('alpha', '/vote'), page('alpha', '/vote'), {
          'candidate@ann': '1',
          'candidate@ben': '2',
          password: '',
          password_confirm: '',
          no_passphrase: 'cast',
        })
      ).status,
    ).toBe(302);
    const carolBeta = await (await carol.get(page('beta'))).text();
    expect(carolBeta).not.toContain('You have cast your vote');
    expect(carolBeta).toContain(`href="${page('beta', '/vote')}"`);
    expect(
      (
        await carol.submit(page('beta', '/vote'), page('beta', '/vote'), {
          'candidate@ann': '2',
          'candidate@ben': '1',
          password: '',
          password_confirm: '',
          no_passphrase: 'cast',
        })
      ).status,
    ).toBe(302);

    // dave files an exception request in beta; alpha's officer never sees it, beta's does.
    const dave = await signedIn('dave');
    const filed = await dave.submit(page('beta', '/exception'), page('beta', '/exception'), {
      name: 'Dave',
      email: 'dave@example.org',
      chat: 'dave',
      description: 'Reviewed many PRs',
      comments: '',
    });
    expect(filed.status).toBe(302);
    expect(filed.headers.get('location')).toBe(page('beta'));

    const alphaOfficer = await signedIn('alpha-officer');
    const betaOfficer = await signedIn('beta-officer');
    expect((await alphaOfficer.get(page('beta', '/admin/'))).status).toBe(403);
    expect((await betaOfficer.get(page('alpha', '/admin/'))).status).toBe(403);
    const alphaDash = await (await alphaOfficer.get(page('alpha', '/admin/'))).text();
    const betaDash = await (await betaOfficer.get(page('beta', '/admin/'))).text();
    expect(alphaDash).not.toContain('Dave');
    expect(betaDash).toContain('Dave');
    const rid = /admin\/exception\/(\d+)"/.exec(betaDash)?.[1];
    expect(rid).toBeDefined();
    expect(betaDash).toContain(`href="${page('beta', `/admin/exception/${rid}`)}"`);
    // The request id of beta's election is not found under alpha's, even by alpha's officer.
    expect((await alphaOfficer.get(page('alpha', `/admin/exception/${rid}`))).status).toBe(404);

    // Ballots: alpha has alice's and carol's, beta carol's only.
    const box = async (org: string) => await web.organizations.get(org)!.get(TOKENS.BallotBox);
    expect(await (await box('alpha')).countBallots(KEY)).toBe(2);
    expect(await (await box('beta')).countBallots(KEY)).toBe(1);
    expect(await (await box('beta')).countBallots('2024---tsc')).toBe(0);
  });

  it('sends people who are signed out to the instance sign-in and back to the organization page', async () => {
    const c = new TestClient(web.baseUrl);
    const res = await c.get(page('beta'));
    expect(res.status).toBe(302);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/login\?r=/);
    const r = decodeURIComponent(location.slice('/login?r='.length)).replaceAll('$', '/');
    expect(Buffer.from(r, 'base64').toString('utf8')).toBe(page('beta'));
  });

  it("accepts on an organization's webhook only that organization's secret", async () => {
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'abc', repository: { full_name: 'beta/meta' } });
    const post = (org: string, secret: string, id: string) =>
      fetch(`${web.baseUrl}/o/${org}/v1/webhooks/meta/sync`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'X-GitHub-Event': 'push', 'X-GitHub-Delivery': id, 'X-Hub-Signature-256': signBody(secret, body) },
      });
    expect((await post('beta', 'alpha-webhook-secret', 'd1')).status).toBe(401);
    expect((await post('alpha', 'beta-webhook-secret', 'd2')).status).toBe(401);
    const ok = await post('beta', 'beta-webhook-secret', 'd3');
    expect(ok.status).toBeLessThan(300);
    expect((await post('gamma', 'beta-webhook-secret', 'd4')).status).toBe(404);
  });

  it('names every organization on /ready, instance-wide', async () => {
    const res = await fetch(`${web.baseUrl}/ready`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { organizations: Record<string, { ok: boolean; meta: { detail: string } }> };
    expect(Object.keys(report.organizations).sort()).toEqual(['alpha', 'beta']);
    expect(report.organizations['beta']!.meta.detail).toMatch(/^2 elections/);
    expect((await fetch(`${web.baseUrl}/health`)).status).toBe(200);
  });
});
