import { Webhook } from "standardwebhooks";
import { createApiKey } from "../../src/api-keys/api-key-store";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { startCluster, type Cluster } from "../harness/cluster";
import { eventually } from "../harness/webhook-env";
import { startReceiver, type Receiver } from "../harness/webhook-receiver";

jest.setTimeout(120_000);

const CHECKOUTS = 12;
const QUANTITY = 5;

let cluster: Cluster;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  cluster = await startCluster("outbound_two_instances", {
    instances: 2,
    catalog: { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] },
    // Both poll often, so they race for the same due deliveries.
    env: { WEBHOOK_ALLOW_PRIVATE_URLS: "true", WEBHOOK_DELIVERY_INTERVAL_MS: "100", WEBHOOK_RETRY_BASE_MS: "100" },
  });
});

afterAll(async () => {
  await cluster?.close();
  await receiver?.close();
});

test("two instances on one database never send the same attempt twice: each message arrives once per recorded attempt", async () => {
  const [a, b] = cluster.instances;
  const api = adminClient(a!.url, (await createApiKey(cluster.db, cluster.accountId, "cluster")).token);
  const endpoint = (await api.post("/admin/webhook-endpoints", { url: `${receiver.url}/hook` })).body as { id: string; secret: string };
  // Slow answers keep claims open while the other instance polls; every message's first attempt fails.
  receiver.delayMs = 20;
  receiver.answer = (req) => (receiver.received.filter((r) => r.headers["webhook-id"] === req.headers["webhook-id"]).length === 1 ? 500 : 200);

  const world = new StripeWorld(cluster.fake.store, { name: "outcluster" });
  const price = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  const purchases = Array.from({ length: CHECKOUTS }, () => world.checkout({ customer: world.customer(), lines: [{ price, quantity: QUANTITY }] }));
  // Half the purchases reach each instance, at once.
  await Promise.all(purchases.map((p, i) => deliverAll(i % 2 === 0 ? a! : b!, p.events)));

  const messages = CHECKOUTS * QUANTITY;
  const deliveries = await eventually(
    async () => {
      const rows = await cluster.db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
      return rows.length === messages && rows.every((d) => d.status === "DELIVERED") ? rows : undefined;
    },
    `${messages} deliveries DELIVERED`,
    60_000,
  );
  const verifier = new Webhook(endpoint.secret);
  const byMessage = new Map<string, number>();
  for (const r of receiver.at("/hook")) {
    verifier.verify(r.body, r.headers);
    byMessage.set(r.headers["webhook-id"]!, (byMessage.get(r.headers["webhook-id"]!) ?? 0) + 1);
  }
  expect(byMessage.size).toBe(messages);
  for (const d of deliveries) {
    expect([d.messageId, d.attempts]).toEqual([d.messageId, 2]);
    expect([d.messageId, byMessage.get(d.messageId)]).toEqual([d.messageId, 2]);
  }
  expect(receiver.at("/hook")).toHaveLength(messages * 2);
});
