import { BallotsCsvError } from './ballots-csv-error.js';

/** Where parsed rows go: the header once, then one call per ballot with a reused ranks buffer. */
export interface BallotsCsvSink {
  header(candidates: string[]): void;
  /** ranks[i] for header column i; 0 = unranked. The buffer is reused: copy it to keep it. */
  ballot(ranks: Float64Array): void;
}

const COMMA = 0x2c,
  LF = 0x0a,
  CR = 0x0d,
  QUOTE = 0x22,
  SPACE = 0x20,
  TAB = 0x09,
  ZERO = 0x30,
  NINE = 0x39;
const NO_OPINION_RANK = 100_000_000;
const INCOMPLETE = -1;

/**
 * Push parser for Elekto's officers' CSV (spec §8.6): a header of candidate ids, then one ballot
 * per row; a cell is a rank (1 = best, equal = tie) or "No opinion" / empty / 100000000 (unranked).
 *
 * Why hand-written rather than csv-parse: the format is unquoted and numeric, and this loop
 * reads ranks straight from the bytes without making a string per cell, which is ~10× faster
 * (figures in docs/tally.md). RFC 4180 quoting is still accepted (slow path, per cell). Only the
 * unfinished last line of a chunk is carried over, so memory stays flat however big the file.
 */
export class BallotsCsvParser {
  private readonly sink: BallotsCsvSink;
  private carry: Buffer | null = null;
  private line = 1;
  private width = 0;
  private ranks = new Float64Array(0);
  private headerSeen = false;
  private blankLine = 0;
  private headerLines = 0;

  constructor(sink: BallotsCsvSink) {
    this.sink = sink;
  }

  push(chunk: Uint8Array): void {
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry) data = Buffer.concat([this.carry, data]);
    this.carry = null;
    const pos = this.records(data, false);
    if (pos < data.length) this.carry = Buffer.from(data.subarray(pos));
  }

  end(): void {
    const data = this.carry ?? Buffer.alloc(0);
    this.carry = null;
    this.records(data, true);
    if (!this.headerSeen) throw new BallotsCsvError(1, undefined, 'the file is empty; expected a header of candidate ids.');
  }

  /** Parses every complete record; returns where the unfinished one starts. */
  private records(data: Buffer, final: boolean): number {
    let pos = 0;
    if (!this.headerSeen && this.line === 1 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) pos = 3;
    while (pos < data.length) {
      const next = this.headerSeen ? this.row(data, pos, final) : this.header(data, pos, final);
      if (next === INCOMPLETE) return pos;
      pos = next;
    }
    return pos;
  }

  private header(data: Buffer, start: number, final: boolean): number {
    const cells: string[] = [];
    this.headerLines = 0;
    const end = this.cells(data, start, final, (text, col) => {
      const id = text.trim();
      if (id === '') throw new BallotsCsvError(1, col, 'empty candidate id in the header.');
      if (cells.includes(id)) throw new BallotsCsvError(1, col, `candidate id "${id}" appears twice in the header.`);
      cells.push(id);
    });
    if (end === INCOMPLETE) return INCOMPLETE;
    if (cells.length === 0) throw new BallotsCsvError(1, undefined, 'the header is empty; expected candidate ids.');
    this.headerSeen = true;
    this.width = cells.length;
    this.ranks = new Float64Array(cells.length);
    this.sink.header(cells);
    this.line += 1 + this.headerLines;
    return end;
  }

  /** One ballot row: the fast path reads digits in place; anything else goes through cellValue. */
  private row(data: Buffer, start: number, final: boolean): number {
    const lineNo = this.line;
    if (data[start] === LF || (data[start] === CR && data[start + 1] === LF)) {
      if (this.blankLine === 0) this.blankLine = lineNo;
      this.line++;
      return start + (data[start] === LF ? 1 : 2);
    }
    if (data[start] === CR && start + 1 >= data.length && !final) return INCOMPLETE;
    const width = this.width;
    const ranks = this.ranks;
    let col = 0;
    let p = start;
    let extraLines = 0; // newlines inside quoted cells, committed with the row
    const n = data.length;
    for (;;) {
      if (col >= width) throw new BallotsCsvError(lineNo, col + 1, `more cells than the ${width} candidates of the header.`);
      // Fast path: optional spaces, digits, optional spaces, then a delimiter.
      let q = p;
      while (q < n && (data[q] === SPACE || data[q] === TAB)) q++;
      let value = 0;
      let digits = 0;
      while (q < n) {
        const b = data[q]!;
        if (b < ZERO || b > NINE) break;
        value = value * 10 + (b - ZERO);
        digits++;
        q++;
      }
      while (q < n && (data[q] === SPACE || data[q] === TAB)) q++;
      if (digits === 0 && q + 10 <= n && (data[q] === 0x4e || data[q] === 0x6e)) {
        // "No opinion" (Elekto's word for unranked), compared in place without making a string.
        const e = skipNoOpinion(data, q);
        if (e > 0) {
          q = e;
          while (q < n && (data[q] === SPACE || data[q] === TAB)) q++;
        }
      }
      const b = q < n ? data[q]! : -1;
      let after: number;
      if (b === COMMA || b === LF || b === CR || b === -1) {
        if (b === -1 && !final) return INCOMPLETE;
        // digits === 0 here means an empty (or blank) cell: unranked.
        ranks[col] = digits === 0 ? 0 : this.rank(value, digits, data, p, q, lineNo, col);
        after = q;
      } else {
        const cell = this.slowCell(data, p, final, lineNo, col);
        if (cell === null) return INCOMPLETE;
        ranks[col] = cell.rank;
        after = cell.end;
        extraLines += cell.newlines;
      }
      col++;
      const d = after < n ? data[after]! : -1;
      if (d === COMMA) {
        p = after + 1;
        continue;
      }
      let end: number;
      if (d === LF) end = after + 1;
      else if (d === CR) {
        if (after + 1 >= n && !final) return INCOMPLETE;
        if (after + 1 < n && data[after + 1] !== LF) throw new BallotsCsvError(lineNo, col, 'a carriage return not followed by a line feed.');
        end = after + 2;
      } else end = n; // end of file
      if (col !== width)
        throw new BallotsCsvError(lineNo, col + 1, `${col} cell${col === 1 ? '' : 's'}; the header has ${width} (column ${col + 1} is missing).`);
      if (this.blankLine !== 0) throw new BallotsCsvError(this.blankLine, undefined, 'an empty line between ballots.');
      this.sink.ballot(ranks);
      this.line += 1 + extraLines;
      return Math.min(end, n);
    }
  }

  private rank(value: number, digits: number, data: Buffer, p: number, q: number, line: number, col: number): number {
    if (digits > 15 || value === 0) throw this.badCell(data, p, q, line, col);
    return value === NO_OPINION_RANK ? 0 : value;
  }

  /** A cell that is not plain digits: "No opinion", a quoted cell, or an error. */
  private slowCell(data: Buffer, start: number, final: boolean, line: number, col: number): { rank: number; end: number; newlines: number } | null {
    const read = readCell(data, start, final);
    if (read === null) return null;
    const text = read.text.trim();
    if (text === '' || text.toLowerCase() === 'no opinion') return { rank: 0, end: read.end, newlines: read.newlines };
    if (/^[0-9]{1,15}$/.test(text) && Number(text) > 0) {
      const v = Number(text);
      return { rank: v === NO_OPINION_RANK ? 0 : v, end: read.end, newlines: read.newlines };
    }
    throw new BallotsCsvError(line, col + 1, `"${clip(text)}" is not a rank; expected a whole number from 1, "No opinion", an empty cell or 100000000.`);
  }

  private badCell(data: Buffer, p: number, q: number, line: number, col: number): BallotsCsvError {
    let e = q;
    while (e < data.length && data[e] !== COMMA && data[e] !== LF && data[e] !== CR) e++;
    const text = data.toString('utf8', p, e).trim();
    return new BallotsCsvError(line, col + 1, `"${clip(text)}" is not a rank; expected a whole number from 1, "No opinion", an empty cell or 100000000.`);
  }

  /** Header cells: every cell as text (quoted or not). */
  private cells(data: Buffer, start: number, final: boolean, onCell: (text: string, col: number) => void): number {
    let p = start;
    let col = 1;
    for (;;) {
      const read = readCell(data, p, final);
      if (read === null) return INCOMPLETE;
      this.headerLines += read.newlines;
      onCell(read.text, col++);
      const d = read.end < data.length ? data[read.end]! : -1;
      if (d === COMMA) {
        p = read.end + 1;
        continue;
      }
      if (d === CR && read.end + 1 >= data.length && !final) return INCOMPLETE;
      if (d === -1 && !final) return INCOMPLETE;
      if (d === CR) return read.end + (data[read.end + 1] === LF ? 2 : 1);
      return d === LF ? read.end + 1 : data.length;
    }
  }
}

/**
 * Reads one cell from `start` up to (not including) its delimiter. Quoted cells follow RFC 4180
 * ("" is a quote, delimiters and newlines inside quotes are text). null = needs more data.
 */
function readCell(data: Buffer, start: number, final: boolean): { text: string; end: number; newlines: number } | null {
  const n = data.length;
  let p = start;
  while (p < n && (data[p] === SPACE || data[p] === TAB)) p++;
  if (p < n && data[p] === QUOTE) {
    let text = '';
    let from = p + 1;
    let newlines = 0;
    for (let q = p + 1; ; q++) {
      if (q >= n) return final ? { text: text + data.toString('utf8', from, n), end: n, newlines } : null;
      if (data[q] === LF) newlines++;
      if (data[q] !== QUOTE) continue;
      if (q + 1 >= n && !final) return null;
      if (data[q + 1] === QUOTE) {
        text += data.toString('utf8', from, q + 1);
        from = q + 2;
        q++;
        continue;
      }
      text += data.toString('utf8', from, q);
      let e = q + 1;
      while (e < n && (data[e] === SPACE || data[e] === TAB)) e++;
      return { text, end: e, newlines };
    }
  }
  let e = p;
  while (e < n && data[e] !== COMMA && data[e] !== LF && data[e] !== CR) e++;
  if (e >= n && !final) return null;
  return { text: data.toString('utf8', start, e), end: e, newlines: 0 };
}

const NO_OPINION = Buffer.from('no opinion');

/** If "No opinion" (any case) starts at p, the index just after it; else -1. */
function skipNoOpinion(data: Buffer, p: number): number {
  for (let i = 0; i < 10; i++) if ((data[p + i]! | 0x20) !== NO_OPINION[i]) return -1;
  return p + 10;
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
