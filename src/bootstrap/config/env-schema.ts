import { Ajv } from 'ajv';
import { VARIABLES } from './variables.js';

/**
 * A JSON Schema of the raw environment (strings only), generated from the variable table, checked
 * with ajv in allErrors mode so one run reports every bad variable.
 */
export function envSchema(): object {
  const properties: Record<string, object> = {};
  for (const v of VARIABLES) {
    const p: Record<string, unknown> = { type: 'string', description: v.description };
    if (v.oneOf) p.enum = [...v.oneOf];
    if (v.pattern) p.pattern = v.pattern;
    properties[v.name] = p;
  }
  return { type: 'object', properties, additionalProperties: true };
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(envSchema());

function show(value: unknown, secret: boolean): string {
  return secret ? '(hidden)' : JSON.stringify(value);
}

/** One line per bad variable: `APP_PORT: must be a port number between 1 and 65535 (got "abc")`. */
export function schemaProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  if (validate(env)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of validate.errors ?? []) {
    const name = e.instancePath.replace(/^\//, '');
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const spec = VARIABLES.find((v) => v.name === name);
    const expect = spec?.expect ?? e.message ?? 'a valid value';
    out.push(`${name}: must be ${expect} (got ${show(env[name], spec?.secret ?? false)})`);
  }
  return out;
}
