import net from "node:net";

/**
 * A TCP proxy on 127.0.0.1 between a backend process and PostgreSQL, which the test turns into each way a
 * database goes away: every connection cut, new ones refused (nothing listens), or a stall (connections are
 * accepted and held, nothing is forwarded either way).
 */
export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  /** Connections open through the proxy now. */
  connections(): number;
  /** Destroys every open connection, both sides, as a failed server or a broken network would. */
  cut(): void;
  /** Stops listening: new connections are refused (ECONNREFUSED) until `restore`. */
  refuse(): Promise<void>;
  /** Accepts connections and holds them: no byte goes through either way until `restore`. */
  stall(): void;
  /** Listens and forwards again; held connections carry on where they stopped. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  server: net.Socket | null;
  piped: boolean;
}

type Mode = "forward" | "stall" | "refuse";

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let mode: Mode = "forward";

  const drop = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.destroy();
    pair.server?.destroy();
  };
  const hold = (pair: Pair) => {
    pair.piped = false;
    pair.client.unpipe();
    pair.server?.unpipe();
    pair.client.pause();
    pair.server?.pause();
  };
  const forward = (pair: Pair) => {
    if (pair.piped) return;
    pair.piped = true;
    if (!pair.server) {
      const server = net.connect(target.port, target.host);
      pair.server = server;
      server.on("error", () => drop(pair));
      server.on("close", () => drop(pair));
    }
    pair.client.pipe(pair.server);
    pair.server.pipe(pair.client);
  };

  const listener = net.createServer((client) => {
    const pair: Pair = { client, server: null, piped: false };
    pairs.add(pair);
    client.on("error", () => drop(pair));
    client.on("close", () => drop(pair));
    if (mode === "forward") forward(pair);
    else client.pause();
  });
  // close() would wait for the open connections; the listening socket itself goes at once.
  const stopListening = () => {
    if (listener.listening) listener.close();
  };
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      listener.once("error", reject);
      listener.listen(port, "127.0.0.1", () => {
        listener.off("error", reject);
        resolve();
      });
    });
  await listen(0);
  const port = (listener.address() as net.AddressInfo).port;

  return {
    port,
    urlFor(url) {
      const u = new URL(url);
      u.host = `127.0.0.1:${port}`;
      return u.toString();
    },
    connections: () => pairs.size,
    cut() {
      for (const pair of [...pairs]) drop(pair);
    },
    async refuse() {
      mode = "refuse";
      stopListening();
    },
    stall() {
      mode = "stall";
      for (const pair of pairs) hold(pair);
    },
    async restore() {
      if (!listener.listening) await listen(port);
      mode = "forward";
      for (const pair of pairs) forward(pair);
    },
    async close() {
      mode = "refuse";
      for (const pair of [...pairs]) drop(pair);
      stopListening();
    },
  };
}
