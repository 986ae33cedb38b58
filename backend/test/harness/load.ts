import type Stripe from "stripe";
import { deliver } from "./backend";

/** One delivery of one copy of an event, as the test saw it. */
export interface Delivery {
  eventId: string;
  copy: number;
  attempt: number;
  url: string;
  /** The HTTP status, or 0 when no answer came (refused, reset, timed out). */
  status: number;
  body: any;
  /** When it was sent (performance.now()) and how long the answer took. */
  at: number;
  ms: number;
}

export interface StreamDeliveryOptions {
  /** Deliveries of each event, sent at once. */
  copies: number;
  /** Streams delivering at once. */
  inFlight: number;
  /** Where each delivery goes: asked again for every attempt, so a restarted process's new address is used. */
  target(delivery: { eventId: string; copy: number; attempt: number; sequence: number }): string;
  /**
   * As Stripe does: a copy not answered 200 is sent again after `backoffMs`, up to `attempts` times in all.
   * Without it each copy is sent once.
   */
  retry?: { attempts: number; backoffMs: number };
  /** A delivery not answered within this many ms counts as unanswered (status 0). */
  timeoutMs?: number;
  /** Called after each delivery attempt with the number made so far, e.g. to crash a process mid-load. */
  onDelivery?(delivery: Delivery, count: number): void;
  /** Checked before every attempt: once true, nothing more is sent (e.g. the process under test died). */
  abort?(): boolean;
}

async function attemptOnce(url: string, event: Stripe.Event, timeoutMs: number): Promise<{ status: number; body: any }> {
  try {
    return await Promise.race([
      deliver(url, event),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  } catch (err) {
    return { status: 0, body: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Delivers independent streams of events concurrently (`inFlight` streams at a time), each stream's events
 * in order: every copy of an event is sent at once and all are answered (or given up) before the stream's
 * next event goes. Returns every delivery attempt.
 */
export async function deliverStreams(streams: Stripe.Event[][], opts: StreamDeliveryOptions): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  const queue = [...streams];
  let sequence = 0;
  const sendCopy = async (event: Stripe.Event, copy: number) => {
    const attempts = opts.retry?.attempts ?? 1;
    for (let attempt = 1; attempt <= attempts && !opts.abort?.(); attempt++) {
      const url = opts.target({ eventId: event.id, copy, attempt, sequence: sequence++ });
      const started = performance.now();
      const answer = await attemptOnce(url, event, opts.timeoutMs ?? 60_000);
      const delivery = { eventId: event.id, copy, attempt, url, ...answer, at: started, ms: performance.now() - started };
      deliveries.push(delivery);
      opts.onDelivery?.(delivery, deliveries.length);
      if (answer.status === 200) return;
      if (attempt < attempts) await new Promise((r) => setTimeout(r, opts.retry!.backoffMs));
    }
  };
  const worker = async () => {
    for (let stream = queue.shift(); stream; stream = queue.shift()) {
      for (const event of stream) await Promise.all(Array.from({ length: opts.copies }, (_, copy) => sendCopy(event, copy)));
    }
  };
  await Promise.all(Array.from({ length: opts.inFlight }, worker));
  return deliveries;
}

/** How many deliveries got each answer: `200 PROCESSED`, `200 DUPLICATE`, `500`, `no answer`… */
export function answersByStatus(deliveries: Delivery[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of deliveries) {
    const label = d.status === 0 ? "no answer" : d.status === 200 ? `200 ${d.body?.status}` : String(d.status);
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort());
}

/** Latency percentiles of the deliveries, in ms. */
export function latencies(deliveries: Delivery[]): { p50: number; p95: number; max: number } {
  const ms = deliveries.map((d) => d.ms).sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), max: Math.round(ms.at(-1) ?? 0) };
}

/** Prints a test's figures on one labelled line each, for the README. */
export function report(title: string, figures: Record<string, unknown>): void {
  const lines = Object.entries(figures).map(([k, v]) => `  ${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
  process.stdout.write(`\n[reliability] ${title}\n${lines.join("\n")}\n`);
}
