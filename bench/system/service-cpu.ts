import { readdirSync, readFileSync } from 'node:fs';
import { machineBusyMs, processCpuMs } from '../common/cpu-usage';
import { localPorts, postgresClientPort } from '../common/postgres-backends';

/** CPU time so far (ms) per process, with its party: a service by name, kafka, postgres, redis, bench. */
export interface PartyCpuSample {
  byPid: Map<number, { party: string; ms: number }>;
  machineMs: number;
  wallMs: number;
}

/** Cores each party kept busy over an interval (1.0 = one core throughout); `others` the rest. */
export type PartyCores = Record<string, number>;

const SHARED_PARTIES = ['kafka', 'postgres', 'redis', 'bench'] as const;

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The processes of the shared stack the system uses. */
export interface StackPids {
  kafka: number[];
  redis: number[];
}

/** Processes named `command` that listen on `port` (another broker or Redis on the box is not ours). */
function listenersOf(command: RegExp, port: number): number[] {
  return procPids().filter((pid) => {
    const stat = readProc(`/proc/${pid}/stat`);
    const name = stat?.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return name !== undefined && command.test(name) && localPorts(pid).has(port);
  });
}

/** The broker on `kafkaPort` (the `java` process) and the redis-server on `redisPort`. */
export function stackPids(kafkaPort: number, redisPort: number): StackPids {
  return {
    kafka: listenersOf(/^java$/, kafkaPort),
    redis: listenersOf(/^redis-server/, redisPort),
  };
}

function procPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/**
 * Linux /proc: each service process by its pid; Kafka and Redis the shared stack's processes
 * (Redis is shared with other people's tests); PostgreSQL its background processes and the
 * backends serving the services (their client port is one of a service's sockets); the bench its
 * own process. `others` is the rest of the machine.
 */
export function sampleParties(
  services: ReadonlyMap<string, number>,
  stack: StackPids,
): PartyCpuSample {
  const byPid: PartyCpuSample['byPid'] = new Map();
  const add = (party: string, pid: number) => {
    const ms = processCpuMs(pid);
    if (ms !== undefined) byPid.set(pid, { party, ms });
  };
  const servicePorts = new Set<number>();
  for (const [name, pid] of services) {
    add(name, pid);
    for (const port of localPorts(pid)) servicePorts.add(port);
  }
  for (const pid of stack.kafka) add('kafka', pid);
  for (const pid of stack.redis) add('redis', pid);
  add('bench', process.pid);
  for (const pid of procPids()) {
    const stat = readProc(`/proc/${pid}/stat`);
    if (stat === undefined) continue;
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (!command.startsWith('postgres')) continue;
    const client = postgresClientPort(readProc(`/proc/${pid}/cmdline`) ?? '');
    if (client === 'background' || servicePorts.has(client)) add('postgres', pid);
  }
  return { byPid, machineMs: machineBusyMs(), wallMs: performance.now() };
}

/** The parties in print order: the services, then the shared ones, then `others`. */
export function partiesOf(services: ReadonlyMap<string, number>): string[] {
  return [...services.keys(), ...SHARED_PARTIES, 'others'];
}

/**
 * Per process, the CPU used between the samples (a process new since the first counts whole);
 * a PostgreSQL backend counts when it served a service at either sample.
 */
export function partyCores(before: PartyCpuSample, after: PartyCpuSample): PartyCores {
  const wall = after.wallMs - before.wallMs;
  const cores: PartyCores = { postgres: 0 };
  let named = 0;
  for (const [pid, { party, ms }] of after.byPid) {
    const used = Math.max(0, ms - (before.byPid.get(pid)?.ms ?? 0)) / wall;
    cores[party] = (cores[party] ?? 0) + used;
    named += used;
  }
  for (const [pid, { party, ms }] of before.byPid) {
    // A backend that served a service at the first sample only (if it has exited, it is lost).
    if (party !== 'postgres' || after.byPid.has(pid)) continue;
    const used = Math.max(0, (processCpuMs(pid) ?? ms) - ms) / wall;
    cores.postgres += used;
    named += used;
  }
  cores.others = Math.max(0, (after.machineMs - before.machineMs) / wall - named);
  cores.machine = (after.machineMs - before.machineMs) / wall;
  return cores;
}
