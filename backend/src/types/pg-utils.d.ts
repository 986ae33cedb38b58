// node-postgres's own conversion of JS values to query parameters (Dates, arrays, JSON, Buffers), which
// it exports as a file but does not type.
declare module "pg/lib/utils" {
  export function prepareValue(value: unknown): string | Buffer | null;
}
