import type { WebhookDeliveries } from '../../../application/ports/webhook-deliveries.js';
import type { SqlDatabase } from './sql-database.js';
import { toSqlDate } from './sql-values.js';

/** GitHub keeps offering "Redeliver" for a few days; a month covers it with room to spare. */
const KEPT_MS = 30 * 24 * 3_600_000;

/** Delivery ids in `webhook_delivery`, whose primary key makes a claim atomic across replicas. */
export class TypeOrmWebhookDeliveries implements WebhookDeliveries {
  constructor(private readonly db: SqlDatabase) {}

  async claim(deliveryId: string, at: Date): Promise<boolean> {
    const { db } = this;
    return db.run(async (sql) => {
      await sql.exec('DELETE FROM webhook_delivery WHERE received_at < ?', [toSqlDate(new Date(at.getTime() - KEPT_MS))]);
      try {
        await sql.exec('INSERT INTO webhook_delivery (id, received_at) VALUES (?, ?)', [deliveryId, toSqlDate(at)]);
        return true;
      } catch (e) {
        if (db.isUniqueViolation(e)) return false;
        throw e;
      }
    });
  }

  async release(deliveryId: string): Promise<void> {
    await this.db.run((sql) => sql.exec('DELETE FROM webhook_delivery WHERE id = ?', [deliveryId]));
  }
}
