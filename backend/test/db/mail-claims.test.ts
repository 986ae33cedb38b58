import { closeDb, createDb, sqlOf, type Db } from "../../src/db/client";
import { claimDueMails, recordMailFailure } from "../../src/db/mail-message-store";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";

let database: TestDatabase;
let db: Db;
let accountId: string;

beforeAll(async () => {
  database = await createTestDatabase("mail_claims");
  db = createDb({ connectionString: database.url });
  accountId = (await db.account.create({ data: { kind: "SELF_HOSTED", livemode: false, selfHostedMode: "test" } })).id;
});

afterAll(async () => {
  await closeDb(db);
  await database.drop();
});

beforeEach(() => db.mailMessage.deleteMany());

const queue = (n: number) =>
  db.mailMessage.createMany({
    data: Array.from({ length: n }, (_, i) => ({ accountId, purchase: `in_${i}`, licenseIds: [], toEmail: `buyer${i}@example.com` })),
  });

test("two instances claiming at once never get the same mail", async () => {
  await queue(40);
  const [a, b] = await Promise.all([claimDueMails(sqlOf(db), 30, 60_000), claimDueMails(sqlOf(db), 30, 60_000)]);
  const ids = [...a, ...b].map((m) => m.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toHaveLength(40);
  expect(await claimDueMails(sqlOf(db), 30, 60_000)).toEqual([]);
});

test("a claim lapses after its lease (its instance died); a failure waits for its retry, and a given-up mail is never claimed", async () => {
  await queue(2);
  const first = await claimDueMails(sqlOf(db), 10, 1);
  await new Promise((r) => setTimeout(r, 20));
  const again = await claimDueMails(sqlOf(db), 10, 60_000);
  expect(again.map((m) => m.id).sort()).toEqual(first.map((m) => m.id).sort());

  const [later, givenUp] = again as [(typeof again)[0], (typeof again)[0]];
  await recordMailFailure(sqlOf(db), later.id, "connect ECONNREFUSED", new Date(Date.now() + 60_000));
  await recordMailFailure(sqlOf(db), givenUp.id, "550 no such mailbox", null);
  expect(await claimDueMails(sqlOf(db), 10, 60_000)).toEqual([]);
  expect(await db.mailMessage.findUniqueOrThrow({ where: { id: givenUp.id } })).toMatchObject({ status: "FAILED", attempts: 1, claimedUntil: null });

  await db.mailMessage.update({ where: { id: later.id }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
  expect((await claimDueMails(sqlOf(db), 10, 60_000)).map((m) => m.id)).toEqual([later.id]);
});
