// How a lost or stalled database shows in node-postgres's and Prisma's errors. The error handler answers
// these with 503: they are transient, and Stripe (or any client) should retry later.

const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "57P01", // admin_shutdown: the session was terminated (pg_terminate_backend, a restart)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: the server is starting or stopping
  "57014", // query_canceled: the statement ran past statement_timeout
  "53300", // too_many_connections
  "P1001", // Prisma: can't reach the database server
  "P1002", // Prisma: the server was reached but timed out
  "P1017", // Prisma: the server closed the connection
  "P2024", // Prisma: timed out fetching a connection from the pool
]);

const MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Query read timeout",
  "not queryable",
  "Client was closed",
  "connect ECONNREFUSED",
];

/** Whether the error (or one it wraps) means the database is unreachable right now, not that a statement is wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (CODES.has(code) || code.startsWith("08"))) return true;
    if (typeof message === "string" && MESSAGES.some((m) => message.includes(m))) return true;
  }
  return false;
}
