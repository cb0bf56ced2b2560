import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Standing } from '../../../application/voting/voter-standing.js';
import { exceptionRefusalError } from '../../../domain/election/permissions.js';
import { isDomainError } from '../../../domain/errors.js';
import { flash } from '../flash.js';
import { formFields, formText } from '../form-body.js';
import { statusOf } from '../middleware/error-pages.js';
import { param, userOf } from '../middleware/guards.js';
import { orgPath, type Render } from '../views.js';
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

  /** The domain says whether and why (Elekto's order); the error table gives the status. */
  const requireMayRequest = (s: Standing): void => {
    if (s.exceptionRefusal) throw exceptionRefusalError(s.exceptionRefusal);
  };

  router.get('/app/elections/:key/exception', async (ctx) => {
    const user = userOf(ctx);
    const s = await useCases.voterStanding.execute({ user, electionKey: param(ctx, 'key') });
    requireMayRequest(s);
    show(ctx, s, { name: user.name ?? '' }, {});
  });

  router.post('/app/elections/:key/exception', async (ctx) => {
    const user = userOf(ctx);
    const s = await useCases.voterStanding.execute({ user, electionKey: param(ctx, 'key') });
    requireMayRequest(s);
    const body = formFields(ctx);
    const form = Object.fromEntries(FIELDS.map((f) => [f, formText(body, f)]));
    try {
      await useCases.fileExceptionRequest.execute({ user, electionKey: s.election.key, form });
      flash(ctx, 'Your exception request was sent to the election officers.', 'success');
      ctx.redirect(`${orgPath(ctx)}/app/elections/${encodeURIComponent(s.election.key)}`);
    } catch (e) {
      if (isDomainError(e, 'INVALID_EXCEPTION_REQUEST')) {
        const fields = (e.details['fields'] as Record<string, string> | undefined) ?? { form: e.message };
        return show(ctx, s, form, fields, statusOf(e));
      }
      throw e;
    }
  });
}
