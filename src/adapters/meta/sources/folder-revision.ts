import { createHash, type Hash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { closeSync, constants, fstatSync, openSync, readSync, readlinkSync } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

/** Above every cap the meta reader applies (5 MiB voters.yaml): such a file is refused there, so its size and time stand for it. */
const CONTENT_CAP = 8 * 1024 * 1024;
/** Guards against pathological trees, as the reader's own limits do. */
const MAX_DEPTH = 32;
const MAX_DIRECTORIES = 50_000;
/** Files hashed between two turns of the event loop (a sync must not hold a serving replica for long). */
const FILES_PER_TURN = 256;

/**
 * The revision of a plain folder: SHA-256 over the relative path and contents of every file below
 * the elections folder, in code-point order of paths, hidden entries skipped (the reader skips them
 * too). Two replicas that see the same files compute the same revision, so a replica follows a
 * folder change that another one synced exactly as it follows a git commit, and an unchanged folder
 * is not re-read. Links are hashed as what they point at when that stays inside the root (a shared
 * voters.yaml), and as their link text otherwise (the reader refuses to read them).
 */
export async function folderRevision(root: string, electionDir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = new FolderWalk(root, hash);
  const start = electionDir === '.' || electionDir === '' ? '' : electionDir.replace(/\\/g, '/').replace(/\/+$/, '');
  const real = await realpath(join(root, start)).catch(() => null);
  if (real === null || !walk.inside(real)) hash.update(`missing ${start}\0`);
  else await walk.directory(start, real, 0);
  return hash.digest('hex');
}

class FolderWalk {
  private readonly visited = new Set<string>();
  private directories = 0;
  private sinceTurn = 0;

  constructor(
    private readonly root: string,
    private readonly hash: Hash,
  ) {}

  inside(real: string): boolean {
    const r = relative(this.root, real);
    return r === '' || (!isAbsolute(r) && r.split(sep)[0] !== '..');
  }

  async directory(rel: string, real: string, depth: number): Promise<void> {
    if (this.visited.has(real) || depth > MAX_DEPTH || ++this.directories > MAX_DIRECTORIES) {
      this.hash.update(`skipped ${rel}\0`);
      return;
    }
    this.visited.add(real);
    this.hash.update(`D ${rel}\0`);
    let entries: Dirent[];
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch (e) {
      this.hash.update(`unreadable ${rel} ${(e as NodeJS.ErrnoException).code ?? ''}\0`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const childPath = join(real, entry.name);
      if (entry.isDirectory()) await this.directory(childRel, childPath, depth + 1);
      else if (entry.isSymbolicLink()) await this.link(childRel, childPath, depth);
      else if (entry.isFile()) await this.file(childRel, childPath);
      else this.hash.update(`other ${childRel}\0`);
    }
  }

  private async link(rel: string, path: string, depth: number): Promise<void> {
    let target: string;
    try {
      target = readlinkSync(path);
    } catch {
      target = '?';
    }
    this.hash.update(`L ${rel}\0${target}\0`);
    const real = await realpath(path).catch(() => null);
    if (real === null || !this.inside(real)) return;
    await this.file(rel, real, () => this.directory(rel, real, depth + 1));
  }

  /** Hashes a regular file's path, size and bytes; `onDirectory` when the path turns out to be a folder (a link to one). */
  private async file(rel: string, path: string, onDirectory?: () => Promise<void>): Promise<void> {
    if (++this.sinceTurn >= FILES_PER_TURN) {
      this.sinceTurn = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    let fd: number;
    try {
      // O_NONBLOCK: a FIFO planted in the folder must not hang the sync.
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EISDIR' && onDirectory) return onDirectory();
      this.hash.update(`unreadable ${rel} ${(e as NodeJS.ErrnoException).code ?? ''}\0`);
      return;
    }
    try {
      const info = fstatSync(fd);
      if (info.isDirectory() && onDirectory) {
        closeSync(fd);
        fd = -1;
        return onDirectory();
      }
      if (!info.isFile()) {
        this.hash.update(`other ${rel}\0`);
        return;
      }
      this.hash.update(`F ${rel}\0${info.size}\0`);
      if (info.size > CONTENT_CAP) {
        this.hash.update(`${info.mtimeMs}\0`);
        return;
      }
      const buffer = Buffer.allocUnsafe(Math.max(1, info.size));
      let length = 0;
      while (length < buffer.length) {
        const n = readSync(fd, buffer, length, buffer.length - length, null);
        if (n === 0) break;
        length += n;
      }
      this.hash.update(buffer.subarray(0, length));
    } finally {
      if (fd !== -1) closeSync(fd);
    }
  }
}
