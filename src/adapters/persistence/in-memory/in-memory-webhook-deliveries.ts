import type { WebhookDeliveries } from '../../../application/ports/webhook-deliveries.js';

/** One process's memory of webhook deliveries (a single replica, or tests). */
export class InMemoryWebhookDeliveries implements WebhookDeliveries {
  private readonly seen = new Map<string, Date>();

  async claim(deliveryId: string, at: Date): Promise<boolean> {
    if (this.seen.has(deliveryId)) return false;
    this.seen.set(deliveryId, at);
    return true;
  }

  async release(deliveryId: string): Promise<void> {
    this.seen.delete(deliveryId);
  }
}
