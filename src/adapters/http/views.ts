import { fileURLToPath } from 'node:url';
import type { Context } from 'koa';
import nunjucks from 'nunjucks';
import { MarkdownRenderer, USER_TEXT } from '../shared/markdown-renderer.js';
import { takeFlashes } from './flash.js';
import { currentUser } from './session-user.js';
import { formatUtc } from './time-format.js';
import type { TemplateName, ViewModels } from './view-models.js';

/** The path prefix of the organization whose page this is: '' unless ORGANIZATIONS_FILE is set. */
export function orgPath(ctx: Context): string {
  return typeof ctx.state['orgPath'] === 'string' ? ctx.state['orgPath'] : '';
}

const VIEWS_DIR = fileURLToPath(new URL('./views', import.meta.url));

/** Renders one template with its typed model (view-models.ts); every page also gets the common locals. */
export type Render = <T extends TemplateName>(ctx: Context, template: T, model: ViewModels[T], status?: number) => void;

/**
 * Nunjucks with autoescape on: everything from the meta repository or a form is escaped unless a
 * template marks it `safe`, which only the sanitised Markdown HTML is. `userMarkdown` renders text a
 * user typed (an exception request's contributions) as Markdown without HTML or images.
 */
export function createRenderer(options: { appName: string; reloadTemplates: boolean }): Render {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR, { noCache: options.reloadTemplates }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  const userText = new MarkdownRenderer(USER_TEXT);
  env.addFilter('userMarkdown', (text: string | null | undefined) => new nunjucks.runtime.SafeString(userText.render(String(text ?? ''))));
  env.addFilter('utc', (d: Date | null | undefined) => (d ? formatUtc(d) : ''));
  env.addFilter('iso', (d: Date | null | undefined) => (d ? d.toISOString() : ''));
  env.addFilter('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
  env.addFilter('percent', (ratio: number | null | undefined) =>
    ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '–' : `${(ratio * 100).toFixed(1)}%`,
  );
  return (ctx, template, model, status = 200) => {
    const html = env.render(template, {
      appName: options.appName,
      user: currentUser(ctx),
      // Read only where a template prints it (a form), so pages without forms make no session.
      csrf: { toString: () => String(ctx.state._csrf ?? '') },
      flashes: takeFlashes(ctx),
      path: ctx.path,
      // Where this organization's pages are (`/o/<org>`, ORGANIZATIONS_FILE); '' for a single one.
      orgPath: orgPath(ctx),
      // Whose pages these are, in the header: a visitor of /o/<org> sees which organization holds them.
      orgName: typeof ctx.state['orgName'] === 'string' ? ctx.state['orgName'] : '',
      ...model,
    });
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = html;
  };
}
