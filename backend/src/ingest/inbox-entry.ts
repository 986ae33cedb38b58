import { AlreadyRecorded, statementWithWrites } from "../db/deferred-writes";
import { insertNewEvent, lockReplayableEvent, updateReplayedEvent, type InboxOutcome } from "../db/inbox-store";
import type { SqlTx } from "../db/sql";
import { queueWritebacks } from "../db/writeback-store";
import type { Prisma } from "../generated/prisma/client";
import type { StripeEvent } from "./envelope";
import type { EventRecord } from "./event-record";

/** Where an event's record goes: a new inbox row (a delivery) or its stored failed row (a replay). */
export interface InboxEntry {
  /** First in the transaction: a replay locks its stored row and finds it still replayable, or AlreadyRecorded. */
  claim(tx: SqlTx): Promise<void>;
  /** The statement that records the event with all its writes: the transaction's last, sent with COMMIT. */
  statement(record: EventRecord): Prisma.Sql;
  /** A new delivery may share its transaction with other events (group commit); a replay runs alone. */
  shareable: boolean;
}

const outcomeOf = (r: EventRecord): InboxOutcome => ({ status: r.status, message: r.message, errorCode: r.errorCode ?? null });

function withWrites(accountId: string, record: EventRecord, main: Prisma.Sql): Prisma.Sql {
  const writes = [...(record.writes ?? [])];
  if (record.writebacks?.length) writes.push(queueWritebacks(accountId, record.writebacks));
  return statementWithWrites(writes, main);
}

export function newDelivery(accountId: string, event: StripeEvent): InboxEntry {
  return {
    claim: async () => undefined,
    statement: (record) => withWrites(accountId, record, insertNewEvent(accountId, event, outcomeOf(record))),
    shareable: true,
  };
}

export function storedFailure(accountId: string, rowId: string): InboxEntry {
  return {
    claim: async (tx) => {
      if (!(await lockReplayableEvent(tx, rowId))) throw new AlreadyRecorded();
    },
    statement: (record) => withWrites(accountId, record, updateReplayedEvent(rowId, outcomeOf(record))),
    shareable: false,
  };
}
