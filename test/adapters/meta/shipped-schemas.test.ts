import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { splitFrontMatter } from '../../../src/adapters/meta/front-matter.js';
import { DATETIME_PATTERN } from '../../../src/adapters/meta/meta-datetime.js';
import { fixture } from './fixture-repos.js';

const schemaDir = join(fixture(''), '../../../docs/schemas');
const load = (name: string) => JSON.parse(readFileSync(join(schemaDir, `${name}.schema.json`), 'utf8')) as Record<string, unknown>;

/** What a meta repository's own CI would do: plain ajv (strict), YAML 1.2 (dates stay text). */
function validator(name: string) {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  return ajv.compile(load(name));
}

function filesNamed(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return filesNamed(full, test);
    return test(name) ? [full] : [];
  });
}

describe('the JSON Schemas shipped in docs/schemas', () => {
  it('compile with ajv in strict mode (no custom keywords), as a meta repo CI would use them', () => {
    for (const name of ['election', 'voters', 'candidate']) expect(() => validator(name)).not.toThrow();
  });

  it('accept every election.yaml and voters.yaml of the Elekto sample repo', () => {
    const election = validator('election');
    const voters = validator('voters');
    for (const f of filesNamed(fixture('elekto-meta-test'), (n) => n === 'election.yaml')) expect(election(parse(readFileSync(f, 'utf8')))).toBe(true);
    for (const f of filesNamed(fixture('elekto-meta-test'), (n) => n === 'voters.yaml')) expect(voters(parse(readFileSync(f, 'utf8')))).toBe(true);
  });

  it('accept the front matter of every candidate in the sample repo', () => {
    const candidate = validator('candidate');
    for (const f of filesNamed(fixture('elekto-meta-test'), (n) => n.startsWith('candidate-'))) {
      const split = splitFrontMatter(readFileSync(f, 'utf8'));
      expect(split.ok && candidate(parse(split.yaml))).toBe(true);
    }
  });

  it('accept info items that are not `key: value` (the reader keeps the candidate and warns), not nested mappings', () => {
    const candidate = validator('candidate');
    expect(candidate({ ID: 'x', info: ['Independent', null, 42, ['a'], { employer: 'E' }] })).toBe(true);
    expect(candidate({ ID: 'x', info: [{ employer: { nested: 'no' } }] })).toBe(false);
    expect(candidate({ ID: 'x', info: 'Independent' })).toBe(false);
  });

  it('document the seat cap, AoE datetimes and the historic keys', () => {
    const election = validator('election');
    const base = { name: 'E', start_datetime: '2024-01-01 00:00:00', end_datetime: '2024-01-31 23:59:59 AoE' };
    expect(election({ ...base, max_winners_per: { field: 'employer', limit: 2 } })).toBe(true);
    expect(election({ ...base, max_winners_per: { field: 'employer' } })).toBe(false);
    expect(election({ ...base, max_winners_per: { field: 'employer', limit: 0 } })).toBe(false);
    expect(election({ ...base, exceptions_due: '2024-01-01 00:00:00', condorcet_method: 'schulze' })).toBe(true);
    expect(election({ ...base, end_datetime: 'tomorrow' })).toBe(false);
    expect(election({ ...base, organisation: 'typo' })).toBe(false);
    const props = load('election').properties as Record<string, { deprecated?: boolean }>;
    expect(props.exceptions_due?.deprecated).toBe(true);
  });

  it('use the same datetime syntax as the reader', () => {
    const pattern = new RegExp((load('election').$defs as { datetime: { pattern: string } }).datetime.pattern);
    for (const s of [
      '2023-08-01 00:00:01',
      '2021-01-8 00:00:01',
      '2023-08-01T10:00:00.5+02:00',
      '2024-08-31 23:59:59 AoE',
      '2024-08-31',
      '2023-08-01 10:00',
      '2023-08-01 10:00:00Z',
      'x',
      '2023/08/01',
      '2023-08-01 10',
    ]) {
      expect([s, pattern.test(s)]).toEqual([s, DATETIME_PATTERN.test(s)]);
    }
  });
});
