/**
 * A read-only map iterated in key order (the catalog's promise). It copies its entries and exposes
 * no mutator, so a snapshot cannot be changed through a cast to Map either.
 */
export class KeyOrderedMap<V> implements ReadonlyMap<string, V> {
  readonly #map: Map<string, V>;

  constructor(entries: Iterable<readonly [string, V]>) {
    const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.#map = new Map(sorted);
  }

  get size(): number {
    return this.#map.size;
  }
  get(key: string): V | undefined {
    return this.#map.get(key);
  }
  has(key: string): boolean {
    return this.#map.has(key);
  }
  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    this.#map.forEach((v, k) => callback.call(thisArg, v, k, this));
  }
  entries(): MapIterator<[string, V]> {
    return this.#map.entries();
  }
  keys(): MapIterator<string> {
    return this.#map.keys();
  }
  values(): MapIterator<V> {
    return this.#map.values();
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.#map[Symbol.iterator]();
  }
}
