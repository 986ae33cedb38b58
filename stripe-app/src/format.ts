/** A timestamp as the day it falls on (UTC), the way Stripe's Dashboard lists dates; null as `never`. */
export function formatDay(timestamp: string | null, never = "Never"): string {
  return timestamp === null ? never : timestamp.slice(0, 10);
}

/** A timestamp to the minute (UTC), for history lines and deliveries. */
export function formatMoment(timestamp: string): string {
  return `${timestamp.slice(0, 10)} ${timestamp.slice(11, 16)} UTC`;
}

/** A spec value as text: strings as they are, anything else as JSON. */
export function formatValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
