import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import type { AppConfig, MetaDriver } from './app-config.js';

/** One hosted organization, with its defaults applied: what the per-organization services are built from. */
export interface OrganizationConfig {
  /** `[a-z0-9-]+`, the URL segment `/o/<key>` and the storage prefix of its election keys. */
  readonly key: string;
  readonly name: string;
  /** Takes over the elections of a single-organization database (their keys stay unprefixed). */
  readonly default: boolean;
  readonly meta: {
    readonly driver: MetaDriver;
    readonly repo: string | null;
    readonly path: string;
    readonly branch: string;
    readonly electionDir: string;
    /** The webhook secret, read from `meta_secret_env`; null: its webhook accepts nobody. */
    readonly secret: string | null;
    /** The variable's name, for messages (never its value). */
    readonly secretEnv: string | null;
  };
}

export class OrganizationsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      `ORGANIZATIONS_FILE ${file} is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` + problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'OrganizationsFileError';
  }
}

/** docs/schemas/ is shipped with the package; walking up finds it from src/ (tsx, jest) and from dist/. */
function schemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'docs', 'schemas', 'organizations.schema.json');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('docs/schemas/organizations.schema.json not found next to the Elekto sources');
}

let validator: ReturnType<Ajv['compile']> | null = null;
function validate(value: unknown): readonly ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(schemaPath(), 'utf8')) as object);
  return validator(value) ? [] : (validator.errors ?? []);
}

interface RawOrganization {
  key: string;
  name: string;
  default?: boolean;
  meta_repo?: string;
  meta_path?: string;
  meta_branch?: string;
  election_dir?: string;
  meta_secret_env?: string;
}

/**
 * Reads and checks ORGANIZATIONS_FILE. Every problem is reported at once, each naming the entry
 * (index and key) and the field, so one edit fixes them all. Secrets are read from the variables the
 * entries name; a named variable that is unset is a problem, its value is never shown.
 */
export function loadOrganizationsFile(file: string, config: AppConfig, env: Readonly<Record<string, string | undefined>> = process.env): OrganizationConfig[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new OrganizationsFileError(file, [`cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new OrganizationsFileError(file, [`is not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  const errors = validate(raw);
  if (errors.length > 0)
    throw new OrganizationsFileError(
      file,
      errors.map((e) => describe(e, raw)),
    );
  const entries = (raw as { organizations: RawOrganization[] }).organizations;
  const problems: string[] = [];
  const seen = new Map<string, number>();
  entries.forEach((o, i) => {
    const first = seen.get(o.key);
    if (first !== undefined) problems.push(`${where(i, o.key)}.key: "${o.key}" is already the key of organizations[${first}]`);
    else seen.set(o.key, i);
    if (o.meta_secret_env && !env[o.meta_secret_env]) problems.push(`${where(i, o.key)}.meta_secret_env: the variable ${o.meta_secret_env} is not set`);
  });
  const defaults = entries.flatMap((o, i) => (o.default ? [where(i, o.key)] : []));
  if (defaults.length > 1) problems.push(`default: only one organization may be the default, not ${defaults.join(' and ')}`);
  if (problems.length > 0) throw new OrganizationsFileError(file, problems);
  return entries.map((o) => organizationOf(o, config, env));
}

function organizationOf(o: RawOrganization, config: AppConfig, env: Readonly<Record<string, string | undefined>>): OrganizationConfig {
  const repo = o.meta_repo ? o.meta_repo : null;
  const path = o.meta_path ?? join(config.meta.path, o.key);
  // A git source follows the instance's driver when that is a git one; nodegit is optional.
  const driver: MetaDriver = repo ? (config.meta.driver === 'directory' ? 'git' : config.meta.driver) : 'directory';
  return {
    key: o.key,
    name: o.name,
    default: o.default ?? false,
    meta: {
      driver,
      repo,
      path: isAbsolute(path) ? path : resolve(path),
      branch: o.meta_branch ?? config.meta.branch,
      electionDir: o.election_dir ?? config.meta.electionDir,
      secret: o.meta_secret_env ? (env[o.meta_secret_env] ?? null) : null,
      secretEnv: o.meta_secret_env ?? null,
    },
  };
}

function where(index: number, key: unknown): string {
  return `organizations[${index}]${typeof key === 'string' && key ? ` (${key})` : ''}`;
}

/** `organizations[2] (kubernetes).meta_branch: must match pattern ...`, in the file's own words. */
function describe(e: ErrorObject, raw: unknown): string {
  const parts = e.instancePath.split('/').slice(1);
  let at = parts.length === 0 ? '(top level)' : parts[0]!;
  if (parts[0] === 'organizations' && parts[1] !== undefined) {
    const index = Number(parts[1]);
    const entry = (raw as { organizations: Array<{ key?: unknown }> }).organizations[index];
    at =
      where(index, entry && typeof entry === 'object' ? entry.key : undefined) +
      parts
        .slice(2)
        .map((p) => `.${p}`)
        .join('');
  }
  if (e.keyword === 'required') return `${at}: ${(e.params as { missingProperty: string }).missingProperty} is missing`;
  if (e.keyword === 'additionalProperties') return `${at}: unknown field ${(e.params as { additionalProperty: string }).additionalProperty}`;
  if (e.keyword === 'pattern' && at.endsWith('.key'))
    return `${at}: must be lower-case letters, digits and inner hyphens (at most 63), the URL segment /o/<key>`;
  return `${at}: ${e.message ?? 'is not valid'}`;
}
