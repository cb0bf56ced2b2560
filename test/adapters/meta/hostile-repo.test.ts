import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, messages, problemsOf, readRepo, tempCopy } from './fixture-repos.js';

const EXECUTABLE = /<script|<iframe|<style|<form|<svg|\son[a-z]+\s*=|href="\s*(javascript|data):|src="\s*(javascript|data):/i;

describe('a hostile meta repository', () => {
  let reading: Awaited<ReturnType<typeof readRepo>>;
  beforeAll(async () => {
    reading = await readRepo(fixture('hostile'));
  });

  it('keeps the good election working whatever its neighbours do', () => {
    const good = reading.elections.get('good');
    expect(good?.candidates.map((c) => c.id)).toEqual(['alpha', 'beta']);
    expect(reading.findings.find((f) => f.key === 'good')).toMatchObject({ ok: true, loaded: true, problems: [] });
  });

  it('sanitises bios, descriptions and results: nothing executable survives, harmless HTML stays', () => {
    const xss = reading.elections.get('xss')!;
    const html = [xss.descriptionHtml, xss.resultsHtml, ...xss.candidates.map((c) => c.bioHtml)].join('\n');
    expect(html).not.toMatch(EXECUTABLE);
    // `alert(` may survive only as inert text (a refused link stays visible as Markdown source).
    expect(html).not.toMatch(/<[^>]*alert\(/);
    expect(html).toContain('<details><summary>More</summary>Harmless details.</details>');
    expect(html).toContain('<img src="https://example.org/ok.png" alt="ok" />');
    expect(html).not.toContain('leftover template comment');
  });

  it('refuses an alias bomb quickly, and still allows a single ordinary alias', () => {
    expect(reading.brokenKeys).toContain('alias-bomb');
    expect(messages(problemsOf(reading, 'alias-bomb/election.yaml'))).toEqual([expect.stringMatching(/^error: could not be read: Excessive alias count/)]);
    expect(problemsOf(reading, 'alias-bomb/candidate-bomb.md')).toEqual([]);
  });

  it('reports non-UTF-8 bytes with their line instead of reading mojibake', () => {
    expect(problemsOf(reading, 'latin1/candidate-jose.md')).toEqual([
      expect.objectContaining({ severity: 'error', line: 2, message: 'is not valid UTF-8 text' }),
    ]);
    expect(reading.elections.get('latin1')?.candidates.map((c) => c.id)).toEqual(['ok']);
    expect(reading.brokenKeys).toContain('latin1-voters');
  });

  it('rejects path tricks and markup in candidate IDs, a missing ID, and duplicate IDs (ignoring case)', () => {
    const ids = reading.elections.get('bad-ids')?.candidates.map((c) => c.id);
    expect(ids).toEqual(['twin', 'ok', 'proto']);
    expect(messages(problemsOf(reading, 'candidate-dotdot.md'))).toEqual(['error: `ID` is not valid: "../x"']);
    expect(messages(problemsOf(reading, 'candidate-slash.md'))).toEqual(['error: `ID` is not valid: "a/b"']);
    expect(problemsOf(reading, 'candidate-html.md').every((p) => p.severity === 'error')).toBe(true);
    expect(messages(problemsOf(reading, 'candidate-noid.md'))).toEqual(['error: `ID` is missing']);
    expect(messages(problemsOf(reading, 'candidate-dup2.md'))).toContain(
      'error: duplicate candidate ID `Twin` (already used by candidate-dup1.md); this file is ignored',
    );
  });

  it('keeps __proto__ and constructor as plain data (no prototype pollution)', () => {
    const proto = reading.elections.get('bad-ids')?.candidates.find((c) => c.id === 'proto');
    expect(proto?.info.employer).toBe('Acme');
    expect(Object.getPrototypeOf(proto?.info)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(messages(problemsOf(reading, 'candidate-proto.md'))).toEqual(['warning: unknown key `__proto__` is ignored']);
  });

  it('reports a folder name containing --- and does not guess a key for it', () => {
    expect([...reading.elections.keys()].some((k) => k.includes('a---b') || k.includes('a------b'))).toBe(false);
    expect(reading.generalProblems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'elections/a---b/election.yaml', message: expect.stringContaining('contains `---`') }),
    ]);
  });

  it('reports broken YAML with its line, missing and unparsable fields, and end before start', () => {
    expect(problemsOf(reading, 'broken-yaml/election.yaml')).toEqual([
      expect.objectContaining({ severity: 'error', line: 3, message: expect.stringMatching(/^is not valid YAML/) }),
    ]);
    expect(messages(problemsOf(reading, 'missing-fields/election.yaml'))).toEqual([
      'error: `name` is missing',
      'error: `start_datetime` is missing',
      'error: `end_datetime` is missing',
      'error: `no_winners` must be a whole number, not "two"',
    ]);
    expect(problemsOf(reading, 'bad-dates/election.yaml').map((p) => [p.line, p.message])).toEqual([
      [5, '`exception_due` is not a date and time: "next tuesday"'],
      [3, '`start_datetime` has month 13: "2024-13-01 00:00:00"'],
      [4, '`end_datetime` has day 30, but that month has 29 days: "2024-02-30 10:00:00"'],
    ]);
    expect(messages(problemsOf(reading, 'end-before-start/election.yaml'))).toEqual(['error: `end_datetime` is not after `start_datetime`']);
    for (const key of ['broken-yaml', 'missing-fields', 'bad-dates', 'end-before-start', 'bad-voters']) {
      expect(reading.brokenKeys).toContain(key);
    }
  });

  it('warns about misspelt keys with a did-you-mean hint', () => {
    const yaml = problemsOf(reading, 'misspelt/election.yaml').filter((p) => p.message.startsWith('unknown key'));
    expect(yaml.map((p) => [p.severity, p.line, p.message, p.hint])).toEqual([
      ['warning', 10, 'unknown key `exceptoin_due` is ignored', 'did you mean `exception_due`?'],
      ['warning', 11, 'unknown key `organisation` is ignored', 'did you mean `organization`?'],
      ['warning', 12, 'unknown key `show_candidate_feilds` is ignored', 'did you mean `show_candidate_fields`?'],
      ['warning', 13, 'unknown key `totally_unknown` is ignored', expect.stringMatching(/^known keys: name, organization/)],
    ]);
    expect(problemsOf(reading, 'misspelt/voters.yaml').map((p) => [p.severity, p.message, p.hint])).toEqual([
      ['error', '`eligible_voters` is missing', expect.any(String)],
      ['warning', 'unknown key `eligible_voter` is ignored', 'did you mean `eligible_voters`?'],
    ]);
  });

  it('never throws, and attributes every election problem to its election', () => {
    for (const f of reading.findings) expect(f.problems.every((p) => p.electionKey === f.key)).toBe(true);
    expect(reading.problems.length).toBe(reading.generalProblems.length + reading.findings.reduce((n, f) => n + f.problems.length, 0));
  });
});

describe('files that leave the meta root or are too big', () => {
  let copy: ReturnType<typeof tempCopy>;
  let reading: Awaited<ReturnType<typeof readRepo>>;
  const SECRET = 'TOP-SECRET-OUTSIDE-THE-REPO';

  beforeAll(async () => {
    copy = tempCopy('hostile');
    const outside = join(copy.parent, 'outside');
    mkdirSync(join(outside, 'election'), { recursive: true });
    writeFileSync(join(outside, 'secret.md'), `---\nname: ${SECRET}\nID: secret\n---\n\n${SECRET}\n`);
    writeFileSync(join(outside, 'election.yaml'), `name: ${SECRET}\nstart_datetime: 2024-01-01 00:00:00\nend_datetime: 2024-02-01 00:00:00\n`);
    writeFileSync(join(outside, 'voters.yaml'), `eligible_voters:\n  - ${SECRET}\n`);
    writeFileSync(join(outside, 'election', 'election.yaml'), `name: ${SECRET}\nstart_datetime: 2024-01-01 00:00:00\nend_datetime: 2024-02-01 00:00:00\n`);
    const e = join(copy.root, 'elections');
    // a candidate, a voter roll, a whole election.yaml and a whole folder pointing outside
    symlinkSync(join(outside, 'secret.md'), join(e, 'good', 'candidate-secret.md'));
    mkdirSync(join(e, 'linked-voters'));
    writeFileSync(
      join(e, 'linked-voters', 'election.yaml'),
      'name: Linked voters\norganization: X\nstart_datetime: 2024-01-01 00:00:00\nend_datetime: 2024-02-01 00:00:00\nelection_officers: [o]\n',
    );
    symlinkSync(join(outside, 'voters.yaml'), join(e, 'linked-voters', 'voters.yaml'));
    mkdirSync(join(e, 'linked-yaml'));
    symlinkSync(join(outside, 'election.yaml'), join(e, 'linked-yaml', 'election.yaml'));
    symlinkSync(join(outside, 'election'), join(e, 'linked-folder'));
    // links that stay inside the root are fine
    symlinkSync(join(e, 'good'), join(e, 'alias-of-good'));
    symlinkSync(join(e, 'good', 'candidate-alpha.md'), join(e, 'xss', 'candidate-alpha.md'));
    // a file over the 1 MiB cap
    writeFileSync(join(e, 'good', 'results.md'), 'x'.repeat(1024 * 1024 + 1));
    reading = await readRepo(copy.root);
  });
  afterAll(() => copy.cleanup());

  it('never reads a byte from outside the root', () => {
    expect(JSON.stringify([...reading.elections.values()], (_, v) => (v instanceof Set ? [...v] : v))).not.toContain(SECRET);
    expect(JSON.stringify(reading.problems)).not.toContain(SECRET);
  });

  it('reports each escaping link as an error where it is', () => {
    expect(messages(problemsOf(reading, 'good/candidate-secret.md'))).toEqual([expect.stringMatching(/^error: is a symbolic link that leads outside/)]);
    expect(messages(problemsOf(reading, 'linked-voters/voters.yaml'))).toEqual([expect.stringMatching(/^error: is a symbolic link that leads outside/)]);
    expect(messages(problemsOf(reading, 'linked-yaml/election.yaml'))).toEqual([expect.stringMatching(/^error: is a symbolic link that leads outside/)]);
    expect(reading.generalProblems).toContainEqual(
      expect.objectContaining({ severity: 'error', file: 'elections/linked-folder', message: expect.stringContaining('outside the meta repository') }),
    );
    expect(reading.brokenKeys).toEqual(expect.arrayContaining(['linked-voters', 'linked-yaml']));
    expect(reading.elections.has('linked-folder')).toBe(false);
  });

  it('follows links that stay inside the root; a link to an election folder never steals its key', () => {
    expect(reading.elections.get('xss')?.candidates.map((c) => c.id)).toEqual(['alpha', 'mallory']);
    expect(reading.findings.map((f) => f.key)).toContain('good');
    expect(reading.findings.map((f) => f.key)).not.toContain('alias-of-good');
  });

  it('refuses a file over the size cap, naming the cap', () => {
    expect(messages(problemsOf(reading, 'good/results.md'))).toEqual([`error: is ${1024 * 1024 + 1} bytes; the limit for this file is ${256 * 1024} bytes`]);
    expect(reading.brokenKeys).toContain('good');
  });
});
