import type { Election } from '../../../src/domain/election/election.js';
import { fixture, problemsOf, readRepo } from './fixture-repos.js';

/** Issue 13, "meta repository authors": what a first-time author gets wrong, and what we tell them. */
describe('first impressions of a meta repository author', () => {
  let reading: Awaited<ReturnType<typeof readRepo>>;
  let board: Election;
  const at = (suffix: string) => problemsOf(reading, suffix).map((p) => [p.severity, p.line, p.message, p.hint]);

  beforeAll(async () => {
    reading = await readRepo(fixture('first-impressions'));
    const e = reading.elections.get('2025---board');
    if (!e) throw new Error(`not loaded: ${JSON.stringify(reading.problems)}`);
    board = e;
  });

  describe('info entries that are not `key: value`', () => {
    it('keeps the candidate with its good fields (Elekto kept it too)', () => {
      expect(board.candidates.map((c) => c.id)).toEqual(['affil', 'indie', 'noinfo']);
      const indie = board.candidates.find((c) => c.id === 'indie')!;
      expect({ ...indie.info }).toEqual({ slack: 'indie', employer: 'Self' });
      expect(indie.bioHtml).toBe('<p>Independent candidate.</p>\n');
    });

    it('warns about each bad item with its line, and nothing else about the file', () => {
      expect(at('candidate-indie.md')).toEqual([
        ['warning', 5, '`info[0]` is `Independent`, not a `key: value` line; it is ignored', 'name the field, as in `- employer: Independent`'],
        ['warning', 7, '`info[2]` is empty; it is ignored', 'delete the lone `-` line'],
        ['warning', 8, '`info[3]` is a list, not a `key: value` line; it is ignored', 'write each field as its own `- key: value` line'],
      ]);
      expect(reading.findings.find((f) => f.key === '2025---board')).toMatchObject({ loaded: true, ok: true, candidates: 3 });
    });
  });

  describe('fields the election shows', () => {
    it('names every missing field in the message and in the hint, at the line of `info` (or `ID`)', () => {
      expect(at('candidate-noinfo.md')).toEqual([
        [
          'warning',
          3,
          '`info` has no `employer`, `slack` (listed in show_candidate_fields); the profile shows them blank',
          'add `- employer: ...` and `- slack: ...` under `info:`',
        ],
      ]);
    });

    it('points out a field the election does not show in a file that lacks one it shows (affiliation for employer)', () => {
      expect(at('candidate-affil.md')).toEqual([
        ['warning', 4, '`info` has no `employer` (listed in show_candidate_fields); the profile shows it blank', 'add `- employer: ...` under `info:`'],
        [
          'warning',
          5,
          '`info.affiliation` is not shown by this election (it shows `employer` and `slack`), and this file has no `employer`',
          'if `affiliation` is meant as `employer`, rename it',
        ],
      ]);
    });
  });

  describe('voters.yaml repeats', () => {
    it("names the repeated logins and their lines, and the line of a case-only repeat's first spelling", () => {
      expect(at('voters.yaml')).toEqual([
        ['warning', 8, '`Alice` is listed again as `alice` (line 2; logins ignore case)', 'keep one entry'],
        [
          'warning',
          5,
          '3 entries repeat an earlier one: `bob` (lines 3, 5), `carol` (lines 4, 7, 9)',
          'remove the duplicates (harmless, but they hide the real size of the roll)',
        ],
      ]);
      expect([...(board.voters ?? [])]).toEqual(['alice', 'bob', 'carol', 'dave']);
    });
  });

  describe('eligibility and exception_description', () => {
    it('keeps the text as written and renders it as sanitised Markdown, like the description', () => {
      expect(board.eligibility).toMatch(/^Contributors with 50 or more \*\*contributions\*\*/);
      const html = board.eligibilityHtml!;
      expect(html).toContain('<strong>contributions</strong>');
      expect(html).toContain('<a href="https://example.org/guide" rel="nofollow noopener noreferrer">voter guide</a>');
      expect(html).not.toMatch(/<script|alert\('eligibility'\)|href="javascript:|onerror/i);
      expect(board.exceptionDescription).toMatch(/^List your \*contributions\*/);
      expect(board.exceptionDescriptionHtml).toContain('<em>contributions</em>');
      expect(board.exceptionDescriptionHtml).toContain('<a href="https://example.org/exceptions" rel="nofollow noopener noreferrer">exception guide</a>');
      expect(board.exceptionDescriptionHtml).not.toMatch(/<script|alert/i);
    });

    it('has HTML exactly when there is text (over the sample and real-world repos)', async () => {
      const repos = [await readRepo(fixture('elekto-meta-test')), await readRepo(fixture('real-world'), 'steering/elections')];
      const pairs = repos
        .flatMap((r) => [...r.elections.values()])
        .flatMap((e) => [
          [e.eligibility, e.eligibilityHtml],
          [e.exceptionDescription, e.exceptionDescriptionHtml],
        ]);
      expect(pairs.some(([text]) => text === null)).toBe(true);
      expect(pairs.some(([text]) => text !== null)).toBe(true);
      for (const [text, html] of pairs) expect(html === null).toBe(text === null);
    });
  });
});
