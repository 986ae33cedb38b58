import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type Stripe from "stripe";
import { deliver, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "./backend";

const ROOT = path.resolve(__dirname, "../../..");

/** A backend instance as production runs it: its own OS process, `tsx backend/src/main.ts`, configured by env. */
export interface BackendProcess {
  url: string;
  pid: number;
  /** What the process wrote to stdout and stderr so far, for failure messages. */
  output(): string;
  deliver(event: Stripe.Event): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
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

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", () => r()));
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

export async function spawnBackend(opts: { databaseUrl: string; stripeApiUrl: string; startTimeoutMs?: number }): Promise<BackendProcess> {
  const port = await freePort();
  // Node itself with tsx as a loader (not the tsx CLI, which adds a wrapper process): signals and the pid are the server's.
  const child = spawn(process.execPath, ["--import", "tsx", "backend/src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? ROOT,
      DATABASE_URL: opts.databaseUrl,
      STRIPE_SECRET_KEY: TEST_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      STRIPE_API_URL: opts.stripeApiUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  const output = () => log;
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = exited(child);
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await done;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(url, child, output, opts.startTimeoutMs ?? 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: child.pid!, output, deliver: (event) => deliver(url, event), stop };
}
