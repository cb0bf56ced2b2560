import type { Context } from 'koa';

export type FlashKind = 'info' | 'success' | 'error';

export interface FlashMessage {
  readonly kind: FlashKind;
  readonly text: string;
}

/** One-shot messages carried in the session across a redirect (post/redirect/get). */
export function flash(ctx: Context, text: string, kind: FlashKind = 'info'): void {
  if (!ctx.session) return;
  const list = ctx.session.flash ?? [];
  ctx.session.flash = [...list, { kind, text }].slice(-5);
}

export function takeFlashes(ctx: Context): FlashMessage[] {
  const list = ctx.session?.flash ?? [];
  if (list.length > 0 && ctx.session) delete ctx.session.flash;
  return list;
}
