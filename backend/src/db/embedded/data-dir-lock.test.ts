import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LOCK_FILE, lockDataDir } from "./data-dir-lock";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "tessera-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  if (child.pid === undefined) throw new Error("could not start a child process");
  return child.pid;
}

test("refuses a second lock while the first is held, and allows it after release", () => {
  const lock = lockDataDir(dir);
  expect(readFileSync(path.join(dir, LOCK_FILE), "utf8").trim()).toBe(String(process.pid));
  expect(() => lockDataDir(dir)).toThrow(
    `is already used by process ${process.pid}; stop it or set TESSERA_DATA_DIR to another folder`,
  );

  lock.release();
  lock.release();
  expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  lockDataDir(dir).release();
});

test("refuses a lock held by another live process", () => {
  writeFileSync(path.join(dir, LOCK_FILE), `${process.ppid}\n`);
  expect(() => lockDataDir(dir)).toThrow(`is already used by process ${process.ppid}`);
});

test("takes over the lock of a process that has ended", () => {
  writeFileSync(path.join(dir, LOCK_FILE), `${deadPid()}\n`);
  const lock = lockDataDir(dir);
  expect(readFileSync(lock.path, "utf8").trim()).toBe(String(process.pid));
  lock.release();
});

test("takes over a lock naming this process's pid that this process does not hold (a restarted container)", () => {
  writeFileSync(path.join(dir, LOCK_FILE), `${process.pid}\n`);
  lockDataDir(dir).release();
});

test("release leaves a lock that another process has taken over", () => {
  const lock = lockDataDir(dir);
  const other = deadPid();
  writeFileSync(lock.path, `${other}\n`);
  lock.release();
  expect(readFileSync(lock.path, "utf8").trim()).toBe(String(other));
});
