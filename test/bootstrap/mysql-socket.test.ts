import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { openMigrated, type TypeOrmDatabaseConfig } from '../../src/adapters/persistence/typeorm/index.js';
import { createSyncLock } from '../../src/adapters/persistence/sync-lock/index.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/databases.js';

/**
 * Issue 13: with Elekto (mysqlclient), DB_HOST=localhost meant the MySQL/MariaDB Unix socket, so an
 * account created as 'user'@'localhost' worked. Here an account that exists only that way connects
 * through DB_SOCKET or DATABASE_URL's ?socketPath=, against the machine's MariaDB.
 */
describe('MySQL/MariaDB through its Unix socket', () => {
  let db: ThrowawayDatabase;
  let root: mysql.Connection;
  let socket: string;
  let skipNameResolve: boolean;
  const user = `elekto_sock_${randomBytes(4).toString('hex')}`;
  const password = 'pa#ss word';

  beforeAll(async () => {
    db = await createThrowawayDatabase('mariadb');
    const c = db.config as Extract<TypeOrmDatabaseConfig, { host: string }>;
    root = await mysql.createConnection({ host: c.host, port: c.port, user: c.username, password: c.password });
    const [rows] = await root.query<mysql.RowDataPacket[]>('SELECT @@socket AS socket, @@skip_name_resolve AS skip');
    socket = String(rows[0]!.socket);
    skipNameResolve = Number(rows[0]!.skip) === 1;
    await root.query(`CREATE USER '${user}'@'localhost' IDENTIFIED BY ?`, [password]);
    await root.query(`GRANT ALL ON \`${c.database}\`.* TO '${user}'@'localhost'`);
  });

  afterAll(async () => {
    await root.query(`DROP USER IF EXISTS '${user}'@'localhost'`);
    await root.end();
    await db.drop();
  });

  const base = { ELECTION_DIR: 'elections', IDENTITY: 'development', APP_ENV: 'development' };
  const database = (): string => (db.config as { database: string }).database;

  it("migrates and locks with DB_HOST=localhost + DB_SOCKET and an account that exists only as 'user'@'localhost'", async () => {
    const env = { ...base, DB_CONNECTION: 'mysql', DB_HOST: 'localhost', DB_DATABASE: database(), DB_USERNAME: user, DB_PASSWORD: password, DB_SOCKET: socket };
    const config = loadConfig({ env, envFile: false, purpose: 'tool' });
    expect(config.database).toMatchObject({ dialect: 'mysql', socketPath: socket });
    const { dataSource, applied } = await openMigrated(config.database as TypeOrmDatabaseConfig);
    try {
      expect(applied.length).toBeGreaterThan(0);
      const [who] = await dataSource.query('SELECT CURRENT_USER() AS me');
      expect(who.me).toBe(`${user}@localhost`);
    } finally {
      await dataSource.destroy();
    }
    const lock = createSyncLock(config.database as TypeOrmDatabaseConfig, { waitMs: 1000 });
    try {
      await expect(lock.exclusive(async () => 'synced')).resolves.toBe('synced');
    } finally {
      await lock.close();
    }
  });

  it('accepts ?socketPath= in DATABASE_URL', async () => {
    const url = `mysql://${user}:${encodeURIComponent(password)}@localhost/${database()}?socketPath=${encodeURIComponent(socket)}`;
    const config = loadConfig({ env: { ...base, DATABASE_URL: url }, envFile: false, purpose: 'tool' });
    expect(config.database).toMatchObject({ dialect: 'mysql', socketPath: socket, username: user });
    const { dataSource } = await openMigrated(config.database as TypeOrmDatabaseConfig);
    try {
      const [who] = await dataSource.query('SELECT CURRENT_USER() AS me');
      expect(who.me).toBe(`${user}@localhost`);
    } finally {
      await dataSource.destroy();
    }
  });

  it('without the socket, localhost is TCP and such an account is refused when the server skips name resolution', async () => {
    const env = { ...base, DB_CONNECTION: 'mysql', DB_HOST: 'localhost', DB_DATABASE: database(), DB_USERNAME: user, DB_PASSWORD: password };
    const config = loadConfig({ env, envFile: false, purpose: 'tool' });
    expect(config.database).not.toHaveProperty('socketPath');
    const attempt = openMigrated(config.database as TypeOrmDatabaseConfig).then(({ dataSource }) => dataSource.destroy());
    if (skipNameResolve) await expect(attempt).rejects.toThrow(/Access denied/);
    else await attempt;
  });

  it('refuses a socket for PostgreSQL, naming the variable', () => {
    expect(() =>
      loadConfig({ env: { ...base, DB_CONNECTION: 'postgresql', DB_DATABASE: 'k8s', DB_SOCKET: '/run/x.sock' }, envFile: false, purpose: 'tool' }),
    ).toThrow(/DB_SOCKET: only mysql/);
    expect(() =>
      loadConfig({ env: { ...base, DATABASE_URL: 'postgresql://u@localhost/k8s?socketPath=/run/x.sock' }, envFile: false, purpose: 'tool' }),
    ).toThrow(/DATABASE_URL: \?socketPath=/);
  });
});
