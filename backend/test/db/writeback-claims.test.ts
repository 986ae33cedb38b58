import { closeDb, createDb, sqlOf, type Db } from "../../src/db/client";
import { claimDueWritebacks, finishWritebacks } from "../../src/db/writeback-store";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";

let database: TestDatabase;
let db: Db;
let accountId: string;

beforeAll(async () => {
  database = await createTestDatabase("writeback_claims");
  db = createDb({ connectionString: database.url });
  accountId = (await db.account.create({ data: { kind: "SELF_HOSTED", livemode: false, selfHostedMode: "test" } })).id;
});

afterAll(async () => {
  await closeDb(db);
  await database.drop();
});

beforeEach(() => db.stripeWriteback.deleteMany());

const queue = (n: number) =>
  db.stripeWriteback.createMany({ data: Array.from({ length: n }, (_, i) => ({ accountId, objectType: "subscription", objectId: `sub_${i}` })) });

test("two instances claiming at once never get the same write-back", async () => {
  await queue(40);
  const [a, b] = await Promise.all([claimDueWritebacks(sqlOf(db), 30, 60_000), claimDueWritebacks(sqlOf(db), 30, 60_000)]);
  const ids = [...a, ...b].map((w) => w.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toHaveLength(40);
  expect(await claimDueWritebacks(sqlOf(db), 30, 60_000)).toEqual([]);
});

test("a claim lapses after its lease (its instance died), and finishing deletes only rows with no newer keys", async () => {
  await queue(2);
  const first = await claimDueWritebacks(sqlOf(db), 10, 1);
  await new Promise((r) => setTimeout(r, 20));
  const again = await claimDueWritebacks(sqlOf(db), 10, 60_000);
  expect(again.map((w) => w.id).sort()).toEqual(first.map((w) => w.id).sort());

  // New keys for one object while it was being written: its row stays, released and due at once.
  const [written, bumped] = again as [(typeof again)[0], (typeof again)[0]];
  await db.stripeWriteback.update({ where: { id: bumped.id }, data: { generation: { increment: 1 } } });
  await finishWritebacks(sqlOf(db), [written, bumped]);
  expect(await db.stripeWriteback.findMany({ select: { id: true, claimedUntil: true } })).toEqual([{ id: bumped.id, claimedUntil: null }]);
  expect((await claimDueWritebacks(sqlOf(db), 10, 60_000)).map((w) => w.id)).toEqual([bumped.id]);
});
