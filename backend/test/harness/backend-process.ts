import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type Stripe from "stripe";
import { deliver, TEST_ENCRYPTION_KEY, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "./backend";

const ROOT = path.resolve(__dirname, "../../..");

/** A backend instance as production runs it: its own OS process, `tsx backend/src/main.ts`, configured by env. */
export interface BackendProcess {
  url: string;
  pid: number;
  /** What the process wrote to stdout and stderr so far, for failure messages. */
  output(): string;
  deliver(event: Stripe.Event): Promise<{ status: number; body: any }>;
  /** Whether the process still runs (signal 0). */
  alive(): boolean;
  /** Settles when the process has ended, with its exit code or the signal that ended it. */
  exited: Promise<ProcessEnd>;
  /** Sends a signal, e.g. SIGKILL for a crash; `exited` tells when it took effect. */
  kill(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  /** PostgreSQL; without it the process runs on the embedded database (TESSERA_DATA_DIR in `env`). */
  databaseUrl?: string;
  stripeApiUrl: string;
  /** More variables, or replacements for the defaults below. */
  env?: Record<string, string>;
  /** Node options for the process itself, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
  startTimeoutMs?: number;
}

/** A port nobody listens on right now (the OS picks it; the server cannot report PORT=0 back to us). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<ProcessEnd> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((r) => child.once("exit", (code, signal) => r({ code, signal })));
}

/** Whether a process with that pid runs (and may be signalled by us). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Backend exited with ${child.exitCode} before it was healthy:\n${output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Backend at ${url} not healthy after ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `backend/src/main.ts` in a process of its own with the test configuration plus `opts.env`. */
function startMain(nodeArgs: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  // Node itself with tsx as a loader (not the tsx CLI, which adds a wrapper process): signals and the pid are the server's.
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "backend/src/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? ROOT, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  return { child, output: () => log };
}

export async function spawnBackend(opts: SpawnOptions): Promise<BackendProcess> {
  const port = await freePort();
  const { child, output } = startMain(opts.nodeArgs ?? [], {
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    STRIPE_SECRET_KEY: TEST_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    STRIPE_API_URL: opts.stripeApiUrl,
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "warn",
    ...(opts.databaseUrl ? { ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } : {}),
    ...opts.env,
  });
  const url = `http://127.0.0.1:${port}`;
  const ended = exited(child);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await ended;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(url, child, output, opts.startTimeoutMs ?? 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    pid: child.pid!,
    output,
    deliver: (event) => deliver(url, event),
    alive: () => processAlive(child.pid!),
    exited: ended,
    kill: (signal) => void child.kill(signal),
    stop,
  };
}

/** Starts the backend with exactly `env` (plus PATH and HOME) and waits for it to end by itself, e.g. on bad configuration. */
export async function runBackendToExit(env: Record<string, string>, timeoutMs = 30_000): Promise<ProcessEnd & { output: string }> {
  const { child, output } = startMain([], env);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const end = await exited(child);
  clearTimeout(timer);
  return { ...end, output: output() };
}
