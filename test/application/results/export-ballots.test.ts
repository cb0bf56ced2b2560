import { ballotsCsv, ballotsJson } from '../../../src/adapters/shared/export/ballots-export-format.js';
import { ExportBallots } from '../../../src/application/results/export-ballots.js';
import { NO_OPINION_RANK } from '../../../src/domain/ballot/ranking.js';
import { anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { castMany, r } from './results-support.js';

const KEY = 'name_the_app';
const NO = NO_OPINION_RANK;

async function setup() {
  const election = anElection().key(KEY).candidates('delectus', 'elekto', 'notcivs', 'e6n', 'ribemont').status('completed', NOW).build();
  const w = inMemoryWorld([election]);
  return { w, exportBallots: written(new ExportBallots(w.catalog, w.ballotBox, w.clock)) };
}

/** The use case's rows as the officers download them (adapters/export). */
function written(uc: ExportBallots) {
  return {
    execute: async (input: Parameters<ExportBallots['execute']>[0]) => {
      const out = await uc.execute(input);
      return { ...out, csv: ballotsCsv(out), json: ballotsJson(out) };
    },
  };
}

describe('ExportBallots', () => {
  it("writes Elekto's CSV: candidate ids, one line per ballot, 'No opinion' when unranked, no voter identifiers", async () => {
    const { w, exportBallots } = await setup();
    // Elekto's own example (§8.6), cast in this order.
    await castMany(w, KEY, [
      r(['delectus', 2], ['elekto', 1], ['notcivs', 4], ['e6n', 3], ['ribemont', 5]),
      r(['delectus', NO], ['elekto', NO], ['notcivs', NO], ['e6n', NO], ['ribemont', NO]),
      r(['delectus', 1], ['elekto', 1], ['notcivs', NO], ['e6n', NO], ['ribemont', 2]),
    ]);
    const out = await exportBallots.execute({ electionKey: KEY, requester: null });
    const lines = out.csv.split('\n');
    expect(lines[0]).toBe('delectus,elekto,notcivs,e6n,ribemont');
    expect(lines.slice(1, -1).sort()).toEqual(['2,1,4,3,5', 'No opinion,No opinion,No opinion,No opinion,No opinion', '1,1,No opinion,No opinion,2'].sort());
    expect(lines.at(-1)).toBe('');
    expect(out.csv).not.toMatch(/voter|[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(out.ballotCount).toBe(3);
  });

  it('orders rows by content, not by the order of voting', async () => {
    const { w, exportBallots } = await setup();
    await castMany(w, KEY, [r(['ribemont', 1]), r(['delectus', 1]), r(['elekto', 1])]);
    const out = await exportBallots.execute({ electionKey: KEY, requester: null });
    const rows = out.csv.split('\n').slice(1, -1);
    expect(rows).toEqual([...rows].sort());
  });

  it('gives the same rows as JSON, with null for "No opinion"', async () => {
    const { w, exportBallots } = await setup();
    await castMany(w, KEY, [r(['delectus', 1], ['elekto', NO], ['notcivs', 2], ['e6n', NO], ['ribemont', NO])]);
    const out = await exportBallots.execute({ electionKey: KEY, requester: null });
    expect(JSON.parse(out.json)).toEqual({
      election: KEY,
      candidates: ['delectus', 'elekto', 'notcivs', 'e6n', 'ribemont'],
      ballots: [[1, null, 2, null, null]],
    });
  });

  it('keeps lines naming a candidate no longer in the meta as an extra column (nothing lost)', async () => {
    const { w, exportBallots } = await setup();
    await castMany(w, KEY, [r(['delectus', 1], ['ghost', 2]), r(['elekto', 1])]);
    const out = await exportBallots.execute({ electionKey: KEY, requester: null });
    expect(out.candidates).toEqual(['delectus', 'elekto', 'notcivs', 'e6n', 'ribemont', 'ghost']);
    expect(out.csv.split('\n').slice(1, -1).sort()).toEqual(
      ['1,No opinion,No opinion,No opinion,No opinion,2', 'No opinion,1,No opinion,No opinion,No opinion,No opinion'].sort(),
    );
  });

  it('exports dense ranks per ballot whatever was stored: 271828,314159,577215 -> 1,2,3; 5,5,9 -> 1,1,2 (issue 11)', async () => {
    const { w, exportBallots } = await setup();
    await castMany(w, KEY, [
      r(['delectus', 271828], ['elekto', 314159], ['notcivs', 577215], ['e6n', NO], ['ribemont', NO]),
      r(['delectus', 5], ['elekto', 5], ['notcivs', 9], ['e6n', NO], ['ribemont', NO]),
      // What Elekto stored unchecked and the tally does not count reads as "No opinion" there and here.
      r(['delectus', 0], ['elekto', 12], ['notcivs', Number.NaN], ['e6n', -271828], ['ribemont', 30]),
    ]);
    const out = await exportBallots.execute({ electionKey: KEY, requester: null });
    expect(out.csv.split('\n').slice(1, -1).sort()).toEqual(
      ['1,2,3,No opinion,No opinion', '1,1,2,No opinion,No opinion', 'No opinion,1,No opinion,No opinion,2'].sort(),
    );
    expect(
      JSON.parse(out.json)
        .ballots.map((b: unknown[]) => b.join(','))
        .sort(),
    ).toEqual([',1,,,2', '1,1,2,,', '1,2,3,,'].sort());
  });

  it('densifies a ballot over the cells it shows: a candidate stored twice keeps its first rank, no gap', async () => {
    const { w, exportBallots } = await setup();
    await castMany(w, KEY, [r(['delectus', 10], ['delectus', 20], ['elekto', 30], ['ghost', 40])]);
    const out = await exportBallots.execute({ electionKey: KEY, requester: null });
    expect(out.csv).toBe('delectus,elekto,notcivs,e6n,ribemont,ghost\n1,2,No opinion,No opinion,No opinion,3\n');
  });

  it('is for officers, after the end', async () => {
    const { w, exportBallots } = await setup();
    await expect(exportBallots.execute({ electionKey: KEY, requester: await w.signIn('alice') })).rejects.toMatchObject({ code: 'NOT_AN_OFFICER' });
    await expect(exportBallots.execute({ electionKey: KEY, requester: await w.signIn('officer1') })).resolves.toBeDefined();
    w.clock.set(new Date(NOW.getTime() - 36 * 3_600_000));
    await expect(exportBallots.execute({ electionKey: KEY, requester: null })).rejects.toMatchObject({ code: 'ELECTION_NOT_COMPLETED' });
  });
});

describe('ExportBallots with several unknown candidates on one ballot', () => {
  it('fills every cell (no holes)', async () => {
    const w = inMemoryWorld([anElection().key(KEY).candidates('delectus').status('completed', NOW).build()]);
    await castMany(w, KEY, [r(['delectus', 1], ['ghost1', 2], ['ghost2', 3]), r(['delectus', 1])]);
    const out = await written(new ExportBallots(w.catalog, w.ballotBox, w.clock)).execute({ electionKey: KEY, requester: null });
    expect(out.csv).toBe('delectus,ghost1,ghost2\n1,2,3\n1,No opinion,No opinion\n');
    expect(JSON.parse(out.json).ballots).toEqual([
      [1, 2, 3],
      [1, null, null],
    ]);
  });
});
