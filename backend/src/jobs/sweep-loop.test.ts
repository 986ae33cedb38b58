import { SweepLoop } from "./sweep-loop";

test("a flush during a sweep runs one more sweep after it, not one per call", async () => {
  let release!: () => void;
  let sweeps = 0;
  const loop = new SweepLoop(async () => {
    sweeps++;
    if (sweeps === 1) await new Promise<void>((r) => (release = r));
    return false;
  }, () => undefined);
  const first = loop.flush();
  const during = [loop.flush(), loop.flush(), loop.flush()];
  release();
  await Promise.all([first, ...during]);
  expect(sweeps).toBe(2);
});

test("a sweep that leaves work due goes again at once", async () => {
  let left = 3;
  const loop = new SweepLoop(async () => --left > 0, () => undefined);
  await loop.flush();
  expect(left).toBe(0);
});

test("a failing sweep is reported and never rejects; the next flush sweeps again", async () => {
  const failures: string[] = [];
  let calls = 0;
  const loop = new SweepLoop(async () => {
    calls++;
    if (calls === 1) throw new Error("connection terminated");
    return false;
  }, (message) => failures.push(message));
  await expect(loop.flush()).resolves.toBeUndefined();
  await loop.flush();
  expect(failures).toEqual(["connection terminated"]);
  expect(calls).toBe(2);
});

test("stop waits for the sweep in progress", async () => {
  let finished = false;
  const loop = new SweepLoop(async () => {
    await new Promise((r) => setTimeout(r, 20));
    finished = true;
    return false;
  }, () => undefined);
  loop.start(5);
  await new Promise((r) => setTimeout(r, 10));
  await loop.stop();
  expect(finished).toBe(true);
});
