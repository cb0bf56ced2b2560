import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/bootstrap/cli/main.js';

/** `elekto --env-file <path> <command>`: every command reads that file (it sets ENV_FILE). */
describe('elekto --env-file', () => {
  const saved = process.env.ENV_FILE;
  let output = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  beforeEach(() => {
    output = '';
    const capture = ((chunk: string | Uint8Array) => ((output += String(chunk)), true)) as typeof process.stdout.write;
    process.stdout.write = capture;
    process.stderr.write = capture;
  });
  afterEach(() => {
    process.stdout.write = out;
    process.stderr.write = err;
    if (saved === undefined) delete process.env.ENV_FILE;
    else process.env.ENV_FILE = saved;
  });

  it('makes migrate read the named file (a # in the path value kept, as python-dotenv reads it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'elekto-envfile-'));
    const file = join(dir, 'elekto.env');
    writeFileSync(file, `DB_CONNECTION=sqlite\nDB_PATH=${dir}/db#1.sqlite   # the database\n`);
    expect(await main(['--env-file', file, 'migrate', '--check'])).toBe(1);
    expect(output).toContain(`Database: SQLite ${dir}/db#1.sqlite`);
    expect(output).toContain('Migrations are pending');
    output = '';
    expect(await main([`--env-file=${join(dir, 'missing.env')}`, 'migrate'])).toBe(78);
    expect(output).toContain(`ENV_FILE: ${join(dir, 'missing.env')} does not exist`);
  });

  it('makes generate-key write into ENV_FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'elekto-envfile-'));
    const file = join(dir, 'elekto.env');
    writeFileSync(file, 'APP_NAME=x\n');
    expect(await main(['--env-file', file, 'generate-key'])).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^APP_NAME=x\nAPP_KEY=[0-9a-f]{64}\n$/);
  });
});
