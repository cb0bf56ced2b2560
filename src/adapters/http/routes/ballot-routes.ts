import type Router from '@koa/router';
import type { Context } from 'koa';
import { MIN_GUESSES_LOG10, guessableWords } from '../../../application/voting/passphrase-policy.js';
import type { Standing } from '../../../application/voting/voter-standing.js';
import { NO_OPINION_RANK, expressesNoPreference, rankingFromEntries, type RankEntry, type Ranking } from '../../../domain/ballot/ranking.js';
import { methodAllowsTies } from '../../../domain/ballot/strict-ranking.js';
import { voteRefusalError } from '../../../domain/election/permissions.js';
import { type DomainError, isDomainError } from '../../../domain/errors.js';
import { RANK_FIELD_PREFIX, readBallotForm } from '../ballot-form.js';
import { ballotSummary } from '../ballot-summary.js';
import { flash } from '../flash.js';
import { formFields, formText } from '../form-body.js';
import { refusalStatus, statusFor, statusOf } from '../middleware/error-pages.js';
import { param, userOf } from '../middleware/guards.js';
import { OneShotRankings } from '../one-shot-rankings.js';
import { ZXCVBN_BROWSER_SCRIPTS, ZXCVBN_SETTINGS } from '../../shared/zxcvbn-settings.js';
import { orgPath, type Render } from '../views.js';
import { electionCrumbs, renderElectionPage } from './election-page.js';
import type { WebUseCases } from './web-use-cases.js';

export interface BallotRouteDeps {
  readonly render: Render;
  readonly useCases: WebUseCases;
  readonly minPasscodeLength: number;
}

/** Refusals that re-show the ballot with the voter's ranking kept, rather than an error page. */
const FORM_PROBLEMS = ['INVALID_BALLOT', 'TIED_RANKS', 'PASSPHRASE_TOO_SHORT', 'PASSPHRASE_TOO_WEAK'] as const;
/** Refusals of view/revoke shown on the election page, beside the passphrase form. */
const PASSPHRASE_PROBLEMS = ['WRONG_PASSPHRASE', 'TOO_MANY_ATTEMPTS', 'NO_RECOVERABLE_LINK'] as const;

interface BallotFormState {
  readonly ranks?: ReadonlyMap<string, number>;
  readonly error?: string;
  readonly noPreferenceWarning?: boolean;
  /** "Change my vote": the form replaces the voter's ballot, and asks for their current passphrase. */
  readonly change?: boolean;
}

/** Refusals of a change re-shown in the change form, the new ranking kept. */
const CHANGE_PROBLEMS = [...FORM_PROBLEMS, 'WRONG_PASSPHRASE', 'TOO_MANY_ATTEMPTS'] as const;

/** Vote, confirmation, view and revoke: the voter's own ballot. */
export function ballotRoutes(router: Router, deps: BallotRouteDeps): void {
  const { render, useCases } = deps;
  // The tracker too: with a public bulletin it reveals the ranking, so it never sits in a cookie either.
  const justCast = new OneShotRankings<{ ranking: Ranking; tracker: string | null }>();

  const standingOf = (ctx: Context): Promise<Standing> => useCases.voterStanding.execute({ user: userOf(ctx), electionKey: param(ctx, 'key') });

  const showBallot = (ctx: Context, s: Standing, state: BallotFormState = {}, status = 200): void => {
    const ranks = state.ranks ?? new Map<string, number>();
    const rankOf = (id: string): number | null => {
      const r = ranks.get(id);
      return r === undefined || r === NO_OPINION_RANK ? null : r;
    };
    // Ranked candidates first, by rank (so a re-shown form reads in the voter's order); the rest keep the voter's stable order.
    const rows = s.candidates
      .map((c, i) => ({ c, i, rank: rankOf(c.id) }))
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.i - b.i)
      .map(({ c, rank }) => ({ id: c.id, name: c.name, rank }));
    render(
      ctx,
      'pages/vote.njk',
      {
        title: `${state.change ? 'Change your vote' : 'Vote'}: ${s.election.name}`,
        breadcrumbs: electionCrumbs(s.election, { label: state.change ? 'Change your vote' : 'Vote' }),
        change: state.change ?? false,
        s,
        election: s.election,
        rows,
        positions: s.candidates.map((_, i) => i + 1),
        minLength: deps.minPasscodeLength,
        // The page runs the server's estimator while the voter types; the words are on the page already.
        strength: {
          ...ZXCVBN_SETTINGS,
          minGuessesLog10: MIN_GUESSES_LOG10,
          guessable: guessableWords(userOf(ctx), s.election),
          scripts: ZXCVBN_BROWSER_SCRIPTS,
        },
        error: state.error ?? null,
        noPreferenceWarning: state.noPreferenceWarning ?? false,
        ties: methodAllowsTies(s.election.method),
      },
      status,
    );
  };

  /** The ballot kept in hidden fields, for "Cast without a passphrase" and "Go back" alike (works without JavaScript). */
  const askAboutNoPassphrase = (ctx: Context, s: Standing, entries: readonly RankEntry[], question: DomainError, confirmNoPreference: boolean): void => {
    const rankOf = new Map(entries.map((e) => [e.candidate, e.rank]));
    const ids = s.candidates.map((c) => c.id);
    render(
      ctx,
      'pages/confirm-no-passphrase.njk',
      {
        title: `Vote without a passphrase? ${s.election.name}`,
        breadcrumbs: electionCrumbs(s.election, { label: 'Vote' }),
        election: s.election,
        message: question.message,
        fields: ids.map((id) => {
          const rank = rankOf.get(id) ?? NO_OPINION_RANK;
          return { name: `${RANK_FIELD_PREFIX}${id}`, value: rank === NO_OPINION_RANK ? 'none' : String(rank) };
        }),
        confirmNoPreference,
        summary: ballotSummary(rankingFromEntries(entries, ids), s.candidates),
      },
      statusOf(question),
    );
  };

  /** The domain says whether and why; the error page shows it with the status of the one table. */
  const requireMayVote = (s: Standing): void => {
    if (s.voteRefusal) throw voteRefusalError(s.voteRefusal);
  };

  router.get('/app/elections/:key/vote', async (ctx) => {
    const s = await standingOf(ctx);
    requireMayVote(s);
    showBallot(ctx, s);
  });

  router.post('/app/elections/:key/vote', async (ctx) => {
    const user = userOf(ctx);
    const s = await standingOf(ctx);
    requireMayVote(s);
    let entries: RankEntry[] = [];
    try {
      const form = readBallotForm(formFields(ctx));
      entries = form.entries;
      const ranks = new Map(entries.map((e) => [e.candidate, e.rank]));
      // "Go back" from the no-passphrase question: the form again, ranking kept, nothing cast.
      if (form.noPassphrase === 'back') return showBallot(ctx, s, { ranks });
      if (form.passphraseConfirm !== null && form.passphrase !== form.passphraseConfirm) {
        return showBallot(ctx, s, { ranks, error: 'The two passphrases differ. Type the same passphrase twice.' }, statusFor('INVALID_BALLOT'));
      }
      const anyRanked = entries.some((e) => e.rank !== NO_OPINION_RANK);
      // An STV ballot with one candidate ranked still counts for them; the warning is for pairwise counts.
      if (anyRanked && methodAllowsTies(s.election.method) && expressesNoPreference(entries) && !form.confirmNoPreference) {
        return showBallot(ctx, s, { ranks, noPreferenceWarning: true }, statusFor('INVALID_BALLOT'));
      }
      const result = await useCases.castBallot
        .execute({ user, electionKey: s.election.key, entries, passphrase: form.passphrase, confirmedWithoutPassphrase: form.noPassphrase === 'cast' })
        .catch((e: unknown) => {
          if (isDomainError(e, 'NO_PASSPHRASE_UNCONFIRMED')) return { question: e, confirmNoPreference: form.confirmNoPreference };
          throw e;
        });
      if ('question' in result) return askAboutNoPassphrase(ctx, s, entries, result.question, result.confirmNoPreference);
      const summary = justCast.keep({
        ranking: rankingFromEntries(
          entries,
          s.candidates.map((c) => c.id),
        ),
        tracker: result.tracker,
      });
      if (ctx.session) ctx.session.cast = { key: s.election.key, linked: result.linked, summary, changed: false };
      ctx.redirect(`${orgPath(ctx)}/app/elections/${encodeURIComponent(s.election.key)}/confirmation`);
    } catch (e) {
      if (FORM_PROBLEMS.some((code) => isDomainError(e, code))) {
        return showBallot(ctx, s, { ranks: new Map(entries.map((x) => [x.candidate, x.rank])), error: (e as DomainError).message }, refusalStatus(ctx, e));
      }
      throw e;
    }
  });

  router.get('/app/elections/:key/confirmation', async (ctx) => {
    const s = await standingOf(ctx);
    if (!s.voted) return ctx.redirect(`${orgPath(ctx)}/app/elections/${encodeURIComponent(s.election.key)}`);
    const cast = ctx.session?.cast;
    if (cast && ctx.session) delete ctx.session.cast;
    const held = cast?.key === s.election.key ? justCast.take(cast.summary) : null;
    render(ctx, 'pages/confirmation.njk', {
      title: 'Thank you',
      breadcrumbs: electionCrumbs(s.election, { label: 'Thank you' }),
      election: s.election,
      linked: cast?.key === s.election.key ? cast.linked : s.canViewBallot,
      changed: cast?.key === s.election.key && cast.changed === true,
      // What was just cast, from the form (a stored ballot cannot be read without the passphrase).
      summary: held ? ballotSummary(held.ranking, s.candidates) : null,
      tracker: held?.tracker ?? null,
    });
  });

  const passphraseOf = (ctx: Context): string => formText(formFields(ctx), 'password');

  /** Passphrase problems are shown on the election page itself, next to the form that caused them. */
  const onPassphraseError = async (ctx: Context, e: unknown): Promise<void> => {
    if (PASSPHRASE_PROBLEMS.some((code) => isDomainError(e, code))) {
      return renderElectionPage(render, ctx, await standingOf(ctx), { passphraseError: (e as DomainError).message }, refusalStatus(ctx, e));
    }
    throw e;
  };

  router.post('/app/elections/:key/vote/view', async (ctx) => {
    const s = await standingOf(ctx);
    try {
      const ballot = await useCases.viewBallot.execute({ user: userOf(ctx), electionKey: s.election.key, passphrase: passphraseOf(ctx) });
      render(ctx, 'pages/own-ballot.njk', {
        title: `Your ballot: ${s.election.name}`,
        breadcrumbs: electionCrumbs(s.election, { label: 'Your ballot' }),
        s,
        election: s.election,
        ballot,
      });
    } catch (e) {
      await onPassphraseError(ctx, e);
    }
  });

  /** Revoke asks first (works without JavaScript); the page posts back with confirm_revoke=yes. */
  const showRevokeQuestion = (ctx: Context, s: Standing, status = 200, passphraseError: string | null = null): void =>
    render(
      ctx,
      'pages/confirm-revoke.njk',
      {
        title: `Revoke your ballot? ${s.election.name}`,
        breadcrumbs: electionCrumbs(s.election, { label: 'Revoke your ballot' }),
        election: s.election,
        canChange: s.canRevoke,
        passphraseError,
      },
      status,
    );

  router.get('/app/elections/:key/vote/revoke', async (ctx) => {
    const s = await standingOf(ctx);
    if (!s.canRevoke) return ctx.redirect(`${orgPath(ctx)}/app/elections/${encodeURIComponent(s.election.key)}`);
    showRevokeQuestion(ctx, s);
  });

  // Elekto's address: its form posted the passphrase here and the ballot was gone.
  router.post('/app/elections/:key/vote/edit', async (ctx) => {
    const s = await standingOf(ctx);
    const confirmed = formFields(ctx)['confirm_revoke'] === 'yes';
    try {
      await useCases.revokeBallot.execute({ user: userOf(ctx), electionKey: s.election.key, passphrase: passphraseOf(ctx), confirmed });
      flash(ctx, 'Your ballot was deleted. You can now vote again.', 'success');
      ctx.redirect(`${orgPath(ctx)}/app/elections/${encodeURIComponent(s.election.key)}`);
    } catch (e) {
      if (isDomainError(e, 'REVOKE_UNCONFIRMED')) return showRevokeQuestion(ctx, s, refusalStatus(ctx, e));
      if (confirmed && (isDomainError(e, 'WRONG_PASSPHRASE') || isDomainError(e, 'TOO_MANY_ATTEMPTS'))) {
        return showRevokeQuestion(ctx, s, refusalStatus(ctx, e), e.message);
      }
      await onPassphraseError(ctx, e);
    }
  });

  // "Change my vote", step 1: the passphrase opens the ballot, which fills the form.
  router.post('/app/elections/:key/vote/change', async (ctx) => {
    const s = await standingOf(ctx);
    try {
      const current = await useCases.changeBallot.current({ user: userOf(ctx), electionKey: s.election.key, passphrase: passphraseOf(ctx) });
      const ranks = new Map(current.entries.flatMap((e) => (e.rank === null ? [] : [[e.candidate, e.rank] as const])));
      showBallot(ctx, s, { ranks, change: true });
    } catch (e) {
      await onPassphraseError(ctx, e);
    }
  });

  // Step 2: the new ranking replaces the ballot in one transaction; until it commits the old one stands.
  router.post('/app/elections/:key/vote/replace', async (ctx) => {
    const user = userOf(ctx);
    const s = await standingOf(ctx);
    let entries: RankEntry[] = [];
    try {
      const fields = formFields(ctx);
      const form = readBallotForm(fields);
      entries = form.entries;
      const ranks = new Map(entries.map((e) => [e.candidate, e.rank]));
      if (form.passphraseConfirm !== null && form.passphrase !== form.passphraseConfirm) {
        return showBallot(
          ctx,
          s,
          { ranks, change: true, error: 'The two new passphrases differ. Type the same passphrase twice, or leave both empty.' },
          statusFor('INVALID_BALLOT'),
        );
      }
      const anyRanked = entries.some((e) => e.rank !== NO_OPINION_RANK);
      if (anyRanked && expressesNoPreference(entries) && !form.confirmNoPreference) {
        return showBallot(ctx, s, { ranks, change: true, noPreferenceWarning: true }, statusFor('INVALID_BALLOT'));
      }
      const result = await useCases.changeBallot.execute({
        user,
        electionKey: s.election.key,
        entries,
        passphrase: formText(fields, 'current_password'),
        newPassphrase: form.passphrase,
      });
      const summary = justCast.keep({
        ranking: rankingFromEntries(
          entries,
          s.candidates.map((c) => c.id),
        ),
        tracker: result.tracker,
      });
      if (ctx.session) ctx.session.cast = { key: s.election.key, linked: true, summary, changed: true };
      ctx.redirect(`${orgPath(ctx)}/app/elections/${encodeURIComponent(s.election.key)}/confirmation`);
    } catch (e) {
      if (CHANGE_PROBLEMS.some((code) => isDomainError(e, code))) {
        const ranks = new Map(entries.map((x) => [x.candidate, x.rank]));
        return showBallot(ctx, s, { ranks, change: true, error: (e as DomainError).message }, refusalStatus(ctx, e));
      }
      await onPassphraseError(ctx, e);
    }
  });
}
