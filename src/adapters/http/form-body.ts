import type { Context } from 'koa';

/** A parsed form as fields (what the body parser gave, when it is an object; otherwise no fields). */
export type FormFields = Readonly<Record<string, unknown>>;

export function formFields(ctx: Context): FormFields {
  const body = ctx.request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as FormFields) : {};
}

/** One text field: its string, or '' when absent or not text. */
export function formText(fields: FormFields, name: string): string {
  const v = fields[name];
  return typeof v === 'string' ? v : '';
}
