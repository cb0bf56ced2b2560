import type { Dirent } from 'node:fs';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

export type TextRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'refused'; readonly message: string; readonly hint?: string; readonly line?: number };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Every read of the meta repository goes through here: paths are relative to the root, are resolved
 * with realpath and refused when they leave the root (a symlink pointing at /etc/passwd or at another
 * checkout), files are size-capped, and bytes must be UTF-8 (reported, never turned into mojibake).
 * Text comes back without a byte-order mark and with `\n` line ends, line numbering unchanged.
 */
export class MetaFiles {
  private constructor(readonly root: string) {}

  static async open(root: string): Promise<MetaFiles> {
    return new MetaFiles(await realpath(root));
  }

  /** Absolute path of a root-relative POSIX path. */
  absolute(rel: string): string {
    return rel === '' ? this.root : join(this.root, ...rel.split('/'));
  }

  /** The real location of `rel`, or null when it resolves outside the root (or does not exist). */
  async resolveInside(rel: string): Promise<{ real: string } | { outside: true } | { missing: true }> {
    let real: string;
    try {
      real = await realpath(this.absolute(rel));
    } catch {
      return { missing: true };
    }
    return this.contains(real) ? { real } : { outside: true };
  }

  contains(real: string): boolean {
    const r = relative(this.root, real);
    return r === '' || (!r.startsWith('..') && !isAbsolute(r) && r.split(sep)[0] !== '..');
  }

  async entries(relDir: string): Promise<Dirent[]> {
    return readdir(this.absolute(relDir), { withFileTypes: true });
  }

  async readText(rel: string, maxBytes: number): Promise<TextRead> {
    // Synchronous reads on purpose: a big meta repo is ~10,000 small files, and the four thread-pool
    // round trips per file of fs/promises cost more than the reads (measured: about half the sync).
    // Each read is capped at maxBytes, so the event loop is held for microseconds at a time.
    // Fast path: O_NOFOLLOW opens a plain file directly (its folder was reached inside the root);
    // a symlink fails with ELOOP and goes through realpath and the containment check.
    let fd: number;
    try {
      fd = openSync(this.absolute(rel), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
      if (code !== 'ELOOP' && code !== 'EMLINK') throw e;
      const where = await this.resolveInside(rel);
      if ('missing' in where) return { kind: 'refused', message: 'is a symbolic link to nothing (dangling link)' };
      if ('outside' in where) {
        return {
          kind: 'refused',
          message: 'is a symbolic link that leads outside the meta repository; it was not read',
          hint: 'commit the file itself instead of a link to it',
        };
      }
      fd = openSync(where.real, constants.O_RDONLY | constants.O_NONBLOCK); // a FIFO must not block the sync
    }
    try {
      const info = fstatSync(fd);
      if (!info.isFile()) return { kind: 'refused', message: 'is not a regular file' };
      if (info.size > maxBytes) {
        return {
          kind: 'refused',
          message: `is ${info.size} bytes; the limit for this file is ${maxBytes} bytes`,
          hint: 'a file this large is almost certainly a mistake',
        };
      }
      // One byte of room beyond the limit tells a file that grew while being read.
      const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, info.size + 1));
      let length = 0;
      for (;;) {
        const n = readSync(fd, buffer, length, buffer.length - length, null);
        if (n === 0) break;
        length += n;
        if (length === buffer.length) {
          if (length > maxBytes) return { kind: 'refused', message: `grew beyond ${maxBytes} bytes while being read` };
          return this.readGrown(fd, buffer, maxBytes);
        }
      }
      return decode(buffer.subarray(0, length));
    } finally {
      closeSync(fd);
    }
  }

  /** The file grew after fstat but is still within the limit: read the rest in pieces. */
  private readGrown(fd: number, head: Buffer, maxBytes: number): TextRead {
    const parts = [head];
    let total = head.length;
    const chunk = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { kind: 'refused', message: `grew beyond ${maxBytes} bytes while being read` };
      parts.push(Buffer.from(chunk.subarray(0, n)));
    }
    return decode(Buffer.concat(parts, total));
  }
}

function decode(bytes: Uint8Array): TextRead {
  let text: string;
  try {
    text = utf8.decode(bytes); // strips a leading BOM
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const bad = lossy.indexOf('\uFFFD');
    const line = bad < 0 ? undefined : lossy.slice(0, bad).split('\n').length;
    return {
      kind: 'refused',
      message: 'is not valid UTF-8 text',
      hint: 'save the file as UTF-8 (it looks like Latin-1 or another legacy encoding)',
      ...(line === undefined ? {} : { line }),
    };
  }
  return { kind: 'text', text: text.replace(/\r\n?/g, '\n') };
}
