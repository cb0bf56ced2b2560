/**
 * Where one organization's elections live in the shared `election` table. Elekto's `election.key`
 * is UNIQUE and a meta key never holds `/` (the folder path is joined with `---`), so the key
 * `<org>/<key>` cannot collide with any key Elekto wrote, nor with another organization's. The
 * default organization keeps plain keys: a single-organization database becomes its elections
 * without a row changing, and Elekto can still open it. Everything hanging off `election_id`
 * (ballots, voter marks and links, exception requests, pending ballots, passphrase attempts)
 * follows the row, so it is isolated with it.
 */
export class ElectionKeyScope {
  private readonly prefix: string;

  constructor(
    readonly organization: string,
    readonly isDefault: boolean,
  ) {
    if (!/^[a-z0-9-]+$/.test(organization)) throw new Error(`not an organization key: ${JSON.stringify(organization)}`);
    this.prefix = isDefault ? '' : `${organization}/`;
  }

  /** The key as stored, from the key the meta repository gives. */
  stored(key: string): string {
    // A key with `/` could reach into another organization's rows: refuse it outright.
    if (key.includes('/')) throw new Error(`an election key never holds "/": ${JSON.stringify(key)}`);
    return this.prefix + key;
  }

  /** Whether a stored key is one of this organization's elections. */
  owns(stored: string): boolean {
    return this.isDefault ? !stored.includes('/') : stored.startsWith(this.prefix) && !stored.slice(this.prefix.length).includes('/');
  }

  /** The meta key of a stored key this organization owns. */
  local(stored: string): string {
    return stored.slice(this.prefix.length);
  }
}
