/**
 * STV benchmark (`node bench/run-all.js stv`). Target (issue 16): 100,000 ballots × 30 candidates ×
 * 5 seats, Meek, under 3 s end to end through the CLI.
 *  - end to end: writes an officers' CSV of seeded strict rankings into bench/out/ (git-ignored,
 *    reused when present; 70 % rank everyone, the rest stop early, no ties as the STV form allows
 *    none) and runs `node bin/elekto.js tally FILE --method stv-meek --winners 5` in a child, RUNS
 *    times: wall time, CPU time and peak RSS (the child reports its own resource usage on exit).
 *    bin/elekto.js runs dist/ when it is built and newer than src/ (`npm run build`), else tsx.
 *  - the domain alone: collecting the same ballots in memory and counting them with `countStv`.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countStv, StvBallotCollector } from '../src/domain/tally/index.js';
import { seededRandom, skewedBallot } from './seeded-ballots.js';

const BALLOTS = 100_000;
const CANDIDATES = 30;
const SEATS = 5;
const TARGET_MS = 3000;
const RUNS = 3;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench/out');

/** Ranks per candidate (0 = unranked): skewed shuffles so some candidates are preferred; 30 % stop early. */
function* ballots(count: number, n: number): Generator<Int32Array> {
  const rand = seededRandom(42);
  const order = new Int32Array(n);
  const ranks = new Int32Array(n);
  for (let b = 0; b < count; b++) {
    const ranked = skewedBallot(order, rand);
    ranks.fill(0);
    for (let k = 0; k < ranked; k++) ranks[order[k]!] = k + 1;
    yield ranks;
  }
}

function csvFile(): string {
  const file = join(out, `stv-${BALLOTS}x${CANDIDATES}-v1.csv`);
  if (existsSync(file)) return file;
  mkdirSync(out, { recursive: true });
  const fd = openSync(`${file}.tmp`, 'w');
  writeSync(fd, `${Array.from({ length: CANDIDATES }, (_, i) => `candidate-${i + 1}`).join(',')}\n`);
  let buf = '';
  for (const ranks of ballots(BALLOTS, CANDIDATES)) {
    let line = '';
    for (let i = 0; i < CANDIDATES; i++) line += (i ? ',' : '') + (ranks[i] === 0 ? 'No opinion' : String(ranks[i]));
    buf += `${line}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  renameSync(`${file}.tmp`, file);
  return file;
}

// Preloaded into the child: on exit it reports its own peak RSS (KiB) and CPU time (µs) on stderr.
const USAGE = `data:text/javascript,import {writeSync} from 'node:fs';process.on('exit',()=>{const u=process.resourceUsage();writeSync(2,'\\n@@usage '+u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

function cli(file: string): { ms: number; cpuMs: number; rssMb: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', USAGE, 'bin/elekto.js', 'tally', file, '--method', 'stv-meek', '--winners', String(SEATS)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`elekto tally failed (${r.status}): ${r.stderr}`);
  const m = /@@usage (\d+) (\d+)/.exec(r.stderr);
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, cpuMs: m ? Number(m[2]) / 1000 : NaN, stdout: r.stdout };
}

const file = csvFile();
const fromDist = existsSync(join(root, 'dist/.build-stamp'));
console.log(`stv benchmark · node ${process.version} · ${BALLOTS} ballots × ${CANDIDATES} candidates, ${SEATS} seats, Meek`);
const runs = Array.from({ length: RUNS }, () => cli(file)).sort((a, b) => a.ms - b.ms);
const best = runs[0]!;
const median = runs[Math.floor(RUNS / 2)]!;
const winners = /Winners, in order of election: (.*)/.exec(best.stdout)?.[1];
const rounds = best.stdout.match(/^Round \d+/gm)?.length ?? 0;
console.log(
  `end to end (node bin/elekto.js tally … --method stv-meek --winners ${SEATS}${fromDist ? ', dist/ if current' : ', tsx: no dist/ built'}): ` +
    `best ${best.ms.toFixed(0)} ms, median ${median.ms.toFixed(0)} ms, CPU ${best.cpuMs.toFixed(0)} ms, peak RSS ${best.rssMb.toFixed(0)} MB ` +
    `(target < ${TARGET_MS} ms: ${median.ms < TARGET_MS ? 'yes' : 'NO'})`,
);
console.log(`winners: ${winners} · ${rounds} rounds`);

// The domain alone, ballots already in memory.
const names = Array.from({ length: CANDIDATES }, (_, i) => `candidate-${i + 1}`);
const t0 = performance.now();
const collector = new StvBallotCollector(names);
for (const ranks of ballots(BALLOTS, CANDIDATES)) collector.addRanks(ranks);
const input = collector.input(SEATS, 'elekto-tally');
const t1 = performance.now();
const result = countStv('stv-meek', input);
const t2 = performance.now();
console.log(
  `domain alone: generate + collect ${(t1 - t0).toFixed(0)} ms (${input.ballots.length} distinct rankings) · count ${(t2 - t1).toFixed(0)} ms · ${result.rounds.length} rounds`,
);
if (result.winners.join(', ') !== winners) throw new Error(`the CLI and the domain disagree: ${winners} vs ${result.winners.join(', ')}`);
