import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Standing } from '../../../application/voting/voter-standing.js';
import { DomainError, isDomainError } from '../../../domain/errors.js';
import { flash } from '../flash.js';
import { param, userOf } from '../middleware/guards.js';
import type { Render } from '../views.js';
import { electionCrumbs } from './election-page.js';
import type { WebUseCases } from './web-use-cases.js';

const FIELDS = ['name', 'email', 'chat', 'description', 'comments'] as const;

/** The exception request form for people not on the voter roll. */
export function exceptionRoutes(router: Router, deps: { render: Render; useCases: WebUseCases }): void {
  const { render, useCases } = deps;

  const show = (ctx: Context, s: Standing, values: Record<string, string>, errors: Record<string, string>, status = 200): void =>
    render(
      ctx,
      'pages/exception-form.njk',
      {
        title: `Exception request: ${s.election.name}`,
        breadcrumbs: electionCrumbs(s.election, { label: 'Exception request' }),
        election: s.election,
        values,
        errors,
        errorList: Object.entries(errors),
      },
      status,
    );

  /** Elekto's order: deadline first, then "already eligible", then "already requested". */
  const refusal = (s: Standing): DomainError | null => {
    if (!s.exceptionOpen) return new DomainError('EXCEPTION_WINDOW_CLOSED', 'This election no longer accepts exception requests.');
    if (s.eligible) return new DomainError('ALREADY_ELIGIBLE', 'You are already eligible to vote in this election.');
    if (s.exceptionRequest) return new DomainError('EXCEPTION_ALREADY_FILED', 'You have already requested an exception for this election. The officers will review it; its state shows on the election page.');
    return null;
  };

  router.get('/app/elections/:key/exception', async (ctx) => {
    const user = userOf(ctx);
    const s = await useCases.voterStanding.execute({ user, electionKey: param(ctx, 'key') });
    const no = refusal(s);
    if (no) throw no;
    show(ctx, s, { name: user.name ?? '' }, {});
  });

  router.post('/app/elections/:key/exception', async (ctx) => {
    const user = userOf(ctx);
    const s = await useCases.voterStanding.execute({ user, electionKey: param(ctx, 'key') });
    const no = refusal(s);
    if (no) throw no;
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const form = Object.fromEntries(FIELDS.map((f) => [f, typeof body[f] === 'string' ? (body[f] as string) : '']));
    try {
      await useCases.fileExceptionRequest.execute({ user, electionKey: s.election.key, form });
      flash(ctx, 'Your exception request was sent to the election officers.', 'success');
      ctx.redirect(`/app/elections/${encodeURIComponent(s.election.key)}`);
    } catch (e) {
      if (isDomainError(e, 'INVALID_EXCEPTION_REQUEST')) {
        const fields = (e.details['fields'] as Record<string, string> | undefined) ?? { form: e.message };
        return show(ctx, s, form, fields, 422);
      }
      throw e;
    }
  });
}
