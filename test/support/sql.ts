import type { EntityManager } from 'typeorm';

/**
 * Hand-written SQL in tests (to look at the tables the way a DBA would, or to build a state the
 * adapters never would): named `:parameters`, turned into each dialect's placeholders by TypeORM.
 */
export async function sqlRows<R = Record<string, unknown>>(manager: EntityManager, sql: string, params: Record<string, unknown> = {}): Promise<R[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return manager.query<R[]>(text, values);
}

/** An identifier quoted for the manager's dialect (`user`, `key` and `rank` are reserved somewhere). */
export function quoted(manager: EntityManager, name: string): string {
  return manager.connection.driver.escape(name);
}

/** A hand-written write; how many rows it touched, as the driver counts them. */
export async function sqlExec(manager: EntityManager, sql: string, params: Record<string, unknown> = {}): Promise<number> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  const runner = manager.queryRunner;
  if (!runner) throw new Error('sqlExec needs the manager of a unit of work');
  return (await runner.query(text, values, true)).affected ?? 0;
}
