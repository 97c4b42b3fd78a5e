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
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: readonly string[];
  /**
   * `http` (default): the process gets HTTP_PORT/HTTP_HOST and is ready when /health/ready
   * answers 200. `started`: ready once spawned; it reports through the IPC channel instead.
   */
  readiness?: 'http' | 'started';
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
  private static readonly started = new Set<ServiceProcess>();
  private exit?: Exit;
  private readonly exited: Promise<Exit>;
  private readonly messages: unknown[] = [];
  private readonly waiters: ((message: unknown) => void)[] = [];
  /** When the process was spawned: performance.now() of the parent, and epoch ms. */
  readonly startedAt = { monotonicMs: performance.now(), epochMs: Date.now() };

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly logFile: string,
  ) {
    ServiceProcess.started.add(this);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        ServiceProcess.started.delete(this);
        resolve(this.exit);
      }),
    );
    child.on('message', (message) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter(message);
      else this.messages.push(message);
    });
  }

  static async start(options: ServiceProcessOptions): Promise<ServiceProcess> {
    const http = (options.readiness ?? 'http') === 'http';
    const port = http ? await freePort() : 0;
    const log = openSync(options.logFile, 'w');
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), options.entry], {
      env: http ? { ...options.env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1' } : options.env,
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    const service = new ServiceProcess(child, port, options.logFile);
    if (!http) return service;
    try {
      await service.waitUntilReady(options.readyTimeoutMs ?? 60_000);
    } catch (error) {
      await service.kill();
      throw error;
    }
    return service;
  }

  /** Stops every process started and still running (an interrupted run leaves none behind). */
  static async stopAll(): Promise<void> {
    await Promise.all([...ServiceProcess.started].map((service) => service.stop()));
  }

  /** The next message the process sends over IPC (process.send); fails if it exits first. */
  nextMessage<T>(): Promise<T> {
    const queued = this.messages.shift();
    if (queued !== undefined) return Promise.resolve(queued as T);
    return new Promise<T>((resolve, reject) => {
      this.waiters.push((message) => resolve(message as T));
      void this.exited.then(({ code }) =>
        reject(new Error(`process exited (${code}) without reporting:\n${this.logTail()}`)),
      );
    });
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
