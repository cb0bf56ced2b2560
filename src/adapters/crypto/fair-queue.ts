/**
 * A waiting line per requester, served in turn: each `shift` takes the oldest item of the requester
 * whose turn it is, then sends that requester to the back of the round. A requester with a hundred
 * items waiting delays another's single item by at most one item, not a hundred.
 */
export class FairQueue<T> {
  // A Map keeps insertion order: its first entry is the requester whose turn it is.
  private readonly lines = new Map<string, T[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(requester: string, item: T): void {
    const line = this.lines.get(requester);
    if (line) line.push(item);
    else this.lines.set(requester, [item]);
    this.count++;
  }

  shift(): T | undefined {
    const first = this.lines.entries().next();
    if (first.done) return undefined;
    const [requester, line] = first.value;
    const item = line.shift()!;
    this.lines.delete(requester);
    if (line.length > 0) this.lines.set(requester, line);
    this.count--;
    return item;
  }

  /** Empties the queue, oldest first per requester. */
  drain(): T[] {
    const all = [...this.lines.values()].flat();
    this.lines.clear();
    this.count = 0;
    return all;
  }
}
