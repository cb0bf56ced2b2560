import type { Election } from '../../../src/domain/election/election.js';
import { fixture, messages, problemsOf, readRepo } from './fixture-repos.js';

/** Every variant of real-world-meta.md (34 public elections of six communities) in one fixture repo. */
describe('real-world meta repository variants', () => {
  let reading: Awaited<ReturnType<typeof readRepo>>;
  const election = (key: string): Election => {
    const e = reading.elections.get(key);
    if (!e) throw new Error(`election ${key} not loaded: ${JSON.stringify(reading.problems)}`);
    return e;
  };
  const dir = 'steering/elections';

  beforeAll(async () => {
    reading = await readRepo(fixture('real-world'), 'steering/elections');
  });

  describe('layout', () => {
    it('finds elections at depth 2 under a two-level ELECTION_DIR, keyed with ---', () => {
      expect([...reading.elections.keys()]).toEqual(['2021---no-voters', '2022---TOC', '2023---knative', 'steering---2024']);
      expect(reading.brokenKeys).toEqual([]);
    });

    it('ignores folders without election.yaml silently (old years, templates, appointments, e-mail templates, loose files)', () => {
      for (const folder of ['2019', 'templates', 'appointments', 'email-templates', 'voting-guide.md']) {
        expect(reading.problems.filter((p) => p.file.startsWith(`${dir}/${folder}`))).toEqual([]);
      }
    });

    it('warns about near-miss file names', () => {
      expect(messages(problemsOf(reading, 'near-miss/elections.yaml'))).toEqual([expect.stringMatching(/^warning: looks like `election.yaml`/)]);
      expect(messages(problemsOf(reading, 'near-miss-yml/election.yml'))).toEqual([expect.stringMatching(/^warning: looks like `election.yaml`/)]);
      expect(messages(problemsOf(reading, 'no-voters/voters.yml'))).toEqual(['warning: is ignored; did you mean `voters.yaml`?']);
      expect(messages(problemsOf(reading, 'no-voters/election-desc.md'))).toEqual(['warning: is ignored; did you mean `election_desc.md`?']);
    });

    it('ignores README, nomination template, ballots.csv, OWNERS, screenshots and guides in an election folder', () => {
      for (const name of ['README.md', 'nomination-template.md', 'ballots.csv', 'OWNERS', 'screenshot.png', 'guide.md']) {
        expect(problemsOf(reading, `2022/TOC/${name}`)).toEqual([]);
      }
    });
  });

  describe('election.yaml', () => {
    it('reads comments, a leading ---, 0-space list indentation, True/False, a | block, no final newline and a one-digit day', () => {
      const toc = election('2022---TOC');
      expect(toc.name).toBe('2022 TOC Election');
      expect(toc.startsAt.toISOString()).toBe('2022-01-08T00:00:01.000Z');
      expect(toc.endsAt.toISOString()).toBe('2022-01-21T11:59:59.000Z');
      expect(toc.allowNoOpinion).toBe(true);
      expect(toc.deleteAfter).toBe(false);
      expect(toc.noWinners).toBe(3);
      expect(toc.officers).toEqual(['alice-officer', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi']);
      expect(toc.eligibility).toBe(
        'Contributors with 50 or more [contributions](https://devstats.example/) in the past year.\nSee the [voter guide](https://example.org/guide).',
      );
      expect(toc.showCandidateFields).toEqual(['employer', 'slack']);
    });

    it('accepts exception_due before the start without a word', () => {
      const toc = election('2022---TOC');
      expect(toc.exceptionDueAt.toISOString()).toBe('2022-01-05T00:00:00.000Z');
      expect(messages(problemsOf(reading, '2022/TOC/election.yaml'))).toEqual([]);
    });

    it('takes the historic keys with warnings, [null] show_candidate_fields as none, an uncontested end = start + 1 s', () => {
      const s = election('steering---2024');
      expect(s.showCandidateFields).toEqual([]);
      expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(1000);
      expect(s.allowNoOpinion).toBe(false);
      expect(s.exceptionDueAt.toISOString()).toBe('2024-03-02T00:00:00.000Z');
      expect(s.officers).toEqual(['officer-one']);
      const yaml = problemsOf(reading, 'steering/2024/election.yaml');
      expect(messages(yaml)).toEqual([
        expect.stringMatching(/^warning: `exceptions_due` is a misspelling of `exception_due`/),
        expect.stringMatching(/^warning: `exception_descriptions` \(historic spelling\) is ignored/),
        expect.stringMatching(/^warning: `condorcet_method` is ignored/),
        expect.stringMatching(/^warning: `exceptions_due` is after `end_datetime`/),
        'warning: officer `Officer-One` is listed twice (also as `officer-one`; logins ignore case)',
      ]);
      expect(yaml.map((p) => p.line)).toEqual([12, 13, 14, 12, 11]);
    });

    it('reads zoned, AoE, seconds-less and quoted datetimes; missing show_candidate_fields; a quoted all-digit officer', () => {
      const k = election('2023---knative');
      expect(k.startsAt.toISOString()).toBe('2023-05-01T07:00:00.000Z');
      expect(k.endsAt.toISOString()).toBe('2023-06-01T11:59:59.000Z');
      expect(k.exceptionDueAt.toISOString()).toBe('2023-05-10T12:00:00.000Z');
      expect(k.showCandidateFields).toEqual([]);
      expect(k.officers).toEqual(['007agent']);
    });

    it('reads bare dates (start of day / end of day) and the seat cap', () => {
      const n = election('2021---no-voters');
      expect(n.startsAt.toISOString()).toBe('2021-10-01T00:00:00.000Z');
      expect(n.endsAt.toISOString()).toBe('2021-10-31T23:59:59.000Z');
      expect(n.seatCap).toEqual({ field: 'employer', limit: 2 });
    });
  });

  describe('voters.yaml', () => {
    it('reads a roll with a leading ---, a trailing space after the key and comment headers; compares case-insensitively', () => {
      const roll = [...(election('2022---TOC').voters ?? [])];
      expect(roll).toEqual(['alice-officer', 'bob', 'camelcase', '12345', '0123', 'at-prefixed', 'dmikusa']);
    });

    it('warns on the junk, line by line', () => {
      const v = problemsOf(reading, '2022/TOC/voters.yaml');
      expect(v.map((p) => [p.line, p.message])).toEqual([
        [7, '`alice-officer` is listed again as `Alice-Officer` (line 6; logins ignore case)'],
        [13, '`someone@example.org` is an e-mail address, not a GitHub login; it is ignored'],
        [14, '`Display Name` contains a space, so it is not a GitHub login; it is ignored'],
        [15, 'entry 10 is empty'],
        [9, '1 entry repeats an earlier one: `bob` (lines 8, 9)'],
      ]);
      expect(v.every((p) => p.severity === 'warning')).toBe(true);
    });

    it('reads a blank eligible_voters as an empty roll, and a missing voters.yaml as no roll (warned)', () => {
      expect(election('2023---knative').voters).toEqual(new Set());
      expect(election('2021---no-voters').voters).toBeNull();
      expect(messages(problemsOf(reading, 'no-voters/voters.yaml'))).toEqual(['warning: is missing: nobody can vote in this election']);
    });
  });

  describe('candidate files', () => {
    it('reads every delimiter length, blank lines, BOM, CRLF, ID + tab, list and map info, missing info', () => {
      const toc = election('2022---TOC');
      expect(toc.candidates.map((c) => [c.id, c.name, { ...c.info }, c.fileName])).toEqual([
        ['alice', 'Alice Example', { employer: 'Example Corp', slack: 'alice', github: 'alice' }, 'candidate-alice.md'],
        ['bob', 'Bob Builder', { employer: 'Builders Inc', twitter: 'bob' }, 'candidate-bob.md'],
        ['carol', 'Carol Dash', { employer: 'Independent', discord: 'carol#1234' }, 'candidate-carol.md'],
        ['dave', 'Dave Windows', { employer: 'Windows Shop', affiliation: 'CNCF' }, 'candidate-dave.md'],
        ['erin', 'Erin NoInfo', {}, 'candidate-erin.md'],
        ['dmikusa', 'Daniel Mikusa', { employer: 'VMware', owners: 'paketo' }, 'candidate-mikusa.md'],
      ]);
    });

    it('keeps --- rules and --flags in the body', () => {
      const alice = election('2022---TOC').candidates[0]!;
      expect(alice.bioHtml).toContain('<hr />');
      expect(alice.bioHtml).toContain('<code>kubectl get pods --namespace kube-system</code>, plus --n and a---b in text.');
      expect(alice.bioHtml).not.toContain('<!--');
    });

    it('keeps non-ASCII text and emoji, and drops the CR of CRLF', () => {
      const [, bob, , dave] = election('2022---TOC').candidates;
      expect(bob!.bioHtml).toBe('<p>Bob builds things. Naïve café, 日本語, emoji 🎉.</p>\n');
      expect(dave!.bioHtml).toBe("<p>Dave's editor adds a BOM and CRLF line ends.</p>\n");
    });

    it('warns when the file name differs from the ID, and keeps the file name for the profile link', () => {
      expect(messages(problemsOf(reading, 'candidate-mikusa.md'))).toContain('warning: the file name does not match `ID: dmikusa`');
      expect(election('2022---TOC').candidates.find((c) => c.id === 'dmikusa')?.fileName).toBe('candidate-mikusa.md');
    });

    it('warns when a field of show_candidate_fields is absent for a candidate', () => {
      expect(messages(problemsOf(reading, 'candidate-erin.md'))).toEqual([
        'warning: `info` has no `employer`, `slack` (listed in show_candidate_fields); the profile shows them blank',
      ]);
      expect(problemsOf(reading, 'candidate-alice.md')).toEqual([]);
    });

    it('reports each historic malformed submission as an error for that candidate only; the election still loads', () => {
      const s = election('steering---2024');
      expect(s.candidates.map((c) => c.id)).toEqual(['solo']);
      const finding = reading.findings.find((f) => f.key === 'steering---2024')!;
      expect(finding).toMatchObject({ loaded: true, ok: false, candidates: 1 });
      for (const [file, text] of [
        ['candidate-nofm.md', 'does not start with a front-matter delimiter'],
        ['candidate-noopen.md', 'does not start with a front-matter delimiter'],
        ['candidate-oneline.md', 'front matter on the same line'],
        ['candidate-emdash.md', 'does not start with a front-matter delimiter'],
      ] as const) {
        expect(problemsOf(reading, file)).toEqual([
          expect.objectContaining({ severity: 'error', line: 1, electionKey: 'steering---2024', message: expect.stringContaining(text) }),
        ]);
      }
    });

    it('reads candidate IDs and names that YAML 1.1 would turn into booleans as text', () => {
      expect(election('2023---knative').candidates.map((c) => [c.id, c.name])).toEqual([
        ['x', 'X'],
        ['y', 'Y'],
      ]);
    });
  });
});
