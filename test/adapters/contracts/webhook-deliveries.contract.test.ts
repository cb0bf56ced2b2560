import { ADAPTERS, freshKey, openWorld, type PersistenceWorld } from './persistence-worlds.js';

const T0 = new Date('2026-12-01T12:00:00Z');
const DAY = 24 * 3_600_000;

describe.each(ADAPTERS)('WebhookDeliveries contract: %s', (adapter) => {
  let w: PersistenceWorld;
  beforeAll(async () => {
    w = await openWorld(adapter);
  });
  afterAll(() => w?.close());

  it('claims an id once; a replay is refused until the id is released', async () => {
    const id = freshKey('delivery');
    expect(await w.webhookDeliveries.claim(id, T0)).toBe(true);
    expect(await w.webhookDeliveries.claim(id, T0)).toBe(false);
    expect(await w.webhookDeliveries.claim(freshKey('delivery'), T0)).toBe(true);
    await w.webhookDeliveries.release(id);
    expect(await w.webhookDeliveries.claim(id, T0)).toBe(true);
  });

  it('gives one id to exactly one of 30 simultaneous claims (two replicas receiving one replay)', async () => {
    const id = freshKey('race');
    const wins = await Promise.all(Array.from({ length: 30 }, () => w.webhookDeliveries.claim(id, T0)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('still refuses a replay a week later', async () => {
    const id = freshKey('week');
    expect(await w.webhookDeliveries.claim(id, T0)).toBe(true);
    expect(await w.webhookDeliveries.claim(id, new Date(T0.getTime() + 7 * DAY))).toBe(false);
  });
});
