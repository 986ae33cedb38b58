import { closeDb, createDb, type Db } from "../../src/db/client";
import { disableExpiredGrace } from "../../src/jobs/grace-sweeper";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";

let database: TestDatabase;
let db: Db;
let accountId: string;

beforeAll(async () => {
  database = await createTestDatabase("grace_sweeper");
  db = createDb({ connectionString: database.url });
  accountId = (await db.account.create({ data: { kind: "SELF_HOSTED", livemode: false, selfHostedMode: "test" } })).id;
});

afterAll(async () => {
  await closeDb(db);
  await database.drop();
});

function license(sourceKey: string, graceUntil: Date | null, status: "ACTIVE" | "DISABLED" = "ACTIVE") {
  return db.license.create({
    data: {
      accountId,
      key: `KEY-${sourceKey}`,
      status,
      licenseType: "SUBSCRIPTION",
      spec: {},
      maxActivations: 1,
      graceUntil,
      sourceKey,
      unitIndex: 0,
    },
  });
}

test("only active licenses whose grace has ended are disabled, once, with a history line", async () => {
  const now = new Date("2026-03-01T00:00:00Z");
  const ended = await license("ended", new Date("2026-02-28T00:00:00Z"));
  const running = await license("running", new Date("2026-03-02T00:00:00Z"));
  const none = await license("none", null);
  const already = await license("already", new Date("2026-02-01T00:00:00Z"), "DISABLED");

  expect(await disableExpiredGrace(db, now)).toBe(1);
  expect(await disableExpiredGrace(db, now)).toBe(0);

  const byId = async (id: string) => db.license.findUniqueOrThrow({ where: { id }, include: { history: true } });
  const e = await byId(ended.id);
  expect(e.status).toBe("DISABLED");
  expect(e.disabledReason).toBe("unpaid grace ended");
  expect(e.history.map((h) => [h.type, h.causeType])).toEqual([["DISABLED", "SYSTEM"]]);
  expect(e.history[0]!.message).toContain("2026-02-28T00:00:00Z");
  for (const id of [running.id, none.id]) expect((await byId(id)).status).toBe("ACTIVE");
  expect((await byId(already.id)).history).toHaveLength(0);
});
