import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface ServiceProcessOptions {
  /** The compiled entry (dist/bench/ingest/bench-app.main.js, dist/services/...). */
  entry: string;
  env: Record<string, string | undefined>;
  logFile: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: readonly string[];
  /**
   * `http` (default): the process gets HTTP_PORT/HTTP_HOST and is ready when /health/ready
   * answers 200. `started`: ready once spawned; it reports through the IPC channel instead.
   */
  readiness?: 'http' | 'started';
}

/** A service (or a bench helper) in its own Node process, its output in a log file. */
export class ServiceProcess {
  private static readonly running = new Set<ServiceProcess>();
  private readonly exited: Promise<number | null>;
  private readonly messages: unknown[] = [];
  private readonly waiters: ((message: unknown) => void)[] = [];
  /** When the process was spawned: performance.now() of the bench, and epoch ms. */
  readonly startedAt = { monotonicMs: performance.now(), epochMs: Date.now() };

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    ServiceProcess.running.add(this);
    void this.exited.then(() => ServiceProcess.running.delete(this));
    child.on('message', (message) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter(message);
      else this.messages.push(message);
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('service process has no pid');
    return this.child.pid;
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
    if (http) await service.waitUntilReady();
    return service;
  }

  /** The next message the process sends over IPC (process.send); fails if it exits first. */
  nextMessage<T>(): Promise<T> {
    const queued = this.messages.shift();
    if (queued !== undefined) return Promise.resolve(queued as T);
    return new Promise<T>((resolve, reject) => {
      this.waiters.push((message) => resolve(message as T));
      void this.exited.then((code) =>
        reject(new Error(`process exited (${code}) without reporting:\n${this.logTail()}`)),
      );
    });
  }

  /** True while the process runs. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Stops every process started and still running (a bench interrupted leaves none behind). */
  static async stopAll(): Promise<void> {
    await Promise.all([...ServiceProcess.running].map((service) => service.stop()));
  }

  /** SIGTERM (Nest's shutdown hooks close Kafka and PostgreSQL), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  logTail(lines = 20): string {
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }

  private async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`process exited before it was ready:\n${this.logTail()}`);
      }
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/health/ready`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await this.stop();
    throw new Error(`process not ready within ${timeoutMs} ms:\n${this.logTail()}`);
  }
}

function freePort(): Promise<number> {
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
