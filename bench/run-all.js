#!/usr/bin/env node
// Runs every bench/*-bench.{js,mjs,ts} script in turn (TypeScript through tsx).
// `node bench/run-all.js tally` runs only the scripts whose name starts with "tally";
// `npm run bench -- read-path` only the read-path benchmark, `-- write-path` only the write path.
// Each script is stopped after BENCH_TIMEOUT_S seconds (default 600), so a run is bounded in time.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const timeoutS = Number(process.env.BENCH_TIMEOUT_S ?? 600);
const scripts = readdirSync(here)
  .filter((f) => /-bench\.(js|mjs|ts)$/.test(f))
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
  .sort();

if (scripts.length === 0) {
  console.error(`no bench script matches ${filters.join(', ') || '*-bench.*'}`);
  process.exit(2);
}
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${script} ===`);
  const args = script.endsWith('.ts') ? ['--import', 'tsx', join(here, script)] : [join(here, script)];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: join(here, '..'), timeout: timeoutS * 1000, killSignal: 'SIGTERM' });
  if (r.status !== 0) {
    failed++;
    const why = r.error?.code === 'ETIMEDOUT' ? `stopped after ${timeoutS} s (BENCH_TIMEOUT_S)` : `exit ${r.status ?? r.signal}`;
    console.error(`${script} failed (${why})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
