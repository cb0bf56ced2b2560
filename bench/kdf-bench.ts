/**
 * Opening one ballot link, native libsodium (sodium-native) against the WebAssembly build
 * (`node bench/run-all.js kdf`): Elekto's links (Argon2i13, 8 passes, 512 MiB, the spec §7.5 vector)
 * and ours (Argon2id13, 3 passes, 64 MiB, peppered). Each backend × scheme runs in a child process of
 * its own, so its peak RSS (process.resourceUsage().maxRSS, workers included) is its alone.
 * Times are whole `SodiumBallotSealer.open` calls: worker start-up included where the pool starts one
 * (it retires a worker after every job above 128 MiB, so every Elekto open pays it).
 * BENCH_KDF_RUNS (default 3) opens per case; the median and the fastest are reported, and the median
 * CPU time of an open (all threads), which a busy machine disturbs less than wall time.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { KdfWorkerPool } from '../src/adapters/crypto/kdf-worker-pool.js';
import type { KdfBackend } from '../src/adapters/crypto/kdf-worker-source.js';
import { DEFAULT_SCHEME, ELEKTO_SCHEME } from '../src/adapters/shared/seal-scheme.js';
import { SodiumBallotSealer } from '../src/adapters/crypto/sodium-ballot-sealer.js';

const RUNS = Number(process.env.BENCH_KDF_RUNS ?? 3);
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const ELEKTO_LINK = {
  salt: hex('000102030405060708090a0b0c0d0e0f'),
  sealed: hex(
    '000102030405060708090a0b0c0d0e0f1011121314151617ca1972d25400b349f856e94d35b7fd5dcf98049bf7e8698de2955ce2006b7ab4d6800f09931edd17705e10c8f9322add729dd2bf',
  ),
  scheme: 'argon2i13;ops=8;mem=536870912',
};
const UUID = '0b7e9a34-5d1f-4c2e-9a8b-123456789abc';
const APP_KEY = 'bench-app-key-bench-app-key-bench-app-key-0123';
type Case = 'elekto' | 'default';

async function child(backend: KdfBackend, which: Case): Promise<void> {
  const baseline = process.resourceUsage().maxRSS / 1024;
  const pool = new KdfWorkerPool({ size: 1, backend });
  const sealer = new SodiumBallotSealer({ pool, scheme: which === 'elekto' ? ELEKTO_SCHEME : DEFAULT_SCHEME, serverSecret: APP_KEY });
  const link = which === 'elekto' ? ELEKTO_LINK : await sealer.seal('correct horse battery staple', UUID);
  const passphrase = which === 'elekto' ? 'correct horse' : 'correct horse battery staple';
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const opened = await sealer.open(passphrase, link);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (opened !== UUID) throw new Error(`the ${which} link did not open`);
  }
  await pool.close();
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  process.stdout.write(
    JSON.stringify({
      median: times[Math.floor(times.length / 2)],
      fastest: times[0],
      cpu: cpu[Math.floor(cpu.length / 2)],
      baseline,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

function main(): void {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${RUNS} open(s) per case`,
  );
  console.log(`${'case'.padEnd(42)}backend   median ms  fastest ms  CPU ms  peak RSS MiB (before)`);
  for (const which of ['elekto', 'default'] as const) {
    for (const backend of ['native', 'wasm'] as const) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), backend, which], { encoding: 'utf8', timeout: 600_000 });
      if (r.status !== 0) throw new Error(`${backend} ${which} failed: ${r.stderr}`);
      const { median, fastest, cpu, baseline, maxRssMiB } = JSON.parse(r.stdout) as {
        median: number;
        fastest: number;
        cpu: number;
        baseline: number;
        maxRssMiB: number;
      };
      const label = which === 'elekto' ? 'Elekto link (Argon2i, 8 x 512 MiB)' : 'new link (Argon2id, 3 x 64 MiB, pepper)';
      console.log(
        `${label.padEnd(42)}${backend.padEnd(10)}${median.toFixed(0).padStart(9)}${fastest.toFixed(0).padStart(12)}${cpu.toFixed(0).padStart(8)}${maxRssMiB.toFixed(0).padStart(14)} (${baseline.toFixed(0)})`,
      );
    }
  }
}

const [backend, which] = process.argv.slice(2) as [KdfBackend | undefined, Case | undefined];
if (backend && which) await child(backend, which);
else main();
