import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `webhook_delivery`: the GitHub delivery ids already acted on, so a replayed signed delivery does
 * not sync again, on any replica. A table of ours only; Elekto ignores it. Rows older than a month
 * are deleted as new ones arrive.
 */
export class WebhookDeliveries_1765200000000 implements MigrationInterface {
  readonly name = 'WebhookDeliveries_1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    const type = runner.connection.options.type;
    const time = type === 'postgres' ? 'TIMESTAMP' : type === 'better-sqlite3' ? 'DATETIME' : 'DATETIME(3)';
    await runner.query(`CREATE TABLE webhook_delivery (id VARCHAR(64) NOT NULL, received_at ${time} NOT NULL, PRIMARY KEY (id))`);
    await runner.query('CREATE INDEX ix_webhook_delivery_received_at ON webhook_delivery (received_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE webhook_delivery');
  }
}
