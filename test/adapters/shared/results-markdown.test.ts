import { ComputeResults } from '../../../src/application/results/compute-results.js';
import { resultsMarkdown } from '../../../src/adapters/shared/export/results-markdown.js';
import { aCandidate, anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { castMany, r } from '../../application/results/results-support.js';

const KEY = '2021---GB';

async function draft(build: ReturnType<typeof anElection>, cast: (w: ReturnType<typeof inMemoryWorld>) => Promise<void>) {
  const w = inMemoryWorld([build.status('completed', NOW).build()]);
  await cast(w);
  return resultsMarkdown(await new ComputeResults(w.catalog, w.ballotBox, w.clock).execute({ electionKey: KEY, requester: null }));
}

describe('resultsMarkdown (the results.md draft)', () => {
  it('states the figures, links the winners, writes ties as "(Tie) A / B" and names the method', async () => {
    const md = await draft(
      anElection()
        .seats(1)
        .voters(...Array.from({ length: 10 }, (_, i) => `v${i}`))
        .candidates(aCandidate('dims', { name: 'Davanum Srinivas' }), aCandidate('paris', { name: 'Paris Pittman' }), 'aaron', 'zed'),
      (w) => castMany(w, KEY, [r(['dims', 1], ['paris', 2], ['aaron', 2], ['zed', 3])], 4),
    );
    expect(md).toContain('# Select our 2021 General Board Rep: results');
    expect(md).toContain('This election ran from');
    expect(md).toContain('| Seats | 1 |');
    expect(md).toContain('| Eligible voters | 10 |');
    expect(md).toContain('| Ballots cast | 4 |');
    expect(md).toContain('| Turnout | 40.0% |');
    expect(md).toContain('## Winner\n\n- [Davanum Srinivas](https://github.com/dims)');
    expect(md).toMatch(/2\. \(Tie\) \[(Paris Pittman|Aaron)\]\(https:\/\/github\.com\/\w+\) \/ \[(Paris Pittman|Aaron)\]/);
    expect(md).toContain('4. [Zed](https://github.com/zed)');
    expect(md).toContain('Schulze method (winning votes) over 4 ballots');
    expect(md).not.toContain('Tie at the cut');
  });

  it('says plainly when a tie straddles the last seat', async () => {
    const md = await draft(anElection().seats(1), (w) => castMany(w, KEY, [r(['dims', 1], ['paris', 1], ['aaron', 2])], 2));
    expect(md).toContain('No candidate is elected outright');
    expect(md).toMatch(/\*\*Tie at the cut:\*\* \[(Dims|Paris)\].* \/ \[(Dims|Paris)\].* are tied for the last seat/);
  });

  it('lists candidates passed over by the seat cap, with the reason', async () => {
    const md = await draft(
      anElection()
        .seats(2)
        .seatCap({ field: 'employer', limit: 1 })
        .candidates(
          aCandidate('dims', { info: { employer: 'VMware' } }),
          aCandidate('paris', { info: { employer: 'VMware' } }),
          aCandidate('aaron', { info: { employer: 'Google' } }),
        ),
      (w) => castMany(w, KEY, [r(['dims', 1], ['paris', 2], ['aaron', 3])], 3),
    );
    expect(md).toContain('## Passed over by the seat cap');
    expect(md).toContain('At most 1 winner may share the same employer.');
    expect(md).toMatch(/- \[Paris\]\(https:\/\/github\.com\/paris\): employer "VMware"/);
    expect(md).toContain('## Winners\n\n- [Dims](https://github.com/dims)\n- [Aaron](https://github.com/aaron)');
  });

  it('escapes Markdown in names taken from the meta repository', async () => {
    const md = await draft(anElection().candidates(aCandidate('dims', { name: 'D*ms [x](javascript:alert(1))' }), 'paris'), (w) =>
      castMany(w, KEY, [r(['dims', 1], ['paris', 2])]),
    );
    expect(md).toContain('[D\\*ms \\[x\\](javascript:alert(1))](https://github.com/dims)');
  });
});
