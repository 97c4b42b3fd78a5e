import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { freePort } from './service-process';
import { waitFor } from './wait-for';

/**
 * A redis-server of its own on a free loopback port, for the "Redis down" tests: killing it
 * disturbs no other test. Its data survives kill() and start() (append-only file, fsync on every
 * write), as a production Redis with AOF would; `url` stays valid across them.
 */
export class DisposableRedis {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<DisposableRedis> {
    const server = new DisposableRedis(
      await freePort(),
      mkdtempSync(join(tmpdir(), 'disposable-redis-')),
    );
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again) and waits until it answers PING. */
  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir];
    const durable = ['--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
    this.child = spawn('redis-server', [...args, ...durable], { stdio: 'ignore' });
    const child = this.child;
    let failure: string | undefined;
    child.once('error', (error) => (failure ??= error.message));
    child.once('exit', (code, signal) => (failure ??= `exited (code ${code}, signal ${signal})`));
    await waitFor(
      async () => {
        if (failure) throw new Error(`redis-server on ${this.port}: ${failure}`);
        // One attempt, no reconnects: not listening yet is a plain "not yet".
        const client = createClient({ url: this.url, socket: { reconnectStrategy: false } });
        client.on('error', () => undefined);
        try {
          await client.connect();
          return (await client.ping()) === 'PONG';
        } catch {
          return false;
        } finally {
          if (client.isOpen) client.destroy();
        }
      },
      { timeoutMs: 10_000, intervalMs: 50, description: `redis-server on port ${this.port}` },
    );
  }

  /** SIGKILL: the server is gone at once, its connections cut. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Kills the server and deletes its data. */
  async drop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
