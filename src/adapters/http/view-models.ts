import type { BallotSummary } from './ballot-summary.js';
import type { ListArchivedWithBallots } from '../../application/elections/archived-elections.js';
import type { Dashboard } from '../../application/elections/dashboard.js';
import type { ElectionSummary } from '../../application/elections/election-summary.js';
import type { ListExceptionRequests, ShowExceptionRequest } from '../../application/exceptions/list-exception-requests.js';
import type { BallotLinksStatus } from '../../application/results/ballot-links-status.js';
import type { ComputeResults } from '../../application/results/compute-results.js';
import type { ElectionTurnout } from '../../application/results/election-turnout.js';
import type { FrozenBulletin } from '../../application/ports/frozen-bulletins.js';
import type { ViewBallot } from '../../application/voting/view-ballot.js';
import type { Standing } from '../../application/voting/voter-standing.js';
import type { Candidate } from '../../domain/election/candidate.js';
import type { Election } from '../../domain/election/election.js';
import type { ElectionStatus } from '../../domain/election/schedule.js';
import type { stvResultsView } from './stv-results-view.js';
import type { resultsView } from './results-view.js';
import type { LoginForm } from './sign-in/sign-in-method.js';

/** What a use case's `execute` resolves to. */
type Out<U extends { execute: (...args: never[]) => unknown }> = Awaited<ReturnType<U['execute']>>;

export interface Crumb {
  readonly label: string;
  readonly href?: string;
}

/** Every page has a title; signed-in pages also a trail back to the dashboard. */
interface Page {
  readonly title: string;
  readonly breadcrumbs?: readonly Crumb[];
}

interface ElectionListItem {
  readonly status: ElectionStatus;
}

/** One hosted organization on the instance's front page (ORGANIZATIONS_FILE). */
export interface OrganizationListItem {
  readonly key: string;
  readonly name: string;
  readonly running: readonly (ElectionListItem & { readonly key: string; readonly name: string })[];
}

/**
 * The model each template receives (besides what every page gets: appName, user, csrf, flashes,
 * path — see views.ts). `Render` takes a template name and only its model, so a route cannot hand
 * a template a field it does not read or forget one it does.
 */
export interface ViewModels {
  'errors/error.njk': Page & { readonly status: number; readonly message: string };
  'pages/home.njk': Page & { readonly running: readonly ElectionListItem[]; readonly upcoming: readonly ElectionListItem[] };
  'pages/organizations.njk': Page & { readonly organizations: readonly OrganizationListItem[] };
  'pages/election-list.njk': Page & { readonly items: readonly ElectionListItem[]; readonly filter: string | null; readonly base: string };
  'pages/public-election.njk': Page & {
    readonly election: Election;
    readonly summary: ElectionSummary;
    readonly status: ElectionStatus;
    /** The bulletin digest fixed at the close; null while it runs or until the server froze it. */
    readonly frozen: FrozenBulletin | null;
  };
  'pages/login.njk': Page & { readonly forms: readonly LoginForm[] };
  'pages/logout.njk': Page;
  'pages/dashboard.njk': Page & { readonly model: Out<Dashboard> };
  'pages/election.njk': Page & { readonly s: Standing; readonly election: Election; readonly passphraseError: string | null };
  'pages/candidate.njk': Page & { readonly election: Election; readonly candidate: Candidate; readonly fields: ReadonlyArray<[string, string]> };
  'pages/results.njk': Page & { readonly election: Election; readonly status: ElectionStatus };
  'pages/vote.njk': Page & {
    readonly change: boolean;
    readonly s: Standing;
    readonly election: Election;
    readonly rows: ReadonlyArray<{ readonly id: string; readonly name: string; readonly rank: number | null }>;
    readonly positions: readonly number[];
    readonly minLength: number;
    readonly strength: {
      readonly maxLength: number;
      readonly l33tMaxSubstitutions: number;
      readonly minGuessesLog10: number;
      readonly guessable: readonly string[];
      readonly scripts: readonly string[];
    };
    readonly error: string | null;
    readonly noPreferenceWarning: boolean;
    /** False for STV: one candidate per rank, and the page says so. */
    readonly ties: boolean;
  };
  'pages/confirmation.njk': Page & {
    readonly election: Election;
    readonly linked: boolean | undefined;
    /** The ballot just stored replaced the voter's earlier one ("Change my vote"). */
    readonly changed: boolean;
    readonly summary: BallotSummary | null;
    /** The new ballot's tracker (`ballot_trackers: true`), shown this once. */
    readonly tracker: string | null;
  };
  'pages/confirm-revoke.njk': Page & { readonly election: Election; readonly canChange: boolean; readonly passphraseError: string | null };
  'pages/confirm-no-passphrase.njk': Page & {
    readonly election: Election;
    readonly message: string;
    /** The ballot, kept in hidden fields for both answers. */
    readonly fields: ReadonlyArray<{ readonly name: string; readonly value: string }>;
    readonly confirmNoPreference: boolean;
    readonly summary: BallotSummary | null;
  };
  'pages/own-ballot.njk': Page & { readonly s: Standing; readonly election: Election; readonly ballot: Out<ViewBallot> };
  'pages/exception-form.njk': Page & {
    readonly election: Election;
    readonly values: Readonly<Record<string, string>>;
    readonly errors: Readonly<Record<string, string>>;
    readonly errorList: ReadonlyArray<[string, string]>;
  };
  'officer/dashboard.njk': Page & {
    readonly election: Election;
    readonly status: ElectionStatus;
    readonly list: Out<ListExceptionRequests>;
    readonly turnout: Out<ElectionTurnout> | null;
    readonly archived: Out<ListArchivedWithBallots>;
    readonly voters: number;
  };
  'officer/request.njk': Page & { readonly election: Election; readonly request: Out<ShowExceptionRequest>; readonly error: string | null };
  'officer/results.njk': Page & {
    readonly election: Election;
    readonly turnout: Out<ComputeResults>['turnout'];
    readonly links: Out<ComputeResults>['links'];
    readonly view: ReturnType<typeof resultsView>;
    readonly bulletin: BulletinCheckView;
  };
  'officer/stv-results.njk': Page & {
    readonly election: Election;
    readonly turnout: Out<ComputeResults>['turnout'];
    readonly links: Out<ComputeResults>['links'];
    readonly view: ReturnType<typeof stvResultsView>;
    readonly bulletin: BulletinCheckView;
  };
  'officer/purge-links.njk': Page & { readonly election: Election; readonly links: Out<BallotLinksStatus> };
}

/** The bulletin fixed at the close against the stored ballots now, on every officers' results page. */
interface BulletinCheckView {
  readonly frozen: FrozenBulletin;
  readonly digest: string;
  readonly intact: boolean;
  readonly problems: readonly string[];
}

export type TemplateName = keyof ViewModels;
