/**
 * `elekto results <key> --bulletin`: the public bulletin (docs/verify.md) as one JSON object. Wired
 * here rather than through the use-case container so the results command stays a small change.
 */
import { JcsSha256BulletinHasher } from '../../../adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { BuildBulletin, type BuildBulletinInput } from '../../../application/results/build-bulletin.js';
import type { Services } from './organization-scope.js';
import { TOKENS } from '../../tokens.js';

export async function printBulletin(app: Services, input: BuildBulletinInput): Promise<number> {
  const [catalog, ballotBox, clock] = await Promise.all([app.get(TOKENS.ElectionCatalog), app.get(TOKENS.BallotBox), app.get(TOKENS.Clock)]);
  const bulletin = await new BuildBulletin(catalog, ballotBox, clock, new JcsSha256BulletinHasher()).execute(input);
  process.stdout.write(`${JSON.stringify(bulletin, null, 2)}\n`);
  process.stderr.write(`digest ${bulletin.digest} (${bulletin.ballotCount} ballots); check with: elekto verify <file> --digest ${bulletin.digest}\n`);
  return 0;
}
