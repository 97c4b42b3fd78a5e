import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { migrate } from '@donations/database';
import { uniqueSuffix } from './isolation';
import { freePort } from './service-process';
import { waitFor } from './wait-for';

const run = promisify(execFile);
const CLUSTERS_DIR = '/etc/postgresql';
/** Durability buys nothing in a server that is thrown away; speed does. */
const FAST_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

/**
 * A PostgreSQL server of its own, for the "PostgreSQL down" tests: stopping it disturbs no other
 * test. `url` stays valid across stop() and start() (same host and port).
 */
export interface DisposablePostgres {
  /** Connection string to its `postgres` database. */
  readonly url: string;
  /** Stops the server (fast shutdown: open connections are cut). */
  stop(): Promise<void>;
  /** Starts it again and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops the server and deletes it with its data. */
  drop(): Promise<void>;
  /** A fresh schema on this server with every migration applied. */
  migratedSchema(): Promise<string>;
}

interface ServerControl {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  drop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL server. KAFKA_CONTROL (set by the integration globalSetup) says
 * where the stack runs: `docker:<id>` means a Docker engine, so a testcontainers PostgreSQL;
 * `local` means the machine's PostgreSQL installation (Debian postgresql-common), so a new
 * cluster on a free port. Anything else fails: these tests never skip.
 */
export async function startDisposablePostgres(): Promise<DisposablePostgres> {
  const control = process.env.KAFKA_CONTROL;
  let server: ServerControl;
  if (control === 'local') server = await startLocalCluster();
  else if (control?.startsWith('docker:')) server = await startContainer();
  else {
    throw new Error(
      `KAFKA_CONTROL=${control ?? ''}: cannot start a disposable PostgreSQL (expected local or docker:<id>)`,
    );
  }
  try {
    await waitUntilAccepting(server.url);
  } catch (error) {
    await server.drop().catch(() => undefined);
    throw error;
  }
  return {
    ...server,
    start: async () => {
      await server.start();
      await waitUntilAccepting(server.url);
    },
    migratedSchema: async () => {
      const schema = `t_${uniqueSuffix()}`;
      await migrate({ url: server.url, schema });
      return schema;
    },
  };
}

async function startLocalCluster(): Promise<ServerControl> {
  const version = clusterVersion();
  const name = `disposable_${uniqueSuffix()}`;
  const port = await freePort();
  const settings = FAST_SETTINGS.flatMap((setting) => ['-o', setting]);
  // Listens on localhost (the default); trust: a throwaway server only this test connects to.
  await run(
    'pg_createcluster',
    [version, name, '--port', String(port), ...settings, '--', '--auth=trust', '--no-sync'],
    { timeout: 60_000 },
  );
  const ctl = (action: string, ...args: string[]) =>
    run('pg_ctlcluster', [version, name, action, ...args], { timeout: 60_000 });
  try {
    await ctl('start');
  } catch (error) {
    await run('pg_dropcluster', ['--stop', version, name]).catch(() => undefined);
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => void (await ctl('stop', '-m', 'fast')),
    start: async () => void (await ctl('start')),
    drop: async () => void (await run('pg_dropcluster', ['--stop', version, name])),
  };
}

/** The installed major version (the highest, should there be several). */
function clusterVersion(): string {
  let versions: string[];
  try {
    versions = readdirSync(CLUSTERS_DIR).filter((entry) => /^\d+$/.test(entry));
  } catch {
    versions = [];
  }
  const version = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (!version) {
    throw new Error(`no PostgreSQL installation in ${CLUSTERS_DIR}: cannot create a cluster`);
  }
  return version;
}

async function startContainer(): Promise<ServerControl> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  // A fixed host port: `docker start` would otherwise map a new one.
  const port = await freePort();
  const container = await new PostgreSqlContainer('postgres:16-alpine')
    .withExposedPorts({ container: 5432, host: port })
    .withCommand(['postgres', ...FAST_SETTINGS.flatMap((setting) => ['-c', setting])])
    .start();
  const docker = (...args: string[]) => run('docker', args, { timeout: 60_000 });
  return {
    url: container.getConnectionUri(),
    stop: async () => void (await docker('stop', '--time', '5', container.getId())),
    start: async () => void (await docker('start', container.getId())),
    drop: async () => void (await container.stop()),
  };
}

async function waitUntilAccepting(url: string): Promise<void> {
  await waitFor(
    async () => {
      const client = new Client({ connectionString: url });
      // A connection cut while connecting must not become an unhandled 'error' event.
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    { timeoutMs: 60_000, intervalMs: 100, description: `PostgreSQL accepting connections` },
  );
}
