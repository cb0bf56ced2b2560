import type { WebhookDeliveries } from '../../../application/ports/webhook-deliveries.js';
import { isUniqueViolation } from './database-errors.js';
import type { SqlDatabase } from './sql-database.js';
import { toSqlDate } from './sql-values.js';

/** GitHub keeps offering "Redeliver" for a few days; a month covers it with room to spare. */
const KEPT_MS = 30 * 24 * 3_600_000;

/** Delivery ids in `webhook_delivery`, whose primary key makes a claim atomic across replicas. */
export class TypeOrmWebhookDeliveries implements WebhookDeliveries {
  constructor(private readonly db: SqlDatabase) {}

  async claim(deliveryId: string, at: Date): Promise<boolean> {
    return this.db.run(async ({ manager }) => {
      const deliveries = manager.getRepository('webhook_delivery');
      await deliveries
        .createQueryBuilder()
        .delete()
        .where('received_at < :cutoff', { cutoff: toSqlDate(new Date(at.getTime() - KEPT_MS)) })
        .execute();
      try {
        await deliveries.insert({ id: deliveryId, received_at: at });
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    });
  }

  async release(deliveryId: string): Promise<void> {
    await this.db.run(({ manager }) => manager.getRepository('webhook_delivery').delete({ id: deliveryId }));
  }
}
