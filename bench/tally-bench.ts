/**
 * Tally benchmark (`npm run bench`, or `node bench/run-all.js tally`).
 * Generates officers' CSVs into bench/out/ (git-ignored, reused when present) and measures:
 *  - end to end: `node bin/elekto.js tally <csv> --json` in a child: wall time and peak RSS;
 *  - the tally alone with ballots already in memory (accumulate + Schulze);
 *  - CSV parsing alone: our byte parser vs csv-parse, on the 1M × 10 file;
 *  - process start-up: `node -e 0` vs `node bin/elekto.js tally --help` (tsx).
 * Targets (issue 2): 1M × 10 end to end < 3 s and < 400 MB; tally alone < 0.3 s.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, openSync, closeSync, writeSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as csvParse } from 'csv-parse';
import { BallotsCsvParser } from '../src/adapters/csv/index.js';
import { PairwiseAccumulator, tally } from '../src/domain/tally/index.js';
import { seededRandom, skewedBallot } from './seeded-ballots.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench/out');
const CASES = [
  { ballots: 1_000_000, candidates: 10, target: { e2eMs: 3000, rssMb: 400, tallyMs: 300 } },
  { ballots: 100_000, candidates: 30 },
  { ballots: 10_000, candidates: 100 },
] as const;
const RUNS = 3;

/** Deterministic ballots: most voters rank everyone, some truncate (No opinion), some tie. */
function* ballots(count: number, n: number, seed = 42): Generator<Int32Array> {
  const rand = seededRandom(seed);
  const order = new Int32Array(n);
  const ranks = new Int32Array(n);
  for (let b = 0; b < count; b++) {
    const ranked = skewedBallot(order, rand);
    ranks.fill(0);
    let r = 0;
    for (let k = 0; k < ranked; k++) {
      if (k === 0 || rand() >= 0.1) r++;
      ranks[order[n - 1 - k]!] = r;
    }
    yield ranks;
  }
}

function csvFile(count: number, n: number): string {
  const file = join(out, `tally-${count}x${n}-v1.csv`);
  if (existsSync(file)) return file;
  mkdirSync(out, { recursive: true });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, `${Array.from({ length: n }, (_, i) => `Candidate ${i + 1}`).join(',')}\n`);
  let buf = '';
  for (const ranks of ballots(count, n)) {
    let line = '';
    for (let i = 0; i < n; i++) line += (i ? ',' : '') + (ranks[i] === 0 ? 'No opinion' : String(ranks[i]));
    buf += `${line}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  renameSync(tmp, file);
  return file;
}

// Preloaded into the child: on exit it reports its own peak RSS (KiB) and CPU time (µs) on stderr.
const USAGE = `data:text/javascript,import {writeSync} from 'node:fs';process.on('exit',()=>{const u=process.resourceUsage();writeSync(2,'\\n@@usage '+u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

function child(args: string[]): { ms: number; cpuMs: number; rssMb: number; stdout: string; status: number | null; stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', USAGE, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /@@usage (\d+) (\d+)/.exec(r.stderr);
  return {
    ms,
    rssMb: m ? Number(m[1]) / 1024 : NaN,
    cpuMs: m ? Number(m[2]) / 1000 : NaN,
    stdout: r.stdout,
    status: r.status,
    stderr: r.stderr.replace(/\n?@@usage \d+ \d+\n/, ''),
  };
}

function inMemory(count: number, n: number): { acc: number; count: number; total: number; cpu: number } {
  const all = new Int32Array(count * n);
  let b = 0;
  for (const ranks of ballots(count, n)) all.set(ranks, n * b++);
  const row = new Float64Array(n);
  const best = { acc: Infinity, count: Infinity, total: Infinity, cpu: Infinity };
  for (let run = 0; run < RUNS; run++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const acc = new PairwiseAccumulator(Array.from({ length: n }, (_, i) => `Candidate ${i + 1}`));
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < n; j++) row[j] = all[i * n + j]!;
      acc.addRanks(row);
    }
    const t1 = performance.now();
    tally(acc.matrix(), { method: 'schulze', strength: 'winning', seats: 1 });
    const t2 = performance.now();
    const cu = process.cpuUsage(c0);
    if (t2 - t0 < best.total) Object.assign(best, { acc: t1 - t0, count: t2 - t1, total: t2 - t0 });
    best.cpu = Math.min(best.cpu, (cu.user + cu.system) / 1000);
  }
  return best;
}

async function parseOnly(file: string, which: 'ours' | 'csv-parse'): Promise<number> {
  const t0 = performance.now();
  let rows = 0;
  if (which === 'ours') {
    const p = new BallotsCsvParser({ header: () => undefined, ballot: () => void rows++ });
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) p.push(chunk as Buffer);
    p.end();
  } else {
    for await (const record of createReadStream(file, { highWaterMark: 1 << 20 }).pipe(csvParse({ relax_column_count: false }))) {
      if ((record as string[]).length > 0) rows++;
    }
    rows--; // header
  }
  return performance.now() - t0;
}

const fmt = (v: number, unit: string): string => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)} ${unit}` : 'n/a');
const rows: string[][] = [['case', 'measure', 'result', 'target', 'ok']];
const row = (c: string, m: string, v: string, target = '', ok = ''): void => void rows.push([c, m, v, target, ok]);

const nodeStart = Math.min(...Array.from({ length: RUNS }, () => child(['-e', '0']).ms));
const cliStart = Math.min(...Array.from({ length: RUNS }, () => child([join(root, 'bin/elekto.js'), 'tally', '--help']).ms));
row('start-up', 'node -e 0', fmt(nodeStart, 'ms'));
row('start-up', 'load average (1 min) at start', (await import('node:os')).loadavg()[0]!.toFixed(1));
row('start-up', 'elekto tally --help (tsx)', fmt(cliStart, 'ms'));

for (const c of CASES) {
  const label = `${c.ballots.toLocaleString('en')} × ${c.candidates}`;
  const t = 'target' in c ? c.target : undefined;
  const file = csvFile(c.ballots, c.candidates);
  const runs = Array.from({ length: RUNS }, () => child([join(root, 'bin/elekto.js'), 'tally', file, '--json']));
  const bad = runs.find((r) => r.status !== 0);
  if (bad) throw new Error(`elekto tally failed on ${file}: ${bad.stderr}`);
  if ((JSON.parse(runs[0]!.stdout) as { ballots?: number }).ballots !== c.ballots) throw new Error(`wrong ballot count for ${file}`);
  const wall = Math.min(...runs.map((r) => r.ms));
  const rss = Math.max(...runs.map((r) => r.rssMb));
  row(label, `end to end, best of ${RUNS} (wall)`, fmt(wall, 'ms'), t ? `< ${t.e2eMs} ms` : '', t ? (wall < t.e2eMs ? 'yes' : 'NO') : '');
  row(label, 'end to end, CPU time (user+sys)', fmt(Math.min(...runs.map((r) => r.cpuMs)), 'ms'));
  row(label, 'end to end, peak RSS', fmt(rss, 'MB'), t ? `< ${t.rssMb} MB` : '', t ? (rss < t.rssMb ? 'yes' : 'NO') : '');
  const mem = inMemory(c.ballots, c.candidates);
  row(label, 'in memory: accumulate', fmt(mem.acc, 'ms'));
  row(label, 'in memory: Schulze on the matrix', fmt(mem.count, 'ms'));
  row(label, 'in memory: total, CPU time', fmt(mem.cpu, 'ms'));
  row(label, 'in memory: total (wall)', fmt(mem.total, 'ms'), t ? `< ${t.tallyMs} ms` : '', t ? (mem.total < t.tallyMs ? 'yes' : 'NO') : '');
  if (c.ballots === 1_000_000) {
    row(label, 'parse only: our byte parser', fmt(await parseOnly(file, 'ours'), 'ms'));
    row(label, 'parse only: csv-parse', fmt(await parseOnly(file, 'csv-parse'), 'ms'));
  }
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
const line = (r: string[]): string =>
  r
    .map((cell, i) => cell.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
console.log(`tally benchmark · node ${process.version} · ${(await import('node:os')).cpus().length} CPUs`);
console.log(line(rows[0]!));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows.slice(1)) console.log(line(r));
if (rows.some((r) => r[4] === 'NO')) process.exitCode = 1;
