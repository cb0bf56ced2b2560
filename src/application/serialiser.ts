/**
 * Runs async work strictly one after another: each call starts once every earlier call has settled
 * (fulfilled or rejected), and a failure reaches only its own caller.
 *
 * The one promise chain of the code base. It lives in the application because the application's
 * InProcessSyncLock needs it and may import nothing outside the domain and itself, while the
 * adapters (the SQLite door, the git meta sources) may import the application; it is not domain
 * model, so it does not go there.
 */
export type Serialiser = <T>(work: () => Promise<T>) => Promise<T>;

export function serialiser(): Serialiser {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
}
