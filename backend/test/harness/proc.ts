import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";

// What a test reads about a live process from Linux's /proc: memory, and the sockets it listens on.

const MiB = (kb: number) => Math.round((kb / 1024) * 10) / 10;

function statusField(pid: number, field: string): number {
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`No ${field} for process ${pid}`);
  return kb;
}

/** Resident memory now and its peak since start (or since `resetPeakMemory`), in MiB. */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  return { rssMiB: MiB(statusField(pid, "VmRSS")), peakMiB: MiB(statusField(pid, "VmHWM")) };
}

/** Starts the peak (VmHWM) over from the current resident size (clear_refs 5, Linux 4.0+). */
export function resetPeakMemory(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

/** Inodes of the sockets among a process's open files. */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** TCP ports (IPv4 and IPv6) the process listens on, with the address each is bound to. */
export function listeningTcpPorts(pid: number): { address: string; port: number }[] {
  const inodes = socketInodes(pid);
  const found: { address: string; port: number }[] = [];
  for (const [file, v6] of [["tcp", false], ["tcp6", true]] as const) {
    let table: string;
    try {
      table = readFileSync(`/proc/${pid}/net/${file}`, "utf8");
    } catch {
      continue;
    }
    for (const line of table.trim().split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [, local, , state, , , , , , inode] = cols;
      // 0A is LISTEN.
      if (state !== "0A" || !inode || !inodes.has(inode)) continue;
      const [hex, portHex] = local!.split(":");
      found.push({ address: v6 ? `[${hex}]` : ipv4(hex!), port: parseInt(portHex!, 16) });
    }
  }
  return found;
}

const ipv4 = (hex: string) => [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join(".");

/** Paths of the Unix sockets the process listens on (abstract sockets start with @). */
export function listeningUnixSockets(pid: number): string[] {
  const inodes = socketInodes(pid);
  const paths: string[] = [];
  for (const line of readFileSync(`/proc/${pid}/net/unix`, "utf8").trim().split("\n").slice(1)) {
    const cols = line.trim().split(/\s+/);
    // Flags 00010000 is __SO_ACCEPTCON: a listening socket.
    if (cols[3] === "00010000" && inodes.has(cols[6]!) && cols[7]) paths.push(cols[7]);
  }
  return paths;
}
