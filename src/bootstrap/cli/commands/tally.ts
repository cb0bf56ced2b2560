import { createReadStream } from 'node:fs';
import { BallotsCsvError, readBallotsCsv, readStvBallotsCsv } from '../../../adapters/csv/index.js';
import { isDomainError } from '../../../domain/errors.js';
import {
  countStv,
  needsFullBallots,
  tally,
  type PairStrength,
  type StvMethod,
  type TallyMethod,
  type TallyResult,
  type UnrankedPolicy,
} from '../../../domain/tally/index.js';
import { stvJson, stvText } from './stv-report.js';

export interface TallyOptions {
  method: TallyMethod | StvMethod;
  seed: string;
  strength: PairStrength;
  winners: number;
  unranked: UnrankedPolicy;
  json?: boolean;
}

/**
 * `elekto tally <ballots.csv|-> [--method …] [--strength …] [--winners N] [--unranked …] [--json]`.
 * Exit 0: counted; 2: bad usage or bad input (message on stderr, naming line and column).
 */
export async function run(file: string, opts: TallyOptions): Promise<number> {
  let result: TallyResult;
  const method = opts.method;
  try {
    const source = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
    if (needsFullBallots(method)) {
      // STV counts full ballots (distinct rankings with weights), not the pairwise matrix.
      const collector = await readStvBallotsCsv(source);
      const stv = countStv(method, collector.input(opts.winners, opts.seed));
      process.stdout.write(opts.json ? `${JSON.stringify(stvJson(stv, collector.tally), null, 2)}\n` : stvText(stv, collector.tally, []));
      return 0;
    }
    const acc = await readBallotsCsv(source, opts.unranked);
    result = tally(acc.matrix(), { method, strength: opts.strength, seats: opts.winners });
  } catch (e) {
    const where = file === '-' ? 'standard input' : file;
    if (e instanceof BallotsCsvError || isDomainError(e)) return fail(`${where}: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') return fail(`cannot read ${where}: ${(e as Error).message}`);
    throw e;
  }
  process.stdout.write(
    opts.json ? `${JSON.stringify({ ...result, unranked: opts.unranked }, jsonNumbers, 2)}\n` : textReport(result, { ...opts, method: result.method }),
  );
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`elekto tally: ${message}\n`);
  return 2;
}

/** Ratio strengths can be Infinity, which JSON cannot hold: written as the string "Infinity". */
function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

const METHOD_NAMES: Record<TallyMethod, string> = { schulze: 'Schulze', 'ranked-pairs': 'Ranked Pairs', minimax: 'Minimax', copeland: 'Copeland' };
const STRENGTH_NAMES: Record<PairStrength, string> = { winning: 'winning votes', margin: 'margins', ratio: 'ratio' };
const num = (v: number): string => (Number.isInteger(v) ? String(v) : v === Infinity ? '∞' : v.toFixed(2));

function textReport(r: TallyResult, o: TallyOptions & { method: TallyMethod }): string {
  const out: string[] = [];
  const how = r.method === 'copeland' ? METHOD_NAMES[r.method] : `${METHOD_NAMES[r.method]} (${STRENGTH_NAMES[r.strength]})`;
  out.push(
    `${how} · ${num(r.ballots)} ballots · ${r.candidates.length} candidates · unranked = ${o.unranked} · ${o.winners} seat${o.winners === 1 ? '' : 's'}`,
    '',
  );
  const wide = Math.max(...r.candidates.map((c) => c.length));
  const winners = new Set(r.winners);
  const tied = new Set(r.tiedAtCutoff);
  out.push('Ranking');
  let position = 1;
  for (const tier of r.ranking) {
    for (const c of tier) {
      const mark = winners.has(c) ? 'winner' : tied.has(c) ? 'tied at the cut' : '';
      const score = r.scores ? `  (score ${num(r.scores[c]!)})` : '';
      out.push(`  ${String(position).padStart(3)}${tier.length > 1 ? '=' : ' '} ${c.padEnd(wide)}  ${mark}${score}`.trimEnd());
    }
    position += tier.length;
  }
  out.push('', `Winners: ${r.winners.length ? r.winners.join(', ') : '(none decided)'}`);
  if (r.tieAtCutoff) {
    const left = o.winners - r.winners.length;
    out.push(`Tie at the cut: ${r.tiedAtCutoff.join(', ')} for ${left} remaining seat${left === 1 ? '' : 's'}; the officers decide.`);
  }
  out.push(`Condorcet winner: ${r.condorcetWinner ?? 'none'} · Condorcet loser: ${r.condorcetLoser ?? 'none'}`, '');
  out.push(...matrixTable('Pairwise: ballots ranking the row candidate above the column candidate', r.candidates, r.pairwise));
  if (r.strongestPaths) out.push('', ...matrixTable('Strongest paths (Schulze)', r.candidates, r.strongestPaths));
  out.push('', 'Head to head');
  for (const c of r.ranking.flat()) out.push(`  ${c}: ${r.explanations[c]!.summary}`);
  return `${out.join('\n')}\n`;
}

function matrixTable(title: string, candidates: readonly string[], m: TallyResult['pairwise']): string[] {
  const cells = candidates.map((x) => candidates.map((y) => (x === y ? '-' : num(m[x]![y]!))));
  const w = Math.max(3, ...cells.flat().map((s) => s.length), String(candidates.length).length);
  const label = Math.max(...candidates.map((c) => c.length)) + 4;
  const rows = [title, `${''.padEnd(label)} ${candidates.map((_, i) => String(i + 1).padStart(w)).join(' ')}`];
  candidates.forEach((c, i) => rows.push(`${`${String(i + 1).padStart(2)}. ${c}`.padEnd(label)} ${cells[i]!.map((s) => s.padStart(w)).join(' ')}`));
  return rows;
}
