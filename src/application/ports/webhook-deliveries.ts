/**
 * The webhook deliveries already acted on, by GitHub's `X-GitHub-Delivery` id. A captured, validly
 * signed delivery can be replayed at will (the signature has no time in it): without this every
 * replay ran a full sync. Kept in the database so that every replica refuses the same replays, and
 * atomic: of two replicas claiming one id at once, exactly one wins.
 */
export interface WebhookDeliveries {
  /** Records the id; false when it was recorded before (a replay, or a duplicate in flight). */
  claim(deliveryId: string, at: Date): Promise<boolean>;
  /** Forgets an id whose sync failed, so GitHub's "Redeliver" can run it again. */
  release(deliveryId: string): Promise<void>;
}
