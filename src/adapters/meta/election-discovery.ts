import { stat } from 'node:fs/promises';
import { closestName } from './key-suggestions.js';
import type { MetaLimits } from './limits.js';
import type { MetaFiles } from './meta-files.js';
import type { ProblemList } from './problem-list.js';

export interface FoundElection {
  /** Root-relative folder, e.g. `elections/2021/GB`. */
  readonly dir: string;
  /** Below ELECTION_DIR, e.g. `2021/GB`. */
  readonly path: string;
  readonly key: string;
}

const NEAR_MISSES = ['election.yaml'];
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;
const under = (dir: string, name: string) => (dir === '.' ? name : `${dir}/${name}`);

/**
 * Walks every folder below ELECTION_DIR (any depth; hidden folders skipped). A folder is an election
 * iff it directly holds `election.yaml`; the key is its path with `/` written as `---`, so a folder
 * name that itself contains `---` cannot round-trip and is reported, never guessed. Symlinked
 * folders are followed only while they stay inside the meta root, each real folder once.
 */
export async function discoverElections(files: MetaFiles, electionDir: string, limits: MetaLimits, problems: ProblemList): Promise<FoundElection[]> {
  const found: FoundElection[] = [];
  const visited = new Set<string>();
  let budget = limits.maxDirectories;

  // Real folders are walked first and links afterwards, so a link to a folder never takes the real
  // folder's key (the link is then skipped as already seen).
  const links: Array<{ dir: string; segments: string[] }> = [];
  const walk = async (dir: string, segments: string[]): Promise<void> => {
    const where = await files.resolveInside(dir);
    if (!('real' in where) || visited.has(where.real)) return;
    visited.add(where.real);
    if (--budget < 0) {
      if (budget === -1) problems.error(dir, `the elections folder holds more than ${limits.maxDirectories} folders; the rest are skipped`);
      return;
    }
    const entries = await files.entries(dir);
    const names = entries.map((e) => e.name);
    if (names.includes('election.yaml')) {
      if (segments.length === 0) {
        problems.warning(under(dir, 'election.yaml'), 'is ignored: elections live in folders below the elections folder, not in it', {
          hint: 'move it (with its other files) into a folder named after the election',
        });
      } else {
        addElection(dir, segments);
      }
    } else if (segments.length > 0) {
      for (const name of names) {
        const guess = closestName(name, NEAR_MISSES);
        if (guess)
          problems.warning(`${dir}/${name}`, `looks like \`${guess}\`, but this folder has no \`${guess}\`, so it is not an election`, {
            hint: `rename it to ${guess} if this folder is an election`,
          });
      }
    }
    if (segments.length >= limits.maxDepth) return;
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const child = under(dir, entry.name);
      if (entry.isDirectory()) await walk(child, [...segments, entry.name]);
      else if (entry.isSymbolicLink()) links.push({ dir: child, segments: [...segments, entry.name] });
    }
  };

  const addElection = (dir: string, segments: string[]) => {
    const file = `${dir}/election.yaml`;
    const bad = segments.find((s) => s.includes('---'));
    if (bad !== undefined) {
      problems.error(file, `the folder name \`${bad}\` contains \`---\`, which election keys use for \`/\`; this election is not read`, {
        hint: `rename the folder (for example to \`${bad.replace(/-{3,}/g, '-')}\`)`,
      });
      return;
    }
    const odd = segments.find((s) => !URL_SAFE.test(s));
    if (odd !== undefined) {
      problems.warning(file, `the folder name \`${odd}\` has characters that need escaping in web addresses`, {
        hint: 'prefer letters, digits, `-`, `_` and `.` in election folder names',
      });
    }
    found.push({ dir, path: segments.join('/'), key: segments.join('---') });
  };

  const top = await files.resolveInside(electionDir);
  if ('outside' in top) {
    problems.error(electionDir, 'the elections folder leads outside the meta repository; nothing was read');
    return [];
  }
  if ('missing' in top || !(await stat(top.real)).isDirectory()) {
    problems.error(electionDir, 'the elections folder does not exist', {
      hint: 'check ELECTION_DIR (or --election-dir); it is relative to the meta repository root',
    });
    return [];
  }
  await walk(electionDir, []);
  for (let link = links.shift(); link; link = links.shift()) {
    if (await isLinkedFolder(files, link.dir, problems)) await walk(link.dir, link.segments);
  }
  return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function isLinkedFolder(files: MetaFiles, rel: string, problems: ProblemList): Promise<boolean> {
  const where = await files.resolveInside(rel);
  if ('missing' in where) return false;
  const isDir = (await stat(files.absolute(rel))).isDirectory();
  if ('outside' in where && isDir) {
    problems.error(rel, 'is a symbolic link to a folder outside the meta repository; it was not read', {
      hint: 'commit the folder itself instead of a link to it',
    });
    return false;
  }
  return 'real' in where && isDir;
}
