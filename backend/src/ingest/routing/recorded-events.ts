import type { StripeEvent } from "../envelope";

/**
 * Events this process recorded lately, so that a redelivery (Stripe resends an event when it saw no answer
 * in time, and a vendor may subscribe twice) is answered DUPLICATE without calling Stripe or opening a
 * transaction. Only committed records are remembered; an event another instance recorded still finds its
 * inbox row, at the price of a transaction.
 */
export class RecordedEvents {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  private static key(event: StripeEvent): string {
    return `${event.account ?? `own:${event.livemode}`}/${event.id}`;
  }

  has(event: StripeEvent): boolean {
    return this.ids.has(RecordedEvents.key(event));
  }

  remember(event: StripeEvent): void {
    const key = RecordedEvents.key(event);
    if (this.ids.has(key)) return;
    // A Set keeps insertion order: the oldest entry goes first.
    if (this.ids.size >= this.capacity) this.ids.delete(this.ids.values().next().value!);
    this.ids.add(key);
  }
}
