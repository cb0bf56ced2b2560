/** The officers' ballots CSV (spec §8.6): parsing, streaming across chunk borders, and bad input. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BallotsCsvError, BallotsCsvParser, readBallotsCsv } from '../../../src/adapters/csv/index.js';
import { tally } from '../../../src/domain/tally/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/ballots');

/** Parses text into [header, rows] with the given chunk size (1 = every byte its own chunk). */
function parse(text: string | Buffer, chunk = 1 << 16): { header: string[]; rows: number[][] } {
  let header: string[] = [];
  const rows: number[][] = [];
  const p = new BallotsCsvParser({ header: (h) => (header = h), ballot: (r) => rows.push([...r]) });
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for (let i = 0; i < bytes.length; i += chunk) p.push(bytes.subarray(i, i + chunk));
  p.end();
  return { header, rows };
}

function error(text: string): BallotsCsvError {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof BallotsCsvError) return e;
    throw e;
  }
  throw new Error('no error');
}

async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const b = Buffer.from(text);
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

describe('ballots CSV', () => {
  it("reads Elekto's verified example (spec §8.6)", () => {
    const text = 'delectus,elekto,notcivs,e6n,ribemont\n2,1,4,3,5\nNo opinion,No opinion,No opinion,No opinion,No opinion\n1,1,No opinion,No opinion,2\n';
    const { header, rows } = parse(text);
    expect(header).toEqual(['delectus', 'elekto', 'notcivs', 'e6n', 'ribemont']);
    expect(rows).toEqual([
      [2, 1, 4, 3, 5],
      [0, 0, 0, 0, 0],
      [1, 1, 0, 0, 2],
    ]);
  });

  it('gives the same rows whatever the chunking, CRLF or not, with or without a final newline', () => {
    const text = 'Ann Lee,"Bo, Jr.",Cy\r\n1,2,100000000\r\n ,No opinion,1\r\n"3",2,"No opinion"';
    const expected = {
      header: ['Ann Lee', 'Bo, Jr.', 'Cy'],
      rows: [
        [1, 2, 0],
        [0, 0, 1],
        [3, 2, 0],
      ],
    };
    for (const size of [1, 2, 3, 5, 7, 64]) expect(parse(text, size)).toEqual(expected);
    expect(parse(`${text}\r\n`, 4)).toEqual(expected);
  });

  it('accepts RFC 4180 quoting: doubled quotes and newlines inside a quoted header cell', () => {
    const { header, rows } = parse('"say ""hi""","two\nlines"\n1,2\n', 3);
    expect(header).toEqual(['say "hi"', 'two\nlines']);
    expect(rows).toEqual([[1, 2]]);
    expect(error('"a\nb",c\n1,x\n').line).toBe(3); // line numbers count the newline inside quotes
  });

  it('strips a UTF-8 byte order mark and accepts a header-only file as 0 ballots', async () => {
    expect(parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('A,B\n')]))).toEqual({ header: ['A', 'B'], rows: [] });
    const acc = await readBallotsCsv(chunks('A,B\n', 2));
    expect(acc.ballots).toBe(0);
    expect(acc.candidates).toEqual(['A', 'B']);
  });

  it('ignores trailing empty lines but not an empty line between ballots', () => {
    expect(parse('A,B\n1,2\n\n\n').rows).toEqual([[1, 2]]);
    const e = error('A,B\n1,2\n\n2,1\n');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/empty line/);
  });

  it.each([
    ['', 1, undefined, /empty/],
    ['A,B,A\n1,2,3\n', 1, 3, /"A" appears twice/],
    ['A,,B\n', 1, 2, /empty candidate id/],
    ['A,B\n1,2\n1\n', 3, 2, /1 cell; the header has 2/],
    ['A,B\n1,2,3\n', 2, 3, /more cells than the 2 candidates/],
    ['A,B\n1,abc\n', 2, 2, /"abc" is not a rank/],
    ['A,B\n1,0\n', 2, 2, /"0" is not a rank/],
    ['A,B\n-1,2\n', 2, 1, /"-1" is not a rank/],
    ['A,B\n1.5,2\n', 2, 1, /"1.5" is not a rank/],
    ['A,B\n1,2\n2,No opinions\n', 3, 2, /"No opinions" is not a rank/],
  ])('rejects %j at line %d, column %s', (text, line, column, message) => {
    const e = error(text);
    expect(e.line).toBe(line);
    expect(e.column).toBe(column);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(new RegExp(`^line ${line}`));
  });

  it('round-trips any Elekto-style file, whatever the chunk size (fast-check)', () => {
    const cell = fc.oneof(fc.integer({ min: 1, max: 12 }).map(String), fc.constantFrom('No opinion', '', '100000000', ' 3 ', '"2"'));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 12 }),
              fc.integer({ min: 1, max: 40 }),
              fc.boolean(),
            ),
          ),
        ([n, table, size, crlf]) => {
          const eol = crlf ? '\r\n' : '\n';
          const header = Array.from({ length: n }, (_, i) => `Cand ${i}`);
          // A lone empty cell would make an empty line, which is refused between ballots.
          const rowsText = table.map((r) => (n === 1 && r[0] === '' ? ['No opinion'] : r));
          const text = [header.join(','), ...rowsText.map((r) => r.join(','))].join(eol) + eol;
          const value = (c: string): number => {
            const t = c.replace(/"/g, '').trim();
            return t === '' || t === 'No opinion' || t === '100000000' ? 0 : Number(t);
          };
          expect(parse(text, size)).toEqual({ header, rows: rowsText.map((r) => r.map(value)) });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("streams the published Kubernetes fixture into a tally equal to Elekto's result", async () => {
    const text = readFileSync(join(fixtures, 'elekto-ballots.csv'), 'utf8');
    const acc = await readBallotsCsv(chunks(text, 97));
    expect(acc.ballots).toBe(312);
    const r = tally(acc.matrix(), { method: 'schulze', strength: 'winning', seats: 10 });
    expect(r.winners).toEqual([
      'Jordan Liggitt',
      'Bob Killen',
      'Davanum Srinivas',
      'Stephen Augustus',
      'Ian Coldwater',
      'Lachlan Evenson',
      'Federico Bongiovanni',
      'Carlos Panato',
      'Divya Mohan',
      'Mayank Kumar',
    ]);
  });
});
