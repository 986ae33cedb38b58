import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request a vendor's endpoint received. */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

/**
 * A vendor's endpoint: a local node:http server that records every request and answers what `answer`
 * says for it (by default 200), after `delayMs`.
 */
export interface Receiver {
  url: string;
  received: Received[];
  /** Requests to one path (an endpoint of its own). */
  at(path: string): Received[];
  answer: (req: Received, nth: number) => number;
  delayMs: number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Receiver = {
    url: "",
    received,
    at: (path) => received.filter((r) => r.path === path),
    answer: () => 200,
    delayMs: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const entry: Received = { path: req.url ?? "/", headers: req.headers as Record<string, string>, body, at: Date.now() };
      received.push(entry);
      const status = receiver.answer(entry, receiver.at(entry.path).length);
      setTimeout(() => res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "not now"), receiver.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
