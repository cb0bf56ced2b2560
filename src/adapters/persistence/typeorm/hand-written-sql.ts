import type { EntityManager } from 'typeorm';
import type { Dialect } from './entities.js';

/** How a hand-written statement names its parameters and identifiers, in one dialect. */
export interface SqlSpelling {
  /** The n-th parameter (from 1): `$n` on PostgreSQL, `?` on MySQL/MariaDB and SQLite. */
  readonly param: (n: number) => string;
  /** An identifier quoted for the dialect (`user`, `key` are reserved words somewhere). */
  readonly name: (identifier: string) => string;
}

/**
 * A statement written by hand for a hot read (see "What is still written by hand" in
 * docs/database.md), its text built once per dialect and then reused: no QueryBuilder per request
 * and no rewriting of the text with a regular expression. Parameters are holes of the template, so a
 * `?` or `$1` inside a literal is never touched; `param(n)` must be asked for 1, 2, 3... in order,
 * because MySQL and SQLite bind `?` by position.
 */
export function handWrittenSql(build: (sql: SqlSpelling) => string): (dialect: Dialect) => string {
  const texts = new Map<Dialect, string>();
  return (dialect) => {
    let text = texts.get(dialect);
    if (text === undefined) {
      text = build(spelling(dialect));
      texts.set(dialect, text);
    }
    return text;
  };
}

function spelling(dialect: Dialect): SqlSpelling {
  let expected = 1;
  return {
    param: (n) => {
      if (n !== expected) throw new Error(`hand-written SQL: parameter ${n} asked for where ${expected} was due (positional placeholders)`);
      expected++;
      return dialect === 'postgres' ? `$${n}` : '?';
    },
    name: (identifier) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`hand-written SQL: "${identifier}" is not a plain identifier`);
      return dialect === 'mysql' ? `\`${identifier}\`` : `"${identifier}"`;
    },
  };
}

/** Runs a hand-written SELECT on the unit of work's connection; rows come as the driver gives them. */
export async function selectRows<T>(manager: EntityManager, text: string, params: readonly unknown[]): Promise<T[]> {
  const rows: unknown = await manager.query(text, [...params]);
  return rows as T[];
}
