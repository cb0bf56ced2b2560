import { createHmac } from 'node:crypto';
import { ContainerModule } from 'inversify';
import { ListArchivedWithBallots } from '../../application/elections/archived-elections.js';
import { Dashboard } from '../../application/elections/dashboard.js';
import { ListElections } from '../../application/elections/list-elections.js';
import { DecideExceptionRequest } from '../../application/exceptions/decide-exception-request.js';
import { ExportExceptionDecisions } from '../../application/exceptions/export-exception-decisions.js';
import { FileExceptionRequest } from '../../application/exceptions/file-exception-request.js';
import { ListExceptionRequests, ShowExceptionRequest } from '../../application/exceptions/list-exception-requests.js';
import { ReviewExceptionRequest } from '../../application/exceptions/review-exception-request.js';
import { CurrentUser } from '../../application/identity/current-user.js';
import { SignIn } from '../../application/identity/sign-in.js';
import { ComputeResults } from '../../application/results/compute-results.js';
import { ElectionTurnout } from '../../application/results/election-turnout.js';
import { ExportBallots } from '../../application/results/export-ballots.js';
import { SettleClosedElections } from '../../application/results/settle-closed-elections.js';
import { CheckBulletin } from '../../application/results/check-bulletin.js';
import { ClosingDigest } from '../../application/results/closing-digest.js';
import { FreezeBulletin } from '../../application/results/freeze-bulletin.js';
import { FreezeClosedElections } from '../../application/results/freeze-closed-elections.js';
import { PublicBulletin } from '../../application/results/public-bulletin.js';
import { BallotLinksStatus } from '../../application/results/ballot-links-status.js';
import { PurgeDueLinks } from '../../application/results/purge-due-links.js';
import { PurgeLinks } from '../../application/results/purge-links.js';
import { BallotRequestGate } from '../../application/voting/ballot-request-gate.js';
import { CastBallot } from '../../application/voting/cast-ballot.js';
import { ChangeBallot } from '../../application/voting/change-ballot.js';
import { RevokeBallot } from '../../application/voting/revoke-ballot.js';
import { ViewBallot } from '../../application/voting/view-ballot.js';
import { VoterStanding } from '../../application/voting/voter-standing.js';
import type { AppConfig } from '../config/app-config.js';
import { TOKENS as T } from '../tokens.js';
import { USE_CASES as U } from '../use-case-tokens.js';
import { bindFactory } from './binding.js';

/** The use cases, each built from the ports it names (plain constructors, no decorators). */
export function useCaseModule(config: AppConfig): ContainerModule {
  // The per-voter candidate order is keyed by a value derived from APP_KEY, never the key itself.
  const orderSecret = createHmac('sha256', config.app.key || 'no-key')
    .update('elekto candidate order')
    .digest('hex');
  const minPassphraseLength = config.app.minPasscodeLength;
  // One gate for cast, view and revoke: a voter has one of them in flight per election, in this process.
  const gate = new BallotRequestGate();
  return new ContainerModule(({ bind }) => {
    bindFactory(bind, U.signIn, [T.Users], (users) => new SignIn(users));
    bindFactory(bind, U.currentUser, [T.Users], (users) => new CurrentUser(users));
    bindFactory(bind, U.listElections, [T.ElectionCatalog, T.Clock], (catalog, clock) => new ListElections(catalog, clock));
    bindFactory(
      bind,
      U.dashboard,
      [T.ElectionCatalog, T.BallotBox, T.Clock, T.ExceptionRequests],
      (catalog, box, clock, requests) => new Dashboard(catalog, box, clock, requests),
    );
    bindFactory(
      bind,
      U.voterStanding,
      [T.ElectionCatalog, T.BallotBox, T.ExceptionRequests, T.Clock],
      (catalog, box, requests, clock) => new VoterStanding(catalog, box, requests, clock, orderSecret),
    );
    bindFactory(
      bind,
      U.castBallot,
      [T.ElectionCatalog, T.BallotBox, T.BallotSealer, T.PassphraseStrength, T.Clock, T.Random],
      (catalog, box, sealer, strength, clock, random) => new CastBallot(catalog, box, sealer, strength, clock, random, { minPassphraseLength, gate }),
    );
    bindFactory(
      bind,
      U.viewBallot,
      [T.ElectionCatalog, T.BallotBox, T.BallotSealer, T.PassphraseAttempts, T.Clock],
      (catalog, box, sealer, attempts, clock) => new ViewBallot(catalog, box, sealer, attempts, clock, { gate }),
    );
    bindFactory(
      bind,
      U.revokeBallot,
      [T.ElectionCatalog, T.BallotBox, T.BallotSealer, T.PassphraseAttempts, T.Clock],
      (catalog, box, sealer, attempts, clock) => new RevokeBallot(catalog, box, sealer, attempts, clock, { gate }),
    );
    bindFactory(
      bind,
      U.changeBallot,
      [T.ElectionCatalog, T.BallotBox, T.BallotSealer, T.PassphraseStrength, T.PassphraseAttempts, T.Clock, T.Random],
      (catalog, box, sealer, strength, attempts, clock, random) =>
        new ChangeBallot(catalog, box, sealer, strength, attempts, clock, random, { minPassphraseLength, gate }),
    );
    bindFactory(bind, U.fileExceptionRequest, [T.ElectionCatalog, T.ExceptionRequests, T.Clock], (c, r, clock) => new FileExceptionRequest(c, r, clock));
    bindFactory(bind, U.listExceptionRequests, [T.ElectionCatalog, T.ExceptionRequests], (c, r) => new ListExceptionRequests(c, r));
    bindFactory(bind, U.showExceptionRequest, [T.ElectionCatalog, T.ExceptionRequests], (c, r) => new ShowExceptionRequest(c, r));
    bindFactory(bind, U.reviewExceptionRequest, [T.ElectionCatalog, T.ExceptionRequests], (c, r) => new ReviewExceptionRequest(c, r));
    bindFactory(bind, U.decideExceptionRequest, [T.ElectionCatalog, T.ExceptionRequests, T.Clock], (c, r, clock) => new DecideExceptionRequest(c, r, clock));
    bindFactory(bind, U.exportExceptionDecisions, [T.ElectionCatalog, T.ExceptionRequests], (c, r) => new ExportExceptionDecisions(c, r));
    bindFactory(
      bind,
      U.computeResults,
      [T.ElectionCatalog, T.BallotBox, T.Clock],
      (c, box, clock) => new ComputeResults(c, box, clock, { linkPurgeDelayHours: config.ballots.linkPurgeDelayHours }),
    );
    bindFactory(
      bind,
      U.listArchivedWithBallots,
      [T.ElectionCatalog, T.ElectionRecords, T.BallotBox],
      (c, records, box) => new ListArchivedWithBallots(c, records, box),
    );
    bindFactory(bind, U.electionTurnout, [T.ElectionCatalog, T.BallotBox, T.Clock], (c, box, clock) => new ElectionTurnout(c, box, clock));
    bindFactory(bind, U.exportBallots, [T.ElectionCatalog, T.BallotBox, T.Clock], (c, box, clock) => new ExportBallots(c, box, clock));
    bindFactory(bind, U.settleClosedElections, [T.ElectionCatalog, T.BallotBox, T.Clock], (c, box, clock) => new SettleClosedElections(c, box, clock));
    bindFactory(
      bind,
      U.ballotLinksStatus,
      [T.ElectionCatalog, T.BallotBox, T.Clock],
      (c, box, clock) => new BallotLinksStatus(c, box, clock, { linkPurgeDelayHours: config.ballots.linkPurgeDelayHours }),
    );
    bindFactory(
      bind,
      U.purgeDueLinks,
      [T.ElectionCatalog, T.BallotBox, T.Clock],
      (c, box, clock) => new PurgeDueLinks(c, box, clock, { linkPurgeDelayHours: config.ballots.linkPurgeDelayHours }),
    );
    bindFactory(
      bind,
      U.freezeBulletin,
      [T.ElectionCatalog, T.BallotBox, T.FrozenBulletins, T.Clock, T.BulletinHasher],
      (c, box, frozen, clock, hasher) => new FreezeBulletin(c, box, frozen, clock, hasher),
    );
    bindFactory(
      bind,
      U.freezeClosedElections,
      [T.ElectionCatalog, U.freezeBulletin, T.Clock],
      (c, freeze, clock) => new FreezeClosedElections(c, freeze, clock),
    );
    bindFactory(
      bind,
      U.checkBulletin,
      [T.ElectionCatalog, U.freezeBulletin, T.FrozenBulletins, T.Clock, T.BulletinHasher],
      (c, freeze, frozen, clock, hasher) => new CheckBulletin(c, freeze, frozen, clock, hasher),
    );
    bindFactory(
      bind,
      U.publicBulletin,
      [T.ElectionCatalog, T.BallotBox, T.Clock, T.BulletinHasher],
      (c, box, clock, hasher) => new PublicBulletin(c, box, clock, hasher),
    );
    bindFactory(bind, U.closingDigest, [T.ElectionCatalog, T.FrozenBulletins, T.Clock], (c, frozen, clock) => new ClosingDigest(c, frozen, clock));
    bindFactory(bind, U.purgeLinks, [T.ElectionCatalog, T.BallotBox, T.Clock], (c, box, clock) => new PurgeLinks(c, box, clock));
  });
}
