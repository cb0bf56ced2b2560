import type { Bind, Container } from 'inversify';
import type { Token } from '../tokens.js';

/** Typed resolution: inversify cannot infer a type from a symbol, our Token<T> carries it. */
export function resolveToken<T>(container: Container, token: Token<T>): Promise<T> {
  return container.getAsync<T>(token);
}

/** Typed binding: `bindToken(bind, TOKENS.Clock)` is `bind<Clock>(TOKENS.Clock)`. */
export function bindToken<T>(bind: Bind, token: Token<T>) {
  return bind<T>(token);
}

type Resolved<D extends readonly unknown[]> = { [K in keyof D]: D[K] extends Token<infer U> ? U : never };

/**
 * `toResolvedValue` with the factory's argument types taken from the dependency tokens, as a
 * singleton: `bindFactory(bind, TOKENS.X, [TOKENS.Clock], (clock) => new X(clock))`.
 */
export function bindFactory<T, const D extends readonly Token<unknown>[]>(
  bind: Bind,
  token: Token<T>,
  deps: D,
  factory: (...args: Resolved<D>) => T | Promise<T>,
) {
  return bind<T>(token)
    .toResolvedValue(factory as (...args: unknown[]) => T | Promise<T>, [...deps] as never)
    .inSingletonScope();
}

/** Resolves a record of tokens into a record of values: `{ a: Token<A> }` gives `{ a: A }`. */
export async function resolveRecord<R extends Record<string, Token<unknown>>>(
  get: <X>(token: Token<X>) => Promise<X>,
  tokens: R,
): Promise<{ [K in keyof R]: R[K] extends Token<infer U> ? U : never }> {
  const entries = await Promise.all(Object.entries(tokens).map(async ([k, t]) => [k, await get(t)] as const));
  return Object.fromEntries(entries) as { [K in keyof R]: R[K] extends Token<infer U> ? U : never };
}
