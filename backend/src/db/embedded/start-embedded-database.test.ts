import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./start-embedded-database";

// Two starts, the first one on an empty folder (initdb, up to ~13 s).
// A cold PGlite start applies every migration in WebAssembly: tens of seconds on a busy 2-core machine.
jest.setTimeout(180_000);

const MIGRATIONS = path.resolve(__dirname, "../../../../prisma/migrations");

let tmp: string;
let dataDir: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "tessera-embedded-"));
  // A folder whose parent does not exist yet either: PGlite alone fails on that.
  dataDir = path.join(tmp, "nested", "data");
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

function connect(db: EmbeddedDatabase): PrismaClient {
  const { host, port, user, database } = db;
  return new PrismaClient({ adapter: new PrismaPg({ host, port, user, database, max: 5 }) });
}

test("serves the migrated database to Prisma, refuses a second start on the folder, and keeps the data", async () => {
  const logs: Array<{ obj: object; msg: string }> = [];
  const db = await startEmbeddedDatabase({
    dataDir,
    migrationsDir: MIGRATIONS,
    logger: { info: (obj, msg) => logs.push({ obj, msg }) },
  });
  let prisma: PrismaClient | undefined;
  try {
    expect(db).toMatchObject({ user: "postgres", database: "postgres" });
    // A Unix socket in a folder only this OS user may enter: no TCP port anyone on the host could reach.
    expect(statSync(db.host).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(db.host, `.s.PGSQL.${db.port}`)).isSocket()).toBe(true);
    expect(db.applied.length).toBeGreaterThan(0);
    expect(logs.at(-1)).toMatchObject({ msg: "Embedded database ready", obj: { socketDir: db.host } });

    await expect(startEmbeddedDatabase({ dataDir, migrationsDir: MIGRATIONS })).rejects.toThrow(
      `is already used by process ${process.pid}; stop it or set TESSERA_DATA_DIR to another folder`,
    );

    prisma = connect(db);
    const account = await prisma.account.create({
      data: { kind: "SELF_HOSTED", livemode: false, selfHostedMode: "test", displayName: "Embedded" },
    });
    expect(await prisma.account.findUnique({ where: { id: account.id } })).toMatchObject({ displayName: "Embedded" });
    expect(await prisma.$queryRaw`SELECT 1 + 1 AS two`).toEqual([{ two: 2 }]);

    await expect(
      prisma.account.create({ data: { kind: "SELF_HOSTED", livemode: false, selfHostedMode: "test" } }),
    ).rejects.toMatchObject({ code: "P2002" });

    // Read, then write from application code: only the row lock keeps the increments from being lost.
    await prisma.$executeRaw`CREATE TABLE e2e_counter (id int PRIMARY KEY, n int NOT NULL)`;
    await prisma.$executeRaw`INSERT INTO e2e_counter VALUES (1, 0)`;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        prisma!.$transaction(async (tx) => {
          const [row] = await tx.$queryRaw<Array<{ n: number }>>`SELECT n FROM e2e_counter WHERE id = 1 FOR UPDATE`;
          await tx.$executeRaw`UPDATE e2e_counter SET n = ${row!.n + 1} WHERE id = 1`;
        }),
      ),
    );
    expect(await prisma.$queryRaw`SELECT n FROM e2e_counter WHERE id = 1`).toEqual([{ n: 10 }]);
  } finally {
    await prisma?.$disconnect();
    await db.close();
  }
  await db.close();
  expect(existsSync(db.host)).toBe(false);

  const again = await startEmbeddedDatabase({ dataDir, migrationsDir: MIGRATIONS });
  const prismaAgain = connect(again);
  try {
    expect(again.applied).toEqual([]);
    expect(await prismaAgain.account.findMany({ select: { displayName: true } })).toEqual([
      { displayName: "Embedded" },
    ]);
  } finally {
    await prismaAgain.$disconnect();
    await again.close();
  }
});
