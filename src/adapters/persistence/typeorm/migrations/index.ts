import { BulletinFreezeAndTrackers_1765300000000 } from './bulletin-freeze-and-trackers.js';
import { ElektoSchemaV2_1600000000000 } from './elekto-schema-v2.js';
import { ElektoTsAdditions_1700000000000 } from './elekto-ts-additions.js';
import { GithubIdentity_1765100000000 } from './github-identity.js';
import { MetaCatalogSnapshot_1765000000000 } from './meta-catalog-snapshot.js';
import { Organizations_1766000000000 } from './organizations.js';
import { PendingBallotPool_1764600000000 } from './pending-ballot-pool.js';
import { UserLoginNormalised_1765350000000 } from './user-login-normalised.js';
import { WebhookDeliveries_1765200000000 } from './webhook-deliveries.js';

/** Every migration, oldest first. TypeORM records the applied ones in `elekto_ts_migrations`. */
export const MIGRATIONS = [
  ElektoSchemaV2_1600000000000,
  ElektoTsAdditions_1700000000000,
  PendingBallotPool_1764600000000,
  MetaCatalogSnapshot_1765000000000,
  GithubIdentity_1765100000000,
  WebhookDeliveries_1765200000000,
  BulletinFreezeAndTrackers_1765300000000,
  UserLoginNormalised_1765350000000,
  Organizations_1766000000000,
];
export const MIGRATIONS_TABLE = 'elekto_ts_migrations';
export { DuplicateVotersError } from './elekto-ts-additions.js';
