import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createClient } from 'redis';
import { freePort, PlainRedis, waitFor } from '@donations/testing';

/**
 * A redis-server of the bench's own on a free loopback port, nothing on disk (no RDB, no AOF),
 * so that its INFO memory and key count are the service's alone: the shared Redis and other
 * people's tests stay out of the figures, and the bench never touches the shared one.
 */
export class OwnRedisServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly logFile: string,
    /** A client without key prefix, for the bench's own readings. */
    readonly client: PlainRedis,
  ) {}

  static async start(logFile: string, command = 'redis-server'): Promise<OwnRedisServer> {
    const port = await freePort();
    const log = openSync(logFile, 'w');
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    const child = spawn(command, [...args, '--daemonize', 'no'], {
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    let failure: string | undefined;
    child.once('error', (error) => (failure ??= error.message)); // e.g. ENOENT
    child.once('exit', (code, signal) => (failure ??= `exited (code ${code}, signal ${signal})`));
    const client: PlainRedis = createClient({
      socket: { host: '127.0.0.1', port, reconnectStrategy: 50 },
      disableOfflineQueue: true,
    });
    client.on('error', () => undefined); // reconnects; a real failure shows in the commands
    client.connect().catch(() => undefined);
    const server = new OwnRedisServer(child, port, logFile, client);
    try {
      const state = await waitFor(
        async () => failure ?? ((await client.ping().catch(() => '')) === 'PONG' && 'ready'),
        { timeoutMs: 10_000, intervalMs: 50, description: `${command} on port ${port}` },
      );
      if (state !== 'ready') throw new Error(`${command}: ${state}\n${server.logTail()}`);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the redis-server process has no pid');
    return this.child.pid;
  }

  /** INFO <section> as name -> value. */
  async info(section: string): Promise<Map<string, string>> {
    const text = await this.client.info(section);
    return new Map(
      text
        .split('\r\n')
        .filter((line) => line.includes(':') && !line.startsWith('#'))
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]),
    );
  }

  /** Disconnects and kills the server (its data is thrown away with it). */
  async stop(): Promise<void> {
    if (this.client.isOpen) this.client.destroy();
    if (this.child.pid === undefined) return; // never started
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  private logTail(): string {
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-20).join('\n');
  }
}
