import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemsOf, readRepo, tempCopy } from './fixture-repos.js';

const ELECTION = 'elections/2025/board/election.yaml';

/** `publish_ballots` and `ballot_trackers` in election.yaml (issue 15). */
describe('publish_ballots and ballot_trackers', () => {
  async function readWith(lines: string) {
    const copy = tempCopy('first-impressions');
    try {
      appendFileSync(join(copy.root, ELECTION), `\n${lines}\n`);
      const reading = await readRepo(copy.root);
      return { election: reading.elections.get('2025---board') ?? null, problems: problemsOf(reading, 'election.yaml') };
    } finally {
      copy.cleanup();
    }
  }

  it('are off unless written', async () => {
    const { election } = await readWith('');
    expect(election).toMatchObject({ publishBallots: false, ballotTrackers: false });
  });

  it('are read when written, without a warning when both are on', async () => {
    const { election, problems } = await readWith('publish_ballots: true\nballot_trackers: true');
    expect(election).toMatchObject({ publishBallots: true, ballotTrackers: true });
    expect(problems.filter((p) => /ballot/.test(p.message))).toEqual([]);
  });

  it('warns that trackers without a published bulletin cannot be looked up by voters', async () => {
    const { election, problems } = await readWith('ballot_trackers: true');
    expect(election).toMatchObject({ publishBallots: false, ballotTrackers: true });
    expect(problems.map((p) => [p.severity, p.message])).toContainEqual([
      'warning',
      '`ballot_trackers: true` without `publish_ballots: true`: voters get a tracker but cannot look it up themselves',
    ]);
  });

  it('refuses anything but true or false, naming the key', async () => {
    const { election, problems } = await readWith('publish_ballots: "yes please"');
    expect(election).toBeNull();
    expect(problems.some((p) => p.severity === 'error' && p.message.includes('publish_ballots'))).toBe(true);
  });
});
