import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

export type MetaSchemaName = 'election' | 'voters' | 'candidate';

/**
 * The JSON Schemas shipped in docs/schemas/ are the ones the reader validates with, so an editor or
 * a meta repo's own CI using them agrees with `elekto check-meta` on structure. (Semantic checks,
 * like start before end, live in code.) Found by walking up from this file, so it works from src/
 * (tsx, jest) and from dist/.
 */
function schemaDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'docs', 'schemas');
    if (existsSync(join(candidate, 'election.schema.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('docs/schemas/election.schema.json not found next to the Elekto sources');
}

export class MetaSchemas {
  private static compiled: MetaSchemas | null = null;

  /**
   * The validators compiled once per process: compiling the three schemas costs about 10 ms and
   * holds their generated code, which a thousand organizations' readers each paid and kept.
   */
  static shared(): MetaSchemas {
    MetaSchemas.compiled ??= new MetaSchemas();
    return MetaSchemas.compiled;
  }

  private readonly validators: Record<MetaSchemaName, ValidateFunction>;

  constructor(dir: string = schemaDir()) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    const load = (name: MetaSchemaName) => ajv.compile(JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8')) as object);
    this.validators = { election: load('election'), voters: load('voters'), candidate: load('candidate') };
  }

  validate(name: MetaSchemaName, value: unknown): ErrorObject[] {
    const validate = this.validators[name];
    return validate(value) ? [] : [...(validate.errors ?? [])];
  }

  /** The `properties` declared by a schema: the keys the reader knows. */
  static knownKeys(name: MetaSchemaName, dir: string = schemaDir()): string[] {
    const schema = JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8')) as { properties?: object };
    return Object.keys(schema.properties ?? {});
  }
}

/** `/election_officers/2` → ['election_officers', 2]. */
export function pathOf(instancePath: string): Array<string | number> {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
