import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DATABASE_KINDS, createThrowawayDatabase } from '../../support/databases.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'time-zone-child.ts');
// New York is five hours behind UTC on this date: a date written in local time would land 5 h off.
const AT = '2026-01-15T07:30:00.000Z'; // whole seconds: Elekto's MySQL DATETIME keeps no fraction

/**
 * Elekto's DATETIME/TIMESTAMP columns are naive and hold UTC. On a server whose zone is not UTC the
 * drivers must still write UTC wall-clock time (node-postgres does only when told to), and the
 * adapters must read the same instant back. The zone is the child process's: a test cannot change
 * its own once the process runs.
 */
describe.each(DATABASE_KINDS)('dates on %s, the process in New York', (kind) => {
  it('are stored as UTC wall-clock time, as Elekto reads them, and read back as the same instant', async () => {
    const database = await createThrowawayDatabase(kind);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD], {
        env: { ...process.env, NODE_OPTIONS: '', TZ: 'America/New_York', DB_CONFIG: JSON.stringify(database.config), AT },
        timeout: 60_000,
      });
      const seen = JSON.parse(stdout) as { offset: number; readBack: string; stored: string };
      expect(seen.offset).toBe(300);
      expect(seen.readBack).toBe(AT);
      expect(seen.stored).toMatch(/^2026-01-15 07:30:00/);
    } finally {
      await database.drop();
    }
  }, 90_000);
});
