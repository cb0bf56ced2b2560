import type { BallotBox } from '../../../src/application/ports/ballot-box.js';
import type { ElectionRecords } from '../../../src/application/ports/election-records.js';
import type { ExceptionRequests } from '../../../src/application/ports/exception-requests.js';
import type { PassphraseAttempts } from '../../../src/application/ports/passphrase-attempts.js';
import type { Users } from '../../../src/application/ports/users.js';
import type { WebhookDeliveries } from '../../../src/application/ports/webhook-deliveries.js';
import type { FrozenBulletins } from '../../../src/application/ports/frozen-bulletins.js';
import {
  InMemoryBallotBox,
  InMemoryElectionRecords,
  InMemoryExceptionRequests,
  InMemoryFrozenBulletins,
  InMemoryPassphraseAttempts,
  InMemoryUsers,
  InMemoryWebhookDeliveries,
} from '../../../src/adapters/persistence/in-memory/index.js';
import { openTypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import type { Checkpoint } from '../../../src/adapters/persistence/typeorm/pending-ballot-pool.js';
import { SystemClock } from '../../../src/adapters/system/system-clock.js';
import { createThrowawayDatabase, type DatabaseKind } from '../../support/databases.js';
import { sqlRows } from '../../support/sql.js';

/** Every persistence port, from one adapter family, sharing one store. */
export interface PersistenceWorld {
  readonly ballotBox: BallotBox;
  readonly users: Users;
  readonly electionRecords: ElectionRecords;
  readonly exceptionRequests: ExceptionRequests;
  readonly passphraseAttempts: PassphraseAttempts;
  readonly webhookDeliveries: WebhookDeliveries;
  readonly frozenBulletins: FrozenBulletins;
  /** SQL adapters only: a hand-written read, to look at the tables the way a DBA would. */
  readonly sql?: <R = Record<string, unknown>>(query: string, params?: Record<string, unknown>) => Promise<R[]>;
  close(): Promise<void>;
}

export type AdapterName = 'in-memory' | DatabaseKind;
/** The adapters every contract suite runs against. */
export const ADAPTERS: readonly AdapterName[] = ['in-memory', 'sqlite', 'postgres', 'mariadb'];

export interface WorldOptions {
  /** SQL adapters only: awaited at the ballot box's named points inside its transactions (fault tests). */
  readonly checkpoint?: Checkpoint;
}

export async function openWorld(adapter: AdapterName, options: WorldOptions = {}): Promise<PersistenceWorld> {
  if (adapter === 'in-memory') {
    const users = new InMemoryUsers();
    const electionRecords = new InMemoryElectionRecords();
    return {
      ballotBox: new InMemoryBallotBox((key) => electionRecords.has(key)),
      users,
      electionRecords,
      exceptionRequests: new InMemoryExceptionRequests(users),
      passphraseAttempts: new InMemoryPassphraseAttempts(new SystemClock()),
      webhookDeliveries: new InMemoryWebhookDeliveries(),
      frozenBulletins: new InMemoryFrozenBulletins(),
      close: async () => undefined,
    };
  }
  const database = await createThrowawayDatabase(adapter);
  try {
    const p = await openTypeOrmPersistence(database.config, {
      migrate: true,
      ...(options.checkpoint ? { ballotPool: { checkpoint: options.checkpoint } } : {}),
    });
    return {
      ballotBox: p.ballotBox,
      users: p.users,
      electionRecords: p.electionRecords,
      exceptionRequests: p.exceptionRequests,
      passphraseAttempts: p.passphraseAttempts,
      webhookDeliveries: p.webhookDeliveries,
      frozenBulletins: p.frozenBulletins,
      sql: (query, params) => sqlRows(p.dataSource.manager, query, params),
      close: async () => {
        await p.close();
        await database.drop();
      },
    };
  } catch (e) {
    await database.drop();
    throw e;
  }
}

let counter = 0;
/** A fresh election key per test, so tests share one database without seeing each other. */
export function freshKey(prefix = 'election'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Registers elections (as a meta sync would) while keeping the ones already there. */
export async function addElections(world: PersistenceWorld, ...keys: string[]): Promise<void> {
  const existing = (await world.electionRecords.list()).filter((r) => !r.archived).map((r) => ({ key: r.key, name: r.name }));
  await world.electionRecords.syncAll([...existing, ...keys.map((key) => ({ key, name: `Election ${key}` }))]);
}
