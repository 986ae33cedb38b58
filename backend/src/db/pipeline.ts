import { Result, type Connection, type PoolClient, type Submittable } from "pg";
import { prepareValue } from "pg/lib/utils";

/** One statement of a pipeline: `name` makes it a prepared statement kept on the connection. */
export interface PipelinedStatement {
  text: string;
  values: unknown[];
  name?: string;
}

/** One statement's rows and row count. */
export interface StatementResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

/** The part of node-postgres's Result that its own Query fills rows in with; its typings leave it out. */
interface ResultBuilder extends StatementResult {
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): Record<string, unknown>;
  addRow(row: Record<string, unknown>): void;
  addCommandComplete(msg: unknown): void;
}

const newResult = () => new Result(undefined as never, undefined as never) as unknown as ResultBuilder;

/** What node-postgres keeps per connection and does not type: statement name → text, once parsed. */
type Parsed = Record<string, string | undefined>;
const parsedStatements = (connection: Connection) => (connection as unknown as { parsedStatements: Parsed }).parsedStatements;

/**
 * Statements sent in one write and answered in one read: Parse (unless the connection already has it),
 * Bind, Describe and Execute for each, and a single Sync after the last. PostgreSQL runs them in order,
 * each with its own snapshot, and after an error skips the rest up to the Sync, so a later statement never
 * runs on the result of a failed one. node-postgres sends one statement per round trip; this is its
 * `Submittable` extension point, the one pg-cursor uses, so the pool's queueing and error handling stay
 * its own.
 */
class Pipeline implements Submittable {
  readonly done: Promise<ResultBuilder[]>;
  private settle!: { resolve(results: ResultBuilder[]): void; reject(err: unknown): void };
  private readonly results: ResultBuilder[];
  private current = 0;
  private failure: unknown = null;

  constructor(private readonly statements: PipelinedStatement[]) {
    this.results = statements.map(newResult);
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: Connection): Error | null {
    let values: unknown[][];
    try {
      values = this.statements.map((s) => s.values.map((v) => prepareValue(v)));
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
    const known = parsedStatements(connection);
    // Parses in flight, in order: the n-th ParseComplete answers the n-th of them. A named statement
    // counts as known only then, so one whose Parse failed is parsed again next time.
    const parsing = this.statements.filter((s) => !(s.name && known[s.name] === s.text));
    let confirmed = 0;
    const onParsed = () => {
      const s = parsing[confirmed++];
      if (s?.name) known[s.name] = s.text;
    };
    connection.on("parseComplete", onParsed);
    connection.once("readyForQuery", () => connection.removeListener("parseComplete", onParsed));
    const stream = connection.stream as { cork?: () => void; uncork?: () => void };
    stream.cork?.();
    try {
      this.statements.forEach((s, i) => {
        if (parsing.includes(s)) connection.parse({ text: s.text, name: s.name ?? "", types: [] }, true);
        connection.bind({ statement: s.name ?? "", values: values[i]! } as never, true);
        connection.describe({ type: "P", name: "" }, true);
        connection.execute({ portal: "", rows: 0 } as never, true);
      });
      connection.sync();
    } finally {
      stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(msg: { fields: unknown[] }): void {
    this.results[this.current]!.addFields(msg.fields);
  }

  handleDataRow(msg: { fields: unknown[] }): void {
    if (this.failure) return;
    const result = this.results[this.current]!;
    try {
      result.addRow(result.parseRow(msg.fields));
    } catch (err) {
      this.failure = err;
    }
  }

  handleCommandComplete(msg: unknown): void {
    this.results[this.current++]!.addCommandComplete(msg);
  }

  handleEmptyQuery(): void {
    this.current++;
  }

  handleError(err: unknown): void {
    this.settle.reject(this.failure ?? err);
  }

  handleReadyForQuery(): void {
    if (this.failure) this.settle.reject(this.failure);
    else this.settle.resolve(this.results);
  }

  handleCopyInResponse(connection: Connection & { sendCopyFail(message: string): void }): void {
    connection.sendCopyFail("COPY is not supported in a pipeline");
  }

  handleCopyData(): void {}
}

/** Runs the statements in one round trip on the client; the results in statement order, or the first error. */
export function runPipeline(client: PoolClient, statements: PipelinedStatement[]): Promise<StatementResult[]> {
  return client.query(new Pipeline(statements)).done;
}
