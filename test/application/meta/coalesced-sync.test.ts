import { CoalescedSync } from '../../../src/application/meta/coalesced-sync.js';
import type { SyncReport } from '../../../src/application/meta/sync-report.js';

/** A sync whose runs the test finishes by hand, recording when each started. */
function manualSync() {
  const runs: Array<{ finish: (ok: boolean) => void }> = [];
  let running = 0;
  let maxRunning = 0;
  return {
    runs,
    get maxRunning() {
      return maxRunning;
    },
    execute: () =>
      new Promise<SyncReport>((resolve, reject) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        runs.push({
          finish: (ok) => {
            running--;
            if (ok) resolve({ ok: true, revision: `r${runs.length}` } as unknown as SyncReport);
            else reject(new Error('boom'));
          },
        });
      }),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('CoalescedSync', () => {
  it('runs one sync now and one after it for any number of requests arriving meanwhile', async () => {
    const inner = manualSync();
    const sync = new CoalescedSync(inner);
    const first = sync.execute({ fetch: true });
    await tick();
    const later = Array.from({ length: 10 }, () => sync.execute({ fetch: true }));
    await tick();
    expect(inner.runs).toHaveLength(1);
    inner.runs[0]!.finish(true);
    await first;
    await tick();
    expect(inner.runs).toHaveLength(2); // the waiting one started once the first ended
    inner.runs[1]!.finish(true);
    const reports = await Promise.all(later);
    expect(new Set(reports)).toEqual(new Set([reports[0]])); // all ten joined that one sync
    expect(inner.maxRunning).toBe(1);
  });

  it('a request arriving after the waiting sync started gets a sync of its own', async () => {
    const inner = manualSync();
    const sync = new CoalescedSync(inner);
    void sync.execute({ fetch: true });
    await tick();
    const second = sync.execute({ fetch: true });
    await tick();
    inner.runs[0]!.finish(true);
    await tick();
    expect(inner.runs).toHaveLength(2);
    const third = sync.execute({ fetch: true }); // the second is running: this must not join it
    inner.runs[1]!.finish(true);
    await second;
    await tick();
    expect(inner.runs).toHaveLength(3);
    inner.runs[2]!.finish(true);
    await third;
  });

  it('keeps going after a sync fails', async () => {
    const inner = manualSync();
    const sync = new CoalescedSync(inner);
    const failing = sync.execute({ fetch: true });
    await tick();
    const next = sync.execute({ fetch: true });
    await tick();
    inner.runs[0]!.finish(false);
    await expect(failing).rejects.toThrow('boom');
    await tick();
    inner.runs[1]!.finish(true);
    await expect(next).resolves.toMatchObject({ ok: true });
  });
});
