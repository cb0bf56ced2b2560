import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly aliases?: readonly string[];
}

/** The one list of commands; a command's code is ./commands/<name>.(ts|js). */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'serve', summary: 'Serve the web application', aliases: ['run'] },
  { name: 'migrate', summary: 'Create or upgrade the database schema' },
  { name: 'sync', summary: 'Fetch the meta repository and sync elections' },
  { name: 'check-meta', summary: 'Validate a meta repository (for its CI)' },
  { name: 'tally', summary: 'Count an officers\' ballots CSV (Schulze and other Condorcet methods)' },
  { name: 'results', summary: 'Print the results of a completed election' },
  { name: 'verify', summary: "Check an election's bulletin: its digest and its count" },
  { name: 'purge-links', summary: 'Destroy the voter-to-ballot links of a completed election' },
  { name: 'generate-key', summary: 'Write a fresh APP_KEY into .env' },
];

const here = dirname(fileURLToPath(import.meta.url));

export function resolveCommand(name: string): { name: string; file: string } | undefined {
  const entry = COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
  if (!entry) return undefined;
  for (const ext of ['.ts', '.js']) {
    const file = join(here, 'commands', `${entry.name}${ext}`);
    if (existsSync(file)) return { name: entry.name, file };
  }
  return undefined;
}
