import type { OwnRedisServer } from '../common/own-redis-server';

/** One command's share of the server's work, from INFO commandstats. */
export interface CommandStat {
  /** `evalsha`, `hincrby`, `set`, ... (commands a script runs count on their own too). */
  command: string;
  calls: number;
  /** Time spent in the command, µs (a script's includes the commands it runs). */
  usec: number;
}

/** INFO commandstats, busiest first: what Redis did for the service. */
export async function readCommandStats(server: OwnRedisServer): Promise<CommandStat[]> {
  const stats = await server.info('commandstats');
  return [...stats]
    .filter(([name]) => name.startsWith('cmdstat_'))
    .map(([name, value]) => {
      const fields = new Map(value.split(',').map((pair) => pair.split('=') as [string, string]));
      return {
        command: name.slice('cmdstat_'.length),
        calls: Number(fields.get('calls') ?? 0),
        usec: Number(fields.get('usec') ?? 0),
      };
    })
    .sort((a, b) => b.usec - a.usec);
}

/** INFO cpu used_cpu_sys + used_cpu_user: the server's CPU time so far, in seconds. */
export async function readRedisCpuSeconds(server: OwnRedisServer): Promise<number> {
  const cpu = await server.info('cpu');
  return Number(cpu.get('used_cpu_sys') ?? 'NaN') + Number(cpu.get('used_cpu_user') ?? 'NaN');
}
