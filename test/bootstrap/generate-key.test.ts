import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withAppKey } from '../../src/bootstrap/cli/commands/generate-key.js';
import { main } from '../../src/bootstrap/cli/main.js';

const run = (argv: string[], io?: Parameters<typeof main>[1]) => main(['generate-key', ...argv], io);

describe('elekto generate-key', () => {
  it('replaces only the APP_KEY line and keeps every other byte', () => {
    const text = '# comment\nAPP_NAME=x\nAPP_KEY=test\nDB_PASSWORD=p=q\n';
    expect(withAppKey(text, 'abc')).toBe('# comment\nAPP_NAME=x\nAPP_KEY=abc\nDB_PASSWORD=p=q\n');
    expect(withAppKey('A=1', 'abc')).toBe('A=1\nAPP_KEY=abc\n');
    expect(withAppKey('export APP_KEY=old\n', 'k')).toBe('APP_KEY=k\n');
  });

  it('creates .env (mode 600) or updates it with a 64-hex-character key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'elekto-key-'));
    const file = join(dir, '.env');
    const out = process.stdout.write;
    const err = process.stderr.write;
    process.stdout.write = () => true;
    process.stderr.write = () => true;
    try {
      expect(await run(['--env-file', file])).toBe(0);
      const first = readFileSync(file, 'utf8');
      expect(first).toMatch(/^APP_KEY=[0-9a-f]{64}\n$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      writeFileSync(file, `APP_NAME=demo\n${first}`);
      expect(await run(['--env-file', file])).toBe(0);
      const second = readFileSync(file, 'utf8');
      expect(second.startsWith('APP_NAME=demo\nAPP_KEY=')).toBe(true);
      expect(second).not.toBe(`APP_NAME=demo\n${first}`);
      expect(await run(['--bogus'])).toBe(2);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
  });

  it('refuses, unless --force, when the configured database cannot be reached to check for links', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'elekto-key-'));
    const file = join(dir, '.env');
    const text = `APP_KEY=${'ab'.repeat(32)}\nDB_CONNECTION=postgresql\nDB_HOST=127.0.0.1\nDB_PORT=1\nDB_DATABASE=elekto\nELECTION_DIR=elections\nMETA_PATH=${dir}\nLOG_LEVEL=error\n`;
    writeFileSync(file, text);
    let stderr = '';
    const out = process.stdout.write;
    const err = process.stderr.write;
    process.stdout.write = () => true;
    process.stderr.write = (s: string) => ((stderr += s), true);
    try {
      expect(await run(['--env-file', file], { env: {} })).toBe(1);
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect(stderr).toMatch(/cannot check the database/);
      expect(stderr).not.toContain('ab'.repeat(32));
      expect(await run(['--env-file', file, '--force'], { env: {} })).toBe(0);
      expect(readFileSync(file, 'utf8')).not.toBe(text);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
  });
});
