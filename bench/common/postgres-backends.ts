import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The local TCP ports of a process's sockets (Linux /proc): its ends of the connections it
 * holds, e.g. to PostgreSQL.
 */
export function localPorts(pid: number): Set<number> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const target = safe(() => readlinkSync(`/proc/${pid}/fd/${fd}`));
      const inode = target && /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    }
  } catch {
    return new Set(); // the process has exited
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (safe(() => readFileSync(table, 'utf8')) ?? '').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is `ADDR:PORT` in hex; the inode is the 10th field.
      if (fields.length > 9 && inodes.has(fields[9])) {
        ports.add(parseInt(fields[1].split(':')[1], 16));
      }
    }
  }
  return ports;
}

/**
 * What a `postgres` process works for: a backend names its client in its title
 * (`postgres: 15/main: user db 127.0.0.1(54321) idle`); the background processes (WAL writer,
 * checkpointer, autovacuum) name none and work for everyone.
 */
export function postgresClientPort(cmdline: string): number | 'background' {
  const port = /\((\d+)\)/.exec(cmdline)?.[1];
  return port === undefined ? 'background' : Number(port);
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
