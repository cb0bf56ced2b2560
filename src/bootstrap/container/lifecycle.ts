/**
 * Resources to release when the application closes (database pools, worker threads, timers), in
 * reverse order of opening. Factories register here as they create the resource, so only what
 * was actually opened gets closed.
 */
export class Lifecycle {
  private readonly closers: Array<{ name: string; close: () => Promise<void> | void }> = [];
  private closed = false;

  onClose(name: string, close: () => Promise<void> | void): void {
    this.closers.push({ name, close });
  }

  /** Closes everything, even when one closer fails; rethrows the first failure afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    let first: Error | undefined;
    for (const c of this.closers.reverse()) {
      try {
        await c.close();
      } catch (e) {
        first ??= new Error(`closing ${c.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (first) throw first;
  }
}
