import { aCandidate, anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';
import type { Bulletin } from '../../src/domain/bulletin/bulletin.js';
import { STV_KEY, castCappedStvBallots, cappedStvElection } from '../support/stv/capped-stv-election.js';

const path = `/app/elections/${STV_KEY}`;

/** The officers' results page of an STV election (issue 16): winners in order, rounds, table, charts. */
describe("the officers' results page of an STV election", () => {
  let web: RunningWeb;
  let officer: TestClient;
  let html: string;
  beforeAll(async () => {
    web = await startWeb([cappedStvElection()]);
    await castCappedStvBallots(web.world);
    officer = new TestClient(web.baseUrl);
    await officer.signInAs('officer1');
    const res = await officer.get(`${path}/admin/results`);
    expect(res.status).toBe(200);
    html = await res.text();
  });
  afterAll(() => web.close());

  it('names the method and lists the winners in order of election, with the quota', () => {
    expect(html).toContain('130 ballots · 86.7% turnout · 3 seats');
    expect(html).toContain('method: Meek&#39;s method of the Single Transferable Vote');
    const winners = /<ol class="stv-winners">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
    expect([...winners.matchAll(/<\/svg> ([^<]+) <span/g)].map((m) => m[1])).toEqual(['Ada One', 'Alan Two', 'Bea Beta']);
    expect(html).toMatch(/Quota: <strong>32\.500000001 votes in the first round, 2\d\.\d+ in the last \(it falls as votes exhaust\)<\/strong>\./);
  });

  it('says in one sentence per round what happened, the cap decision included', () => {
    const sentences = /<ol class="stv-sentences">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
    const rounds = [...sentences.matchAll(/<li><strong>Round (\d+)\.<\/strong> ([^<]+)<\/li>/g)];
    expect(rounds.length).toBeGreaterThanOrEqual(3);
    expect(rounds.map((m) => Number(m[1]))).toEqual(rounds.map((_, i) => i + 1));
    expect(sentences).toContain('a3 is passed over: &quot;Acme&quot; already has 2 seats (a1, a2); the cap is 2.');
    expect(html).toContain('Draws would use the seed <code>2026---steering@');
  });

  it('shows the rounds as a table: a row per candidate, a column per round, keep values, quota and exhausted rows', () => {
    const table = /<table class="matrix stv-rounds">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    expect(table).toContain('<caption>Votes per candidate and round</caption>');
    const columns = [...table.matchAll(/<th scope="col">Round (\d+)<\/th>/g)].length;
    expect(columns).toBeGreaterThanOrEqual(3);
    expect(table).toMatch(
      /<th scope="row">Ada One<\/th><td class="stv-elected">40<span class="stv-keep">keep 1<\/span><span class="pill pill-ok">elected<\/span><\/td>/,
    );
    expect(table).toContain('<span class="pill pill-no">passed over</span>');
    expect(table).toMatch(/<th scope="row">Quota<\/th>(<td>32\.5\d*<\/td>)+/);
    expect(table).toContain('<th scope="row">Exhausted</th>');
  });

  it('draws one bar chart per round as SVG with a text alternative listing its figures', () => {
    const charts = [...html.matchAll(/<svg class="stv-chart"[^>]*role="img" aria-labelledby="(chart-\d+-title)">\s*<title id="\1">([^<]+)<\/title>/g)];
    expect(charts.length).toBe([...html.matchAll(/<details class="stv-round"/g)].length);
    expect(charts[0]![2]).toMatch(/^Votes in round 1, quota 32\.5\d*: Ada One 40 \(elected\); Alan Two 30; Anita Three 30; Bea Beta 22; Gus Gamma 8\.$/);
    expect(html).not.toMatch(/style="/);
  });

  it('drafts results.md with the method, the winners in order and the quota', async () => {
    const md = await (await officer.get(`${path}/admin/results.md`)).text();
    expect(md).toContain('## Winners, in order of election');
    expect(md).toMatch(
      /1\. \[Ada One\]\(https:\/\/github\.com\/a1\)\n2\. \[Alan Two\]\(https:\/\/github\.com\/a2\)\n3\. \[Bea Beta\]\(https:\/\/github\.com\/beta\)/,
    );
    expect(md).toMatch(/\*\*Quota:\*\* 32\.500000001 votes in the first round, 2\d\.\d+ in the last/);
    expect(md).toContain('## Passed over by the seat cap');
    expect(md).toContain(
      "Computed with Meek's method of the Single Transferable Vote (Hill, Wichmann and Woodall, Algorithm 123) (`stv-meek`) over 130 ballots",
    );
  });

  it('shows the bulletin fixed at the close, offers bulletin.json with the STV result, and warns when the ballots changed since', async () => {
    const frozen = (await web.world.frozenBulletins.find(STV_KEY))!;
    expect(html).toContain('<h2 id="bulletin-title">Bulletin</h2>');
    expect(html).toContain(`<code class="digest">${frozen.digest}</code>`);
    expect(html).toContain('The stored ballots still give this digest.');
    expect(html).toContain(`href="/app/elections/${STV_KEY}/admin/bulletin.json"`);
    const bulletin = (await (await officer.get(`${path}/admin/bulletin.json`)).json()) as Bulletin;
    expect(bulletin.digest).toBe(frozen.digest);
    expect(bulletin.election.method).toEqual({ name: 'stv-meek', seed: expect.stringMatching(/^2026---steering@/) });
    expect(bulletin.result).toEqual({ winners: ['a1', 'a2', 'beta'], draws: [] });
    expect(await (await officer.get(`${path}/admin/results.md`)).text()).toContain(`    ${frozen.digest}`);

    const mallory = await web.world.signIn('mallory');
    await web.world.ballotBox.cast({
      electionKey: STV_KEY,
      userId: mallory.id,
      ballotId: web.world.random.uuid(),
      entries: [{ candidate: 'gamma', rank: 1 }],
      link: null,
    });
    const warned = await (await officer.get(`${path}/admin/results`)).text();
    expect(warned).toContain('The ballots changed after the close');
    expect(warned).toContain('130 ballots at the close, 131 now: 1 added since.');
  });

  describe('with the other STV methods', () => {
    it('shows a Scottish STV count without keep values, and refuses a CPO-STV count past its limit with the reason (422)', async () => {
      const scottish = { ...cappedStvElection(), key: '2026---scottish', path: '2026/scottish', method: 'stv-scottish' as const };
      const many = anElection()
        .key('2026---cpo')
        .countedBy('cpo-stv')
        .seats(6)
        .status('completed', NOW)
        .candidates(...Array.from({ length: 14 }, (_, i) => aCandidate(`c${i}`)))
        .officers('officer1')
        .build();
      const other = await startWeb([scottish, many]);
      try {
        const client = new TestClient(other.baseUrl);
        await client.signInAs('officer1');
        const page = await (await client.get('/app/elections/2026---scottish/admin/results')).text();
        expect(page).toContain('method: Single Transferable Vote by the Scottish Local Government Elections Order 2007');
        expect(page).toContain('<caption>Votes per candidate and round</caption>');
        expect(page).not.toContain('stv-keep');
        const refused = await client.get('/app/elections/2026---cpo/admin/results');
        expect(refused.status).toBe(422);
        expect(await refused.text()).toMatch(
          /CPO-STV would have to compare \d+ outcomes \(14 candidates for 6 open seats\); it compares at most 300\. Use stv-meek/,
        );
      } finally {
        await other.close();
      }
    });
  });
});
