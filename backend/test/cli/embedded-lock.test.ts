import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LOCK_FILE } from "../../src/db/embedded/data-dir-lock";
import { runCli } from "../harness/cli";

jest.setTimeout(60_000);

test("while another process holds the embedded database, the CLI says to stop the server or set DATABASE_URL", async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tessera-cli-lock-"));
  try {
    // This test process plays the running server: its pid is alive.
    writeFileSync(path.join(dataDir, LOCK_FILE), `${process.pid}\n`);
    const run = await runCli(["accounts", "list"], { TESSERA_DATA_DIR: dataDir });
    expect(run).toMatchObject({
      code: 1,
      stdout: "",
      stderr:
        `error: The embedded database in ${dataDir} is in use by process ${process.pid} (a running Tessera server?): ` +
        "stop the server first, or set DATABASE_URL so the server and the CLI share one PostgreSQL\n",
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
