import type Stripe from "stripe";
import type { FakeStore } from "../fake-stripe/store";
import { startFakeStripe } from "../fake-stripe/server";
import { deliverAll, startBackend } from "./backend";
import { seedCatalog } from "./catalog-seed";
import { finalState, inboxState, writebacksDone, type FinalState } from "./final-state";
import { createTestDatabase } from "./postgres";

export interface ReferenceRun {
  events: Stripe.Event[];
  /** The engine's answer body of each event, in order. */
  answers: any[];
  state: FinalState;
  inbox: Awaited<ReturnType<typeof inboxState>>;
  seconds: number;
}

/**
 * What the events must make: delivered once each, in order, to the backend in this process on a fresh
 * database and its own fake Stripe (so its key write-backs land on objects of its own). `build` makes the
 * events on the store it is given; a run under test calls it again on its own store and gets the same events.
 */
export async function referenceRun(
  label: string,
  catalog: Parameters<typeof seedCatalog>[2],
  build: (store: FakeStore) => Stripe.Event[],
): Promise<ReferenceRun> {
  const fake = await startFakeStripe();
  const database = await createTestDatabase(`${label}_ref`);
  const backend = await startBackend({ databaseUrl: database.url, stripeApiUrl: fake.url });
  try {
    await seedCatalog(backend.db, backend.accountId, catalog);
    const events = build(fake.store);
    const started = performance.now();
    const answers = await deliverAll(backend, events);
    const seconds = (performance.now() - started) / 1000;
    await writebacksDone(backend.db, backend.accountId);
    return {
      events,
      answers,
      state: await finalState(backend.db, backend.accountId, fake.store.platform),
      inbox: await inboxState(backend.db, backend.accountId),
      seconds,
    };
  } finally {
    await backend.close();
    await fake.close();
    await database.drop();
  }
}
