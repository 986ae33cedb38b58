import { closeDb, createDb, type Db } from "../../src/db/client";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { spawnBackend, type BackendProcess } from "./backend-process";
import { seedCatalog } from "./catalog-seed";
import { createTestDatabase, type TestDatabase } from "./postgres";

/** Backend processes on one fresh database behind one fake Stripe, and the test's own client of that database. */
export interface Cluster {
  fake: FakeStripe;
  database: TestDatabase;
  /** Replace an entry to restart that instance. */
  instances: BackendProcess[];
  db: Db;
  /** The operator's own account, which the instances' events go to. */
  accountId: string;
  close(): Promise<void>;
}

/** `env` adds to or replaces each instance's test configuration. */
export async function startCluster(
  label: string,
  opts: { instances: number; catalog: Parameters<typeof seedCatalog>[2]; env?: Record<string, string> },
): Promise<Cluster> {
  const fake = await startFakeStripe();
  const database = await createTestDatabase(label);
  // All at once on an empty database, as a scaled-out deployment starts.
  const instances = await Promise.all(Array.from({ length: opts.instances }, () => spawnBackend({ databaseUrl: database.url, stripeApiUrl: fake.url, ...(opts.env ? { env: opts.env } : {}) })));
  const db = createDb({ connectionString: database.url });
  const accountId = (await db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } })).id;
  await seedCatalog(db, accountId, opts.catalog);
  const cluster: Cluster = {
    fake,
    database,
    instances,
    db,
    accountId,
    close: async () => {
      await Promise.all(cluster.instances.map((i) => i.stop()));
      await closeDb(db);
      await fake.close();
      await database.drop();
    },
  };
  return cluster;
}
