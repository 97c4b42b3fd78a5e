import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { waitFor } from './wait-for';

export interface ServiceProcessOptions {
  /** The compiled entry, e.g. dist/services/aggregator/src/main.js. */
  entry: string;
  /** The service's whole environment; HTTP_PORT and HTTP_HOST are set here. */
  env: Record<string, string | undefined>;
  /** stdout and stderr of the process go to this file (truncated at start). */
  logFile: string;
  readyTimeoutMs?: number;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A service as a real child process of the pinned node, on a free loopback port, ready when
 * GET /health/ready answers 200. `kill()` is a crash (SIGKILL); `stop()` a graceful shutdown.
 */
export class ServiceProcess {
  private exit?: Exit;
  private readonly exited: Promise<Exit>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      }),
    );
  }

  static async start(options: ServiceProcessOptions): Promise<ServiceProcess> {
    const port = await freePort();
    const log = openSync(options.logFile, 'w');
    const child = spawn(process.execPath, [options.entry], {
      env: { ...options.env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1' },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const service = new ServiceProcess(child, port, options.logFile);
    try {
      await service.waitUntilReady(options.readyTimeoutMs ?? 60_000);
    } catch (error) {
      await service.kill();
      throw error;
    }
    return service;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the service process has no pid');
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** A crash: SIGKILL, no shutdown hook runs; resolves once the process is gone. */
  async kill(): Promise<Exit> {
    if (this.exit) return this.exit;
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** A graceful stop: SIGTERM (shutdown hooks run), SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<Exit> {
    if (this.exit) return this.exit;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The last lines the process wrote, for error messages. */
  logTail(lines = 30): string {
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const ready = await waitFor(
      async () => {
        if (this.exit) return 'exited';
        const response = await fetch(`http://127.0.0.1:${this.port}/health/ready`);
        await response.body?.cancel();
        return response.status === 200 && 'ready';
      },
      { timeoutMs, intervalMs: 100, description: `${this.logFile} ready` },
    ).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${reason}\n--- log tail ---\n${this.logTail()}`);
    });
    if (ready === 'exited') {
      const { code, signal } = this.exit ?? { code: null, signal: null };
      throw new Error(
        `service exited (code ${code}, signal ${signal}) before it was ready\n` +
          `--- log tail ---\n${this.logTail()}`,
      );
    }
  }
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
