import { posix } from 'node:path';
import type { Election } from '../../domain/election/election.js';
import type { MetaProblem } from '../../application/ports/election-catalog.js';
import type { MetaReader, MetaReading } from '../../application/ports/meta-reader.js';
import type { MetaTree } from '../../application/ports/meta-source.js';
import { discoverElections } from './election-discovery.js';
import { readElectionFolder } from './election-folder.js';
import { META_LIMITS, type MetaLimits } from './limits.js';
import { MarkdownRenderer } from '../shared/markdown-renderer.js';
import { MetaFiles } from './meta-files.js';
import { MetaSchemas } from './meta-schemas.js';
import { ProblemList } from './problem-list.js';
import type { ReadContext } from './read-context.js';

/** Every election folder found, loaded or not (check-meta lists them all). */
export interface ElectionFinding {
  readonly key: string;
  /** Root-relative folder, e.g. `elections/2021/GB`. */
  readonly dir: string;
  /** Below ELECTION_DIR, e.g. `2021/GB`. */
  readonly path: string;
  readonly loaded: boolean;
  /** Candidates that parsed (broken candidate files not counted). */
  readonly candidates: number;
  /** No error among its problems (warnings allowed). A loaded election may still have errors: broken candidates. */
  readonly ok: boolean;
  readonly problems: readonly MetaProblem[];
}

export interface FileSystemMetaReading extends MetaReading {
  readonly findings: readonly ElectionFinding[];
  /** Problems tied to no election (bad ELECTION_DIR, folders named with `---`, links out of the root). */
  readonly generalProblems: readonly MetaProblem[];
}

export interface FileSystemMetaReaderOptions {
  /** Relative to the meta root; Elekto's ELECTION_DIR. Default `elections`. */
  readonly electionDir?: string;
  readonly limits?: Partial<MetaLimits>;
  /** Election folders read at the same time (I/O overlaps; parsing is on one thread). */
  readonly concurrency?: number;
}

/**
 * Reads a whole meta tree: discovery, YAML, front matter, JSON Schema validation, Markdown rendered
 * and sanitised once. Never throws for bad content: every defect becomes a problem, one broken
 * election never hides the others, one broken candidate never hides its election.
 */
export class FileSystemMetaReader implements MetaReader {
  private readonly electionDir: string;
  private readonly limits: MetaLimits;
  // One per process: every organization's reader uses the same validators and renderer.
  private readonly schemas = MetaSchemas.shared();
  private readonly renderer = MarkdownRenderer.shared();
  private readonly concurrency: number;

  constructor(options: FileSystemMetaReaderOptions = {}) {
    this.electionDir = normaliseDir(options.electionDir ?? 'elections');
    this.limits = { ...META_LIMITS, ...options.limits };
    this.concurrency = Math.max(1, options.concurrency ?? 16);
  }

  async read(tree: MetaTree): Promise<FileSystemMetaReading> {
    const files = await MetaFiles.open(tree.root);
    const general = new ProblemList();
    const ctx: ReadContext = { files, schemas: this.schemas, renderer: this.renderer, limits: this.limits };
    const found =
      this.electionDir.startsWith('..') || posix.isAbsolute(this.electionDir)
        ? (general.error(this.electionDir, 'the elections folder must be inside the meta repository'), [])
        : await discoverElections(files, this.electionDir, this.limits, general);

    const findings: ElectionFinding[] = new Array<ElectionFinding>(found.length);
    const loaded: Array<Election | null> = new Array<Election | null>(found.length).fill(null);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < found.length; i = next++) {
        const f = found[i]!;
        const problems = new ProblemList(f.key);
        const reading = await readElectionFolder(ctx, f.dir, f, problems).catch((e: unknown) => {
          problems.error(f.dir, `could not be read: ${e instanceof Error ? e.message : String(e)}`);
          return { election: null, candidates: 0 };
        });
        loaded[i] = reading.election;
        const ok = problems.errorCount === 0;
        findings[i] = { ...f, loaded: reading.election !== null, candidates: reading.candidates, ok, problems: problems.items };
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, found.length) }, worker));

    const elections = new Map<string, Election>();
    for (const election of loaded) if (election) elections.set(election.key, election);
    return {
      elections,
      brokenKeys: findings.filter((f) => !f.loaded).map((f) => f.key),
      problems: [...general.items, ...findings.flatMap((f) => f.problems)],
      findings,
      generalProblems: general.items,
    };
  }
}

function normaliseDir(dir: string): string {
  const n = posix.normalize(dir.replace(/\\/g, '/')).replace(/\/+$/, '');
  return n === '' || n === '.' ? '.' : n;
}
