import type { Db } from "../../src/db/client";
import type { LicenseSummary } from "@tessera/shared";
import { licenseSummaryOfRecord } from "../../src/license-management/license-dto";
import type { AccountScope } from "../fake-stripe/store";
import { eventually } from "./webhook-env";

/**
 * What a license ended as, by the fields a delivery order, a crash or a second instance must not change:
 * what the admin API shows of it (status, reason, limits, dates, product, policy, bundle, customer, Stripe
 * ids) without the row's own id, key and timestamps, which differ between databases, plus its unit, line
 * item, resolved spec and history.
 */
export type LicenseFacts = Omit<LicenseSummary, "id" | "key" | "createdAt" | "updatedAt" | "stripe"> & {
  stripe: LicenseSummary["stripe"] & { lineItem: string | null };
  unitIndex: number;
  spec: unknown;
  /** History types, oldest first (ids, causes and timestamps left out). */
  history: string[];
};

/** An account's licenses by business key, and the keys written back to Stripe, by object, as business keys. */
export interface FinalState {
  licenses: Record<string, LicenseFacts>;
  /** `subscription sub_…` / `payment_intent pi_…` → sourceKeys of the keys in its `license_keys…` metadata, sorted. */
  writebacks: Record<string, string[]>;
}

// Lines written by one statement share a timestamp; within it, CREATED comes first and the rest by name,
// so one transaction's lines read the same in every run.
const typeRank = (type: string) => (type === "CREATED" ? "0" : `1${type}`);

/** The keys in an object's `license_keys`, `license_keys_2`, … metadata. */
export function writtenKeys(metadata: Record<string, string> | null | undefined): string[] {
  return Object.entries(metadata ?? {})
    .filter(([k, v]) => /^license_keys(_\d+)?$/.test(k) && v !== "")
    .flatMap(([, v]) => v.split(","));
}

/**
 * The final state of one account: its licenses from the database, and the license keys the fake Stripe
 * holds on that account's subscriptions and payment intents, translated to the business keys of the
 * licenses they belong to (license keys are random, business keys are the same in every run).
 */
export async function finalState(db: Db, accountId: string, stripe: AccountScope): Promise<FinalState> {
  const rows = await db.license.findMany({
    where: { accountId },
    include: {
      product: { select: { shortCode: true, name: true } },
      policy: { select: { code: true } },
      bundle: { select: { code: true } },
      customer: { select: { stripeCustomerId: true, email: true, entitlementFeatures: true } },
      history: { select: { type: true, createdAt: true } },
      _count: { select: { activations: { where: { deactivatedAt: null } } } },
    },
  });
  const licenses: Record<string, LicenseFacts> = {};
  const sourceOfKey = new Map<string, string>();
  for (const l of [...rows].sort((a, b) => (a.sourceKey < b.sourceKey ? -1 : 1))) {
    sourceOfKey.set(l.key, l.sourceKey);
    const history = [...l.history].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || typeRank(a.type).localeCompare(typeRank(b.type)),
    );
    const { id, key, createdAt, updatedAt, stripe, ...shown } = licenseSummaryOfRecord(l, l._count.activations);
    licenses[l.sourceKey] = {
      ...shown,
      stripe: { ...stripe, lineItem: l.stripeLineItemId },
      unitIndex: l.unitIndex,
      spec: withoutIds(l.spec),
      history: history.map((h) => h.type),
    };
  }
  const writebacks: Record<string, string[]> = {};
  const objects = [
    ...stripe.all("subscription").map((o) => ({ name: `subscription ${o.id}`, metadata: o.metadata })),
    ...stripe.all("payment_intent").map((o) => ({ name: `payment_intent ${o.id}`, metadata: o.metadata })),
  ];
  for (const { name, metadata } of objects) {
    const keys = writtenKeys(metadata);
    if (keys.length > 0) writebacks[name] = keys.map((k) => sourceOfKey.get(k) ?? `unknown key ${k}`).sort();
  }
  return { licenses, writebacks };
}

// The resolved spec names catalog rows by id too; those differ between databases, the codes beside them do not.
function withoutIds(spec: unknown): unknown {
  if (Array.isArray(spec)) return spec.map(withoutIds);
  if (spec === null || typeof spec !== "object") return spec;
  return Object.fromEntries(Object.entries(spec).filter(([k]) => !/Id$/.test(k)).map(([k, v]) => [k, withoutIds(v)]));
}

export interface CompareOptions {
  /**
   * Compare each license's history types in order (the default). A delivery in another order legitimately
   * writes another history (a quantity change seen before or after a renewal), so shuffled deliveries
   * compare everything else and check that each license was CREATED exactly once.
   */
  history?: "in-order" | "created-once";
}

function facts(l: LicenseFacts, opts: CompareOptions): unknown {
  if (opts.history !== "created-once") return l;
  const { history, ...rest } = l;
  return { ...rest, created: history.filter((t) => t === "CREATED").length };
}

/** `[field, expected, actual]` as JSON, one level into the grouped fields (`stripe.invoice`), so a difference names its field. */
function fieldPairs(expected: unknown, actual: unknown): [string, string, string][] {
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  return Object.keys(e).flatMap((field): [string, string, string][] => {
    const ev = e[field];
    const av = a[field];
    if (field === "stripe" && ev && av) return fieldPairs(ev, av).map(([k, x, y]) => [`${field}.${k}`, x, y]);
    return [[field, JSON.stringify(ev), JSON.stringify(av)]];
  });
}

/** Every difference between two final states, one line each (empty when they are the same). */
export function differences(expected: FinalState, actual: FinalState, opts: CompareOptions = {}): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(expected.licenses), ...Object.keys(actual.licenses)]);
  for (const key of [...keys].sort()) {
    const e = expected.licenses[key];
    const a = actual.licenses[key];
    if (!a) out.push(`license ${key}: missing (expected ${e!.status})`);
    else if (!e) out.push(`license ${key}: unexpected (${a.status}, history ${a.history.join(" ")})`);
    else {
      for (const [field, ev, av] of fieldPairs(facts(e, opts), facts(a, opts))) {
        if (ev !== av) out.push(`license ${key}: ${field} ${av}, expected ${ev}`);
      }
    }
  }
  const objects = new Set([...Object.keys(expected.writebacks), ...Object.keys(actual.writebacks)]);
  for (const name of [...objects].sort()) {
    const ev = JSON.stringify(expected.writebacks[name] ?? []);
    const av = JSON.stringify(actual.writebacks[name] ?? []);
    if (ev !== av) out.push(`keys on ${name}: ${av}, expected ${ev}`);
  }
  return out;
}

/** Fails with the first differences, named by business key and field. */
export function expectSameFinalState(actual: FinalState, expected: FinalState, opts: CompareOptions & { label?: string } = {}): void {
  const diff = differences(expected, actual, opts);
  const shown = diff.slice(0, 40);
  if (diff.length > shown.length) shown.push(`… and ${diff.length - shown.length} more`);
  expect({ label: opts.label ?? "final state", differences: shown }).toEqual({ label: opts.label ?? "final state", differences: [] });
}

/** Counts for the figures a test prints. */
export function stateFigures(state: FinalState) {
  const all = Object.values(state.licenses);
  return {
    licenses: all.length,
    active: all.filter((l) => l.status === "ACTIVE").length,
    disabled: all.filter((l) => l.status === "DISABLED").length,
    historyLines: all.reduce((n, l) => n + l.history.length, 0),
    objectsWithKeys: Object.keys(state.writebacks).length,
    keysWrittenBack: Object.values(state.writebacks).reduce((n, k) => n + k.length, 0),
  };
}

/** Waits until the account's outbox is empty: every key write-back reached the fake Stripe. */
export async function writebacksDone(db: Db, accountId: string, timeoutMs = 60_000): Promise<void> {
  await eventually(
    async () => ((await db.stripeWriteback.count({ where: { accountId } })) === 0 ? true : undefined),
    `an empty write-back outbox for account ${accountId}`,
    timeoutMs,
    100,
  );
}

/** Each recorded event of the account: `status` (and `errorCode`) by Stripe event id, with how many rows it has. */
export async function inboxState(db: Db, accountId: string): Promise<{ byEvent: Record<string, string>; rows: number }> {
  const rows = await db.webhookEvent.findMany({ where: { accountId }, select: { stripeEventId: true, status: true, errorCode: true } });
  const byEvent: Record<string, string> = {};
  for (const r of rows.sort((a, b) => (a.stripeEventId < b.stripeEventId ? -1 : 1))) {
    byEvent[r.stripeEventId] = r.errorCode ? `${r.status} ${r.errorCode}` : r.status;
  }
  return { byEvent, rows: rows.length };
}
