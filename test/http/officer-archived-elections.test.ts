/**
 * A renamed election folder is a new election (the key is the folder path), and the old one is
 * archived with its ballots. The officers' dashboard lists archived elections that hold ballots,
 * the one with this election's name first, so the rename does not go unseen.
 */
import { randomUUID } from 'node:crypto';
import { anElection } from '../support/builders/election-builder.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWebOn, startWebOn, WEB_WORLD_KINDS } from '../support/http/web-worlds.js';

const current = anElection().key('2024---steering').named('Steering Committee 2024').candidates('ada', 'alan').voters('alice').officers('olivia').build();

describe.each(WEB_WORLD_KINDS)("the officers' dashboard on %s", (kind) => {
  let web: RunningWebOn;
  beforeAll(async () => {
    web = await startWebOn(kind, [current]);
    const { electionRecords, ballotBox } = web.world;
    // Before the rename: the old folder (same name), an unrelated election, and one without ballots.
    await electionRecords.syncAll([
      { key: '2024---gb', name: 'Steering Committee 2024' },
      { key: 'old-poll', name: 'Old poll' },
      { key: 'empty', name: 'Never voted' },
      { key: current.key, name: current.name },
    ]);
    const cast = async (electionKey: string, login: string) => {
      const user = await web.world.signIn(login);
      await ballotBox.cast({ electionKey, userId: user.id, ballotId: randomUUID(), entries: [{ candidate: 'ada', rank: 1 }], link: null });
    };
    await cast('2024---gb', 'alice');
    await cast('2024---gb', 'bob');
    await cast('old-poll', 'alice');
    // The rename: only the new folder is left in the meta repository.
    await electionRecords.syncAll([{ key: current.key, name: current.name }]);
  });
  afterAll(() => web?.close());

  it('lists archived elections that hold ballots (name, key, count), the same-named one first', async () => {
    const officer = new TestClient(web.baseUrl);
    await officer.signInAs('olivia');
    const res = await officer.get(`/app/elections/${current.key}/admin/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Archived elections that hold ballots');
    const rows = [
      ...html.matchAll(
        /<tr>\s*<td data-label="Name">([^<]*)(<span[^>]*>[^<]*<\/span>)?<\/td>\s*<td data-label="Key"><code>([^<]*)<\/code><\/td>\s*<td data-label="Ballots">(\d+)<\/td>/g,
      ),
    ].map((m) => [m[1]!.trim(), m[3], Number(m[4]), Boolean(m[2])]);
    expect(rows).toEqual([
      ['Steering Committee 2024', '2024---gb', 2, true],
      ['Old poll', 'old-poll', 1, false],
    ]);
    expect(html).toContain('empty roll of who has voted');
  });

  it('is for the officers of the election only', async () => {
    const voter = new TestClient(web.baseUrl);
    await voter.signInAs('alice');
    const res = await voter.get(`/app/elections/${current.key}/admin/`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('2024---gb');
  });
});
