/** Where a PostgreSQL or MySQL/MariaDB server database is (the shape the TypeORM config has). */
export interface ServerDatabase {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly username: string;
  readonly password: string;
  /** When set, wins over the fields above (it may carry options such as ?sslmode=require). */
  readonly url?: string;
  /** MySQL/MariaDB: the server's Unix socket; wins over url, host and port. */
  readonly socketPath?: string;
}
