import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import { SeededRandom } from '../../../src/adapters/system/seeded-random.js';
import { FixedClock } from '../../../src/adapters/system/system-clock.js';
import type { BallotBox } from '../../../src/application/ports/ballot-box.js';
import type { ElectionRecords } from '../../../src/application/ports/election-records.js';
import type { ExceptionRequests } from '../../../src/application/ports/exception-requests.js';
import type { FrozenBulletins } from '../../../src/application/ports/frozen-bulletins.js';
import type { PassphraseAttempts } from '../../../src/application/ports/passphrase-attempts.js';
import type { PassphraseStrength } from '../../../src/application/ports/passphrase-strength.js';
import type { User, Users } from '../../../src/application/ports/users.js';
import type { Election } from '../../../src/domain/election/election.js';
import { FixedCatalog } from '../builders/fixed-catalog.js';
import { inMemoryWorld, NOW } from '../builders/in-memory-world.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../databases.js';
import { FakeBallotSealer } from '../fake-ballot-sealer.js';
import { ZxcvbnPassphraseStrength } from '../../../src/adapters/passphrase/zxcvbn-passphrase-strength.js';
import { type RunningWeb, type StartOptions, startWeb } from './web-world.js';

/** The persistence a web test runs on: in memory, or SQLite through TypeORM with the real migrations. */
export type WebWorldKind = 'in-memory' | 'sqlite';
export const WEB_WORLD_KINDS: readonly WebWorldKind[] = ['in-memory', 'sqlite'];

/** What the web app's use cases are built from; persistence typed by its ports only. */
export interface WebWorld {
  readonly clock: FixedClock;
  readonly random: SeededRandom;
  readonly catalog: FixedCatalog;
  readonly users: Users;
  readonly ballotBox: BallotBox;
  /** The election table (archived elections and their ballots are shown to officers). */
  readonly electionRecords: ElectionRecords;
  readonly exceptionRequests: ExceptionRequests;
  readonly attempts: PassphraseAttempts;
  readonly frozenBulletins: FrozenBulletins;
  readonly sealer: FakeBallotSealer;
  readonly strength: PassphraseStrength;
  signIn(login: string, name?: string | null): Promise<User>;
}

export interface OpenedWebWorld {
  readonly kind: WebWorldKind;
  readonly world: WebWorld;
  /** Only on SQLite: the data source and the file, for tests that look at the tables themselves. */
  readonly sql: { readonly persistence: TypeOrmPersistence; readonly database: ThrowawayDatabase } | null;
  close(): Promise<void>;
}

/**
 * A world of the given kind. On SQLite the database is a fresh temp file migrated by the app's own
 * migrations, and the elections are registered as a meta sync would (ballots need their row).
 */
export async function openWebWorld(kind: WebWorldKind, elections: readonly Election[], now: Date = NOW): Promise<OpenedWebWorld> {
  if (kind === 'in-memory') return { kind, world: inMemoryWorld(elections, now), sql: null, close: async () => undefined };
  const database = await createThrowawayDatabase('sqlite');
  let persistence: TypeOrmPersistence;
  try {
    persistence = await openTypeOrmPersistence(database.config, { migrate: true });
    await persistence.electionRecords.syncAll(elections.map((e) => ({ key: e.key, name: e.name })));
  } catch (e) {
    await database.drop();
    throw e;
  }
  const users = persistence.users;
  const world: WebWorld = {
    clock: new FixedClock(now),
    random: new SeededRandom(42),
    catalog: new FixedCatalog(elections),
    users,
    ballotBox: persistence.ballotBox,
    electionRecords: persistence.electionRecords,
    exceptionRequests: persistence.exceptionRequests,
    attempts: persistence.passphraseAttempts,
    frozenBulletins: persistence.frozenBulletins,
    sealer: new FakeBallotSealer(),
    strength: new ZxcvbnPassphraseStrength(),
    signIn: (login, name = null) => users.upsertFromSignIn(login, name),
  };
  return {
    kind,
    world,
    sql: { persistence, database },
    close: async () => {
      await persistence.close();
      await database.drop();
    },
  };
}

export interface RunningWebOn extends RunningWeb {
  readonly opened: OpenedWebWorld;
}

/** startWeb over a world of the given kind; close() also closes and deletes its database. */
export async function startWebOn(kind: WebWorldKind, elections: readonly Election[], options: Omit<StartOptions, 'world'> = {}): Promise<RunningWebOn> {
  const opened = await openWebWorld(kind, elections, options.now);
  try {
    const web = await startWeb(elections, { ...options, world: opened.world });
    return {
      ...web,
      opened,
      close: async () => {
        await web.close();
        await opened.close();
      },
    };
  } catch (e) {
    await opened.close();
    throw e;
  }
}
