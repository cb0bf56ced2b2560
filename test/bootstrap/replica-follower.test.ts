/** A replica's poll: follow a revision another replica synced, and back off from one that fails here. */
import type { SyncReport } from '../../src/application/meta/sync-report.js';
import type { CatalogSnapshot } from '../../src/application/ports/election-catalog.js';
import { replicaFollower } from '../../src/bootstrap/serve/replica-follower.js';

function world(recorded: string | null, serving: string | null) {
  const state = { recorded, serving, syncs: 0, failWith: null as string | null, logs: [] as string[], dbDown: false, sees: null as string | null };
  const follower = replicaFollower({
    records: {
      syncedRevision: async () => {
        if (state.dbDown) throw new Error('ECONNREFUSED');
        return state.recorded;
      },
    },
    catalog: { current: () => ({ revision: state.serving }) as CatalogSnapshot },
    syncMeta: {
      execute: async () => {
        state.syncs += 1;
        if (state.failWith) return { ok: false, error: { stage: 'fetch', message: state.failWith } } as unknown as SyncReport;
        if (state.sees !== null) return { ok: true, unchanged: state.sees === state.serving, revision: state.sees, error: null } as unknown as SyncReport;
        state.serving = state.recorded;
        return { ok: true, error: null } as unknown as SyncReport;
      },
    },
    logger: { info: (_o, msg) => state.logs.push(msg), warn: (_o, msg) => state.logs.push(msg) },
  });
  return { state, follower };
}

describe('replicaFollower', () => {
  it('does nothing while the recorded revision is the one served (or none is recorded)', async () => {
    const same = world('r1', 'r1');
    await same.follower.poll();
    const none = world(null, 'r1');
    await none.follower.poll();
    expect(same.state.syncs + none.state.syncs).toBe(0);
  });

  it('syncs once when another replica recorded a new revision, then rests', async () => {
    const { state, follower } = world('r2', 'r1');
    await follower.poll();
    await follower.poll();
    expect(state.syncs).toBe(1);
    expect(state.serving).toBe('r2');
    expect(state.logs).toEqual(['another replica synced the meta repository; following']);
  });

  it('retries a revision that fails here after 1, 2, 4 … skipped polls, and at once for a newer one', async () => {
    const { state, follower } = world('r2', 'r1');
    state.failWith = 'remote unreachable';
    const syncsAtPoll: number[] = [];
    for (let i = 0; i < 12; i++) {
      await follower.poll();
      syncsAtPoll.push(state.syncs);
    }
    // Attempts at polls 1, 3, 6, 11 (gaps of 1, 2, 4 skipped polls).
    expect(syncsAtPoll).toEqual([1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4]);
    state.recorded = 'r3';
    state.failWith = null;
    await follower.poll();
    expect(state.syncs).toBe(5);
    expect(state.serving).toBe('r3');
  });

  it('logs and carries on when the database cannot be read', async () => {
    const { state, follower } = world('r2', 'r1');
    state.dbDown = true;
    await follower.poll();
    expect(state.syncs).toBe(0);
    expect(state.logs).toEqual(['could not read the synced revision']);
    state.dbDown = false;
    await follower.poll();
    expect(state.syncs).toBe(1);
  });

  it('backs off, with a warning, when its own source stays at another revision than the recorded one', async () => {
    // Two plain folders that differ: the other replica recorded r2, this one's folder hashes to r1.
    const { state, follower } = world('r2', 'r1');
    state.sees = 'r1';
    for (let i = 0; i < 6; i++) await follower.poll();
    expect(state.syncs).toBe(3); // polls 1, 3 and 6, as for a failure
    expect(state.logs.filter((m) => /does not see: do all replicas read the same META_PATH/.test(m))).toHaveLength(3);
  });
});
