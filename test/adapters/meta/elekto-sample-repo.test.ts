import { readFileSync, writeFileSync } from 'node:fs';
import type { Election } from '../../../src/domain/election/election.js';
import { fixture, readRepo, tempCopy } from './fixture-repos.js';

/** Elekto's own sample meta repository (elekto-io/elekto.meta.test) must read exactly as its data says. */
describe('the Elekto sample meta repository', () => {
  let reading: Awaited<ReturnType<typeof readRepo>>;
  const election = (key: string): Election => {
    const e = reading.elections.get(key);
    if (!e) throw new Error(`election ${key} not loaded`);
    return e;
  };

  beforeAll(async () => {
    reading = await readRepo(fixture('elekto-meta-test'));
  });

  it('finds the three elections at depth 1 and 2, keyed with ---, in key order', () => {
    expect([...reading.elections.keys()]).toEqual(['2021---GB', '2021---TOC', 'name_the_app']);
    expect(reading.brokenKeys).toEqual([]);
    expect(reading.findings.map((f) => [f.key, f.dir, f.path, f.ok, f.candidates])).toEqual([
      ['2021---GB', 'elections/2021/GB', '2021/GB', true, 3],
      ['2021---TOC', 'elections/2021/TOC', '2021/TOC', true, 2],
      ['name_the_app', 'elections/name_the_app', 'name_the_app', true, 5],
    ]);
  });

  it('reports no error, and exactly the warnings the data deserves', () => {
    expect(reading.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(reading.problems.map((p) => [p.electionKey, p.file, p.line, p.message])).toEqual([
      ['2021---TOC', 'elections/2021/TOC/election.yaml', 17, expect.stringContaining('`exception_due` is after `end_datetime`')],
      ['2021---TOC', 'elections/2021/TOC/election.yaml', 5, '`no_winners` is 4 but there are 2 candidates'],
      ['name_the_app', 'elections/name_the_app/election.yaml', 15, expect.stringContaining('`exceptions_due` is a misspelling of `exception_due`')],
    ]);
  });

  it('reads 2021/GB field by field', () => {
    const gb = election('2021---GB');
    expect(gb).toMatchObject({
      key: '2021---GB',
      path: '2021/GB',
      name: 'Select our 2021 General Board Rep',
      organization: 'Kubernetes',
      noWinners: 1,
      allowNoOpinion: true,
      deleteAfter: true,
      showCandidateFields: ['employer'],
      officers: ['kalkayan', 'jberkus', 'mrbobbytables'],
      eligibility: 'Members of the Steering Committee may vote in this election.',
      seatCap: null,
    });
    expect(gb.exceptionDescription).toMatch(/^If you are a member of the steering committee.*jberkus@redhat\.com\.$/);
    expect(gb.startsAt.toISOString()).toBe('2023-08-01T00:00:01.000Z');
    expect(gb.endsAt.toISOString()).toBe('2023-08-22T23:59:00.000Z');
    expect(gb.exceptionDueAt.toISOString()).toBe('2023-08-13T10:00:00.000Z');
    expect([...(gb.voters ?? [])]).toEqual(['dims', 'liggitt', 'mrbobbytables', 'cblecker', 'derekwaynecarr', 'nikhita', 'parispittman', 'jberkus']);
    expect(gb.candidates.map((c) => [c.id, c.name, { ...c.info }, c.fileName])).toEqual([
      ['aaron', 'Aaron Crickenberker', { employer: 'Google' }, 'candidate-aaron.md'],
      ['dims', 'Davanum Srinivas', { employer: 'VMware' }, 'candidate-dims.md'],
      ['paris', 'Paris Pittman', { employer: 'Apple' }, 'candidate-paris.md'],
    ]);
    expect(gb.candidates[0]?.bioHtml).toBe('<p>Aaron is a former member of the Steering Committee, and one of the founders of SIG-Testing.</p>\n');
    expect(gb.descriptionHtml).toContain('<h1>Select our GB Rep</h1>\n<p>This election is for the Steering Committee');
    expect(gb.descriptionHtml).toContain(
      '<a href="https://github.com/elekto-io/elekto/issues/3" rel="nofollow noopener noreferrer">adding comments to this issue</a>',
    );
    expect(gb.resultsHtml).toContain('<h2>Winner: Paris Pittman</h2>');
  });

  it('reads 2021/TOC, whose bios carry template comments that must not reach the page', () => {
    const toc = election('2021---TOC');
    expect(toc.name).toBe('2021 Steering Committee Election');
    expect(toc.noWinners).toBe(4);
    expect(toc.showCandidateFields).toEqual(['employer', 'slack']);
    expect(toc.officers).toEqual(['jberkus', 'alisondy', 'coderanger']);
    expect(toc.exceptionDueAt.toISOString()).toBe('2023-10-31T10:00:00.000Z');
    expect(toc.resultsHtml).toBeNull();
    expect(toc.candidates.map((c) => [c.id, { ...c.info }])).toEqual([
      ['jberkus', { employer: 'Elekto', slack: 'jberkus' }],
      ['lachie83', { employer: 'Microsoft', slack: 'lachie83' }],
    ]);
    const jberkus = toc.candidates[0]!;
    expect(jberkus.bioHtml).not.toContain('<!--');
    expect(jberkus.bioHtml).toContain('<h2>SIGS</h2>');
    expect(toc.descriptionHtml).toContain('If you’d like to vote');
  });

  it('reads name_the_app: blank show_candidate_fields, the misspelt exceptions_due honoured, an officer login starting with digits', () => {
    const app = election('name_the_app');
    expect(app).toMatchObject({
      name: 'Select The Name of the Application',
      organization: 'CommunityBridge',
      noWinners: 1,
      allowNoOpinion: true,
      deleteAfter: false,
      showCandidateFields: [],
      officers: ['kalkayan', 'jberkus', '007vedant'],
      eligibility: 'Contributors to the elections software project are eligible.',
    });
    expect(app.startsAt.toISOString()).toBe('2023-08-02T00:00:00.000Z');
    expect(app.endsAt.toISOString()).toBe('2023-08-28T23:59:00.000Z');
    // Elekto ignored `exceptions_due` (deadline fell back to the start); we read it, with a warning.
    expect(app.exceptionDueAt.toISOString()).toBe('2023-08-19T23:59:00.000Z');
    expect([...(app.voters ?? [])]).toEqual(['jberkus', 'jdumars', 'kalkayan', 'markyjackson-taulia', 'sergeykanzhelev']);
    expect(app.candidates.map((c) => [c.id, c.name, c.info.Language])).toEqual([
      ['delectus', 'delectus', 'Latin'],
      ['e6n', 'e6n', 'Leetspeak'],
      ['elekto', 'elekto', 'Esperanto'],
      ['notcivs', 'Not CIVS', 'English'],
      ['ribemont', 'Ribemont', 'French'],
    ]);
    expect(app.descriptionHtml).toBe(
      "<h1>Help Name the App!</h1>\n<p>The new voting and elections application is almost ready, which means it's time to choose a name for it!  The names in this election have been picked from a list of ideas supplied by Kubernetes Contributor Experience.  No more name ideas are being accepted.</p>\n",
    );
    expect(app.resultsHtml).toContain('<p>The new software will be called <strong>elekto</strong>.');
  });

  it('defaults exception_due to the start when neither spelling is present', async () => {
    const copy = tempCopy('elekto-meta-test');
    try {
      const file = `${copy.root}/elections/2021/GB/election.yaml`;
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^exception_due:.*$/m, ''));
      const gb = (await readRepo(copy.root)).elections.get('2021---GB')!;
      expect(gb.exceptionDueAt.toISOString()).toBe(gb.startsAt.toISOString());
    } finally {
      copy.cleanup();
    }
  });
});
