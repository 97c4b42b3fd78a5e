import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { localPorts, postgresClientPort } from './postgres-backends';

/** Who burns the machine's CPU during a phase. */
/** `service` is the process under test (the adapter, the aggregator, a bare consumer). */
export const CPU_PARTIES = ['service', 'bench', 'kafka', 'postgres', 'others'] as const;

export type CpuParty = (typeof CPU_PARTIES)[number];

/** Cores each party kept busy over an interval (1.0 = one core the whole time). */
export type CpuShare = Record<CpuParty, number>;

type NamedParty = Exclude<CpuParty, 'others'>;

/** CPU time consumed so far, ms, per process and for the whole machine. */
export interface CpuSample {
  byPid: Map<number, { ms: number; party: NamedParty | undefined }>;
  machineMs: number;
  wallMs: number;
}

const msPerTick = 1000 / clockTicks();

/**
 * Linux only (/proc), as the project's machines are. Kafka is the `java` process running
 * kafka.Kafka; PostgreSQL is its background processes (WAL writer, checkpointer, ...) and the
 * backends serving the process under test (their client port is one of its sockets); `others`
 * is the rest of the machine, other clients' backends included (other people's tests on a
 * shared box).
 */
export function sampleCpu(servicePid: number): CpuSample {
  const byPid: CpuSample['byPid'] = new Map();
  const servicePorts = localPorts(servicePid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = readProc(`/proc/${pid}/stat`);
    if (stat === undefined) continue;
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // Fields after the parenthesised command; utime and stime are fields 14 and 15 of stat.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * msPerTick;
    byPid.set(pid, { ms, party: partyOf(pid, command, servicePid, servicePorts) });
  }
  return { byPid, machineMs: machineBusyTicks() * msPerTick, wallMs: performance.now() };
}

export function cpuShare(before: CpuSample, after: CpuSample): CpuShare {
  const wall = after.wallMs - before.wallMs;
  const share: CpuShare = { service: 0, bench: 0, kafka: 0, postgres: 0, others: 0 };
  for (const [pid, { ms, party }] of after.byPid) {
    if (party === undefined) continue;
    share[party] += (ms - (before.byPid.get(pid)?.ms ?? 0)) / wall;
  }
  const machine = (after.machineMs - before.machineMs) / wall;
  const named = share.service + share.bench + share.kafka + share.postgres;
  share.others = Math.max(0, machine - named);
  return share;
}

function partyOf(
  pid: number,
  command: string,
  servicePid: number,
  servicePorts: ReadonlySet<number>,
): NamedParty | undefined {
  if (pid === servicePid) return 'service';
  if (pid === process.pid) return 'bench';
  if (command.startsWith('postgres')) {
    const client = postgresClientPort(readProc(`/proc/${pid}/cmdline`) ?? '');
    return client === 'background' || servicePorts.has(client) ? 'postgres' : undefined;
  }
  if (command === 'java' && readProc(`/proc/${pid}/cmdline`)?.includes('kafka.Kafka')) {
    return 'kafka';
  }
  return undefined;
}

/** CPU time (user + system, ms) a process has used so far; undefined once it has exited. */
export function processCpuMs(pid: number): number | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * msPerTick;
}

/** CPU time (ms) the whole machine has been busy so far, all cores together. */
export const machineBusyMs = (): number => machineBusyTicks() * msPerTick;

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process has exited
  }
}

function machineBusyTicks(): number {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return user + nice + system + irq + softirq + steal;
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
