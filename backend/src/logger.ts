import pino from "pino";

export type Logger = pino.Logger;

/** Logs go to stdout by default; the CLI passes stderr, keeping its stdout for its own output. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: { service: "tessera" } };
  return destination ? pino(options, destination) : pino(options);
}
