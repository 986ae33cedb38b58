import { closeDb, createDb, poolOf, type Db } from "../../src/db/client";
import { commitWithWrites } from "../../src/db/deferred-writes";
import { sqlTransaction } from "../../src/db/sql";
import { Prisma } from "../../src/generated/prisma/client";
import { deferLicenseChanges } from "../../src/db/licenses/license-store";
import type { ResolvedSpec } from "../../src/licensing/resolved-spec";
import type { LicenseChange } from "../../src/licensing/rules/license-change";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";

let database: TestDatabase;
let db: Db;
let accountId: string;
let otherAccountId: string;

beforeAll(async () => {
  database = await createTestDatabase("deferred_license_changes");
  db = createDb({ connectionString: database.url });
  accountId = (await db.account.create({ data: { kind: "SELF_HOSTED", livemode: false, selfHostedMode: "test" } })).id;
  otherAccountId = (await db.account.create({ data: { kind: "SELF_HOSTED", livemode: true, selfHostedMode: "live" } })).id;
});

afterAll(async () => {
  await closeDb(db);
  await database.drop();
});

let serial = 0;
function license(owner = accountId) {
  serial++;
  return db.license.create({
    data: {
      accountId: owner,
      key: `KEY-${serial}`,
      licenseType: "SUBSCRIPTION",
      spec: { shortCode: "OLD" },
      maxActivations: 1,
      consumptionUsed: 7,
      expiresAt: new Date("2026-01-01T00:00:00Z"),
      sourceKey: `src-${serial}`,
      unitIndex: 0,
      stripePriceId: "price_old",
    },
  });
}

const cause = { type: "STRIPE_EVENT" as const, id: "evt_deferred" };

function write(changes: LicenseChange[], owner = accountId) {
  const deferred = deferLicenseChanges({ accountId: owner, customer: null, cause }, changes);
  return sqlTransaction(poolOf(db), (tx) => commitWithWrites(tx, deferred.writes, Prisma.sql`SELECT 1 AS done`)).then(() => deferred);
}

test("several changes to one license in one event land as if applied in order, each with its history line", async () => {
  const l = await license();
  const spec = { shortCode: "NEW", licenseType: "subscription", productId: null, policyId: null, maxConsumptions: 3 } as unknown as ResolvedSpec;
  const deferred = await write([
    { kind: "disable", licenseId: l.id, reason: "payment failed", message: "Disabled" },
    { kind: "respec", licenseId: l.id, spec, priceId: "price_new", maxActivations: 4, floatingUsers: 2, maxLicenseUsers: null, expiresAt: new Date("2026-02-01T00:00:00Z"), message: "New price" },
    { kind: "extend", licenseId: l.id, expiresAt: new Date("2026-03-01T00:00:00Z"), message: "Renewed" },
    { kind: "grace", licenseId: l.id, graceUntil: new Date("2026-03-08T00:00:00Z"), message: "Grace" },
    { kind: "resetConsumption", licenseId: l.id, message: "Reset" },
    { kind: "enable", licenseId: l.id, message: "Paid" },
    { kind: "note", licenseId: l.id, type: "PARTIAL_REFUND", message: "Noted" },
  ]);
  expect(deferred.changed).toBe(6);

  const after = await db.license.findUniqueOrThrow({ where: { id: l.id } });
  expect(after).toMatchObject({
    status: "ACTIVE",
    disabledReason: null,
    stripePriceId: "price_new",
    maxActivations: 4,
    floatingUsers: 2,
    maxConsumptions: 3,
    consumptionUsed: 0,
    expiresAt: new Date("2026-03-01T00:00:00Z"),
    graceUntil: new Date("2026-03-08T00:00:00Z"),
    spec: { shortCode: "NEW" },
  });
  const history = await db.licenseEvent.findMany({ where: { licenseId: l.id }, select: { type: true, causeId: true } });
  expect(history.map((h) => h.type).sort()).toEqual(
    ["CONSUMPTION_RESET", "DISABLED", "ENABLED", "EXPIRY_CHANGED", "GRACE_CHANGED", "PARTIAL_REFUND", "SPEC_CHANGED"].sort(),
  );
  expect(new Set(history.map((h) => h.causeId))).toEqual(new Set(["evt_deferred"]));
});

test("fields no change names keep their values", async () => {
  const l = await license();
  await write([{ kind: "grace", licenseId: l.id, graceUntil: new Date("2026-05-01T00:00:00Z"), message: "Grace" }]);
  const after = await db.license.findUniqueOrThrow({ where: { id: l.id } });
  expect(after).toMatchObject({
    status: "ACTIVE",
    consumptionUsed: 7,
    expiresAt: new Date("2026-01-01T00:00:00Z"),
    stripePriceId: "price_old",
    spec: { shortCode: "OLD" },
  });
});

test("a change that misses its license (another account's) aborts every write of the statement", async () => {
  const mine = await license();
  const theirs = await license(otherAccountId);
  await expect(
    write([
      { kind: "disable", licenseId: mine.id, reason: "refund", message: "Refunded" },
      { kind: "disable", licenseId: theirs.id, reason: "refund", message: "Refunded" },
    ]),
  ).rejects.toThrow(/license_updates touched 1 row\(s\), expected 2/);
  expect((await db.license.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("ACTIVE");
  expect((await db.license.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("ACTIVE");
  expect(await db.licenseEvent.count({ where: { licenseId: { in: [mine.id, theirs.id] } } })).toBe(0);
});
