import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const summary = 'Write a fresh APP_KEY into .env';

const HELP = `Usage: elekto generate-key [--env-file <path>] [--print]

Writes APP_KEY=<64 hex characters> (32 random bytes, like Elekto's \`console --generate\`) into the
dotenv file, replacing an existing APP_KEY line or appending one; every other line is kept as is.
The file is created (mode 600) when missing.

Options:
  --env-file <path>  dotenv file to write (default: ENV_FILE, else .env in the current directory)
  --print            print a new key on stdout instead of writing a file
  -h, --help         show this help

Changing APP_KEY signs everyone out, and ballots still waiting in the pending pool open only with
the old key: change it between elections, once results are computed (docs/ballot-secrecy.md).
`;

/** Replaces the APP_KEY line (commented-out ones too) or appends one; other lines stay byte for byte. */
export function withAppKey(text: string, key: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => /^\s*(export\s+)?APP_KEY\s*=/.test(l));
  if (i >= 0) {
    lines[i] = `APP_KEY=${key}`;
    return lines.join('\n');
  }
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${sep}APP_KEY=${key}\n`;
}

export async function run(argv: string[]): Promise<number> {
  let values: { 'env-file'?: string; print?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { 'env-file': { type: 'string' }, print: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    process.stderr.write(`elekto generate-key: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const key = randomBytes(32).toString('hex');
  if (values.print) {
    process.stdout.write(`${key}\n`);
    return 0;
  }
  const file = resolve(values['env-file'] ?? (process.env.ENV_FILE?.trim() || '.env'));
  const existed = existsSync(file);
  try {
    const text = existed ? readFileSync(file, 'utf8') : '';
    writeFileSync(file, withAppKey(text, key), existed ? {} : { mode: 0o600 });
  } catch (e) {
    process.stderr.write(`elekto generate-key: cannot write ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${existed ? 'Updated' : 'Created'} ${file} with a new APP_KEY (the key itself is not shown).\n`);
  return 0;
}
