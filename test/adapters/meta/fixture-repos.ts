import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MetaProblem } from '../../../src/application/ports/election-catalog.js';
import { FileSystemMetaReader, type FileSystemMetaReading } from '../../../src/adapters/meta/file-system-meta-reader.js';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = resolve(here, '../../fixtures/meta');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export function readRepo(root: string, electionDir = 'elections'): Promise<FileSystemMetaReading> {
  return new FileSystemMetaReader({ electionDir }).read({ root, revision: null });
}

/** A throwaway copy of a fixture repo (for symlinks and huge files made at test time). */
export function tempCopy(name: string): { root: string; parent: string; cleanup: () => void } {
  const parent = mkdtempSync(join(tmpdir(), 'elekto-meta-'));
  const root = join(parent, 'repo');
  cpSync(fixture(name), root, { recursive: true });
  return { root, parent, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

export function problemsOf(reading: FileSystemMetaReading, fileSuffix: string): MetaProblem[] {
  return reading.problems.filter((p) => p.file.endsWith(fileSuffix));
}

export function messages(problems: readonly MetaProblem[]): string[] {
  return problems.map((p) => `${p.severity}: ${p.message}`);
}
