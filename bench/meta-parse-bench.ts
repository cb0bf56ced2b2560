/**
 * Parse benchmark for the meta reader: generates a meta repository of E elections × C candidates ×
 * V voters under bench/out/ (once; reused while the shape is the same), then times a full read
 * (discovery, YAML, front matter, schema validation, Markdown render + sanitise).
 *
 *   npx tsx bench/meta-parse-bench.ts [elections=1000] [candidates=10] [voters=1000]
 *
 * `generateMetaRepo` is exported for the full-sync benchmark.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSystemMetaReader } from '../src/adapters/meta/file-system-meta-reader.js';

const DASHES = '-'.repeat(61);
const BIO = `## About me\n\nI have contributed to **SIG Docs** and [SIG Testing](https://example.org/sig-testing) for years.\n\n## What I'll do\n\n- Keep the project welcoming\n- Fix \`kubectl --namespace\` papercuts\n\n---\n\n<!-- Please make a copy of this template as candidate-yourname.md -->\n`;
/** One bio in ten carries raw HTML beyond comments (goes through the sanitiser), as in real repos. */
const RAW_HTML = '\n<details><summary>More</summary>Talks and links.</details>\n';

/** `tag` (an organization's name, say) goes into every text, so two generated repositories share none. */
export function generateMetaRepo(root: string, shape: { elections: number; candidates: number; voters: number }, tag = ''): void {
  rmSync(root, { recursive: true, force: true });
  for (let e = 0; e < shape.elections; e++) {
    const dir = join(root, 'elections', String(2000 + (e % 25)), `election-${e}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'election.yaml'),
      `name: Generated election ${e}\norganization: Bench\nstart_datetime: 2024-01-01 00:00:00\nend_datetime: 2024-01-31 23:59:59 AoE\nexception_due: 2024-01-10 00:00:00\nno_winners: 3\nallow_no_opinion: True\ndelete_after: False\nshow_candidate_fields:\n  - employer\n  - slack\nelection_officers:\n  - officer-a\n  - officer-b\neligibility: Contributors with 50 or more contributions.\nexception_description: Ask if you were missed.\n`,
    );
    const voters = Array.from({ length: shape.voters }, (_, v) => `  - Voter-${e}-${v}`).join('\n');
    writeFileSync(join(dir, 'voters.yaml'), `eligible_voters:\n${voters}\n`);
    writeFileSync(join(dir, 'election_desc.md'), `# Election ${e}${tag}\n\nVote for **three** seats. See [the guide](https://example.org/guide).\n`);
    for (let c = 0; c < shape.candidates; c++) {
      writeFileSync(
        join(dir, `candidate-cand${c}.md`),
        `${DASHES}\nname: Candidate ${c}\nID: cand${c}\ninfo:\n  - employer: Company ${c % 4}\n  - slack: cand${c}\n${DASHES}\n\n# Candidate ${c} of election ${e}${tag}\n\n${BIO}${c === 0 ? RAW_HTML : ''}`,
      );
    }
  }
  writeFileSync(join(root, '.shape.json'), JSON.stringify({ ...shape, version: 3 }));
}

async function main(): Promise<void> {
  const [elections = 1000, candidates = 10, voters = 1000] = process.argv.slice(2).map(Number);
  const shape = { elections, candidates, voters };
  const root = join(dirname(fileURLToPath(import.meta.url)), 'out', `meta-${elections}x${candidates}x${voters}`);
  if (!existsSync(join(root, '.shape.json')) || !readFileSync(join(root, '.shape.json'), 'utf8').includes('"version":3')) {
    const t = performance.now();
    generateMetaRepo(root, shape);
    console.log(`generated ${root} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const reader = new FileSystemMetaReader();
  for (let run = 1; run <= 2; run++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const reading = await reader.read({ root, revision: null });
    const s = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const errors = reading.problems.filter((p) => p.severity === 'error').length;
    console.log(
      `run ${run}: read ${reading.elections.size} elections × ${candidates} candidates × ${voters} voters in ${s.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU ` +
        `(${errors} errors, ${reading.problems.length - errors} warnings, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB)`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
