import { ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka } from 'kafkajs';
import { createKafkaClient } from '@donations/kafka';
import { uniqueSuffix } from './isolation';
import { newClusterId } from './kraft-cluster-id';
import { freePort } from './service-process';
import { waitFor } from './wait-for';

const run = promisify(execFile);
const kafkaScript = resolve(__dirname, '../../../deploy/kafka/kafka.sh');

/**
 * Every broker process still running and every temp dir not deleted yet: killed and deleted when
 * the test process exits, however it exits.
 */
const live = new Set<ChildProcess>();
const dirs = new Set<string>();

/** What the test process's exit runs: kills every broker process left, deletes their dirs. */
export function disposeEveryKafka(): void {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of dirs) {
    try {
      removeDir(dir);
    } catch {
      // Best effort: an exit handler must not throw.
    }
  }
}
process.once('exit', disposeEveryKafka);

export interface DisposableKafkaOptions {
  /** 1 (default): one broker+controller. 3: three combined nodes, RF 3, min.insync.replicas 2. */
  nodes?: 1 | 3;
  /** Maximum heap of each JVM (384m). */
  heap?: string;
  /** server.properties entries on top of the defaults (they win). */
  serverConfig?: Record<string, string | number>;
  /** How long start-up and each restart may take (120 s). */
  readyTimeoutMs?: number;
  /** The KRaft cluster id storage is formatted with (a new random one). */
  clusterId?: string;
  /**
   * A SASL_SSL listener on each node too (deploy/kafka/kafka.sh KAFKA_SASL_SSL_PORT), as managed
   * clusters expose; the PLAINTEXT one stays for the test's own clients and the nodes.
   */
  saslSsl?: SaslSslListener;
}

/** A SASL_SSL listener: the broker's PEM keystore, a CA for client certificates, the users. */
export interface SaslSslListener {
  readonly keystore: string;
  readonly truststore?: string;
  /** name -> password (letters, digits, . _ -), SCRAM-SHA-256/512 and PLAIN. */
  readonly users: Readonly<Record<string, string>>;
}

/**
 * A Kafka broker (or a 3-node KRaft cluster) of a test's own, on free loopback ports, under a
 * temp dir: pausing, killing or restarting it disturbs no other test. Node ids are 1..n.
 */
export interface DisposableKafka {
  /** host:port of every node, in node-id order (KAFKA_BROKERS for a service: `.join(',')`). */
  readonly brokers: string[];
  /** host:port of every node's SASL_SSL listener (empty without `saslSsl`). */
  readonly saslSslBrokers: string[];
  readonly nodeIds: number[];
  /** The temp dir holding every node's data and logs (`<dir>/node-<id>/logs/server.log`). */
  readonly dir: string;
  /** A kafkajs client of this cluster (createKafkaClient, the services' own settings). */
  kafka(clientId?: string): Kafka;
  /** SIGSTOP: the node (every node when omitted) freezes, its connections stay open. */
  pause(nodeId?: number): void;
  /** SIGCONT, the other half of pause(). */
  resume(nodeId?: number): void;
  /** A crash: SIGKILL, no shutdown; resolves once the process is gone. */
  kill(nodeId: number): Promise<void>;
  /**
   * Starts the node again on the same ports and data (SIGKILL first if it still runs); resolves
   * once it is registered with the cluster again and the cluster takes writes.
   */
  restart(nodeId: number): Promise<void>;
  /** Resolves once every partition of `topics` has all its replicas in sync (after a restart). */
  untilFullyReplicated(topics: string[], timeoutMs?: number): Promise<void>;
  /** The node id leading `topic`'s `partition` now (fresh metadata; waits while there is none). */
  leaderOf(topic: string, partition: number): Promise<number>;
  /** Kills every node and deletes the temp dir. */
  stop(): Promise<void>;
}

interface Node {
  id: number;
  port: number;
  controllerPort: number;
  saslSslPort?: number;
  stateDir: string;
  child?: ChildProcess;
  exited?: Promise<void>;
}

/** A few JVM threads and little heap: 2 cores and shared memory on a developer's machine. */
const SMALL_BROKER: Record<string, string | number> = {
  'num.network.threads': 2,
  'num.io.threads': 2,
  'num.replica.fetchers': 1,
  'background.threads': 2,
  'log.cleaner.threads': 1,
  'offsets.topic.num.partitions': 4,
};

const REPLICATED: Record<string, string | number> = {
  'default.replication.factor': 3,
  'min.insync.replicas': 2,
  'offsets.topic.replication.factor': 3,
  'transaction.state.log.replication.factor': 3,
  'transaction.state.log.min.isr': 2,
  // A killed follower leaves the ISR within seconds (KRaft fences it after the session timeout).
  'broker.heartbeat.interval.ms': 1_000,
  'broker.session.timeout.ms': 6_000,
  'replica.lag.time.max.ms': 10_000,
};

/**
 * Starts the broker(s) with deploy/kafka/kafka.sh `run` (the jars it fetches into the cache), and
 * waits until the cluster takes a write with acks=all.
 */
export async function startDisposableKafka(
  options: DisposableKafkaOptions = {},
): Promise<DisposableKafka> {
  const count = options.nodes ?? 1;
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  await run('bash', [kafkaScript, 'fetch'], { timeout: 600_000 });
  const dir = mkdtempSync(join(tmpdir(), 'disposable-kafka-'));
  dirs.add(dir);
  const nodes: Node[] = [];
  for (let id = 1; id <= count; id++) {
    nodes.push({
      id,
      port: await freePort(),
      controllerPort: await freePort(),
      saslSslPort: options.saslSsl ? await freePort() : undefined,
      stateDir: join(dir, `node-${id}`),
    });
  }
  const voters = nodes.map((node) => `${node.id}@127.0.0.1:${node.controllerPort}`).join(',');
  const clusterId = options.clusterId ?? newClusterId();
  const config = { ...SMALL_BROKER, ...(count > 1 ? REPLICATED : {}), ...options.serverConfig };
  const extraConfig = Object.entries(config)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  const brokers = nodes.map((node) => `127.0.0.1:${node.port}`);
  const kafka = (clientId = `disposable-${uniqueSuffix()}`) =>
    createKafkaClient({ brokers, clientId, retries: 2 });
  const byId = (nodeId: number): Node => {
    const node = nodes.find((candidate) => candidate.id === nodeId);
    if (!node) throw new Error(`no node ${nodeId} in this disposable Kafka (1..${count})`);
    return node;
  };

  const spawnNode = (node: Node): void => {
    const log = openSync(join(dir, `node-${node.id}.out`), 'a');
    const child = spawn('bash', [kafkaScript, 'run'], {
      env: {
        ...process.env,
        // One node per process, whatever the caller's shell says (`stack up --cluster`).
        KAFKA_NODES: '1',
        KAFKA_STATE_DIR: node.stateDir,
        KAFKA_PORT: String(node.port),
        KAFKA_CONTROLLER_PORT: String(node.controllerPort),
        KAFKA_NODE_ID: String(node.id),
        KAFKA_QUORUM_VOTERS: voters,
        KAFKA_CLUSTER_ID: clusterId,
        KAFKA_EXTRA_CONFIG: extraConfig,
        KAFKA_HEAP: options.heap ?? '384m',
        KAFKA_HEAP_MIN: '64m',
        KAFKA_JVM_OPTS: '-XX:+UseSerialGC -XX:TieredStopAtLevel=1',
        ...saslSslEnv(options.saslSsl, node.saslSslPort),
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    node.child = child;
    live.add(child);
    node.exited = new Promise((resolveExit) =>
      child.once('exit', () => {
        live.delete(child);
        resolveExit();
      }),
    );
  };

  const killNode = async (node: Node): Promise<void> => {
    if (!node.child || node.child.exitCode !== null || node.child.signalCode !== null) return;
    node.child.kill('SIGKILL');
    await node.exited;
  };

  const signal = (nodeId: number | undefined, name: NodeJS.Signals): void => {
    for (const node of nodeId === undefined ? nodes : [byId(nodeId)]) node.child?.kill(name);
  };

  const describe = (): string =>
    nodes
      .map((node) => {
        const out = join(dir, `node-${node.id}.out`);
        const logs = join(node.stateDir, 'logs');
        return [out, join(logs, 'format.log'), join(logs, 'server.log')]
          .map((file) => `--- node ${node.id}: ${file} ---\n${tailOf(file)}`)
          .join('\n');
      })
      .join('\n');

  const untilReady = async (nodeIds: number[]): Promise<void> => {
    const client = kafka();
    const admin = client.admin();
    const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 });
    const topic = `probe-${uniqueSuffix()}`;
    let waiting = true;
    // A node running now that exits while we wait fails the wait at once (its logs say why), not
    // at the timeout. Nodes a test has killed and left down are not waited for.
    const running = nodes.filter(
      (node) => node.child && node.child.exitCode === null && node.child.signalCode === null,
    );
    const exitedEarly = new Promise<never>((_, reject) => {
      for (const node of running) {
        void node.exited?.then(() => {
          if (waiting) reject(new Error(`node ${node.id} exited during start-up`));
        });
      }
    });
    exitedEarly.catch(() => undefined);
    try {
      const ready = waitFor(
        async () => {
          await admin.connect();
          const { brokers: registered } = await admin.describeCluster();
          if (!nodeIds.every((id) => registered.some((broker) => broker.nodeId === id))) {
            return false;
          }
          await admin.createTopics({
            topics: [{ topic, numPartitions: 1, replicationFactor: count }],
          });
          await producer.connect();
          await producer.send({ topic, acks: -1, messages: [{ value: 'probe' }] });
          return true;
        },
        {
          timeoutMs: readyTimeoutMs,
          intervalMs: 250,
          description: `disposable Kafka nodes ${nodeIds.join(',')} taking writes`,
        },
      );
      await Promise.race([ready, exitedEarly]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${reason}\n${describe()}`, { cause: error });
    } finally {
      waiting = false;
      await producer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  };

  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map(killNode));
    removeDir(dir);
  };

  nodes.forEach(spawnNode);
  try {
    await untilReady(nodes.map((node) => node.id));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    brokers,
    saslSslBrokers: nodes.flatMap((node) =>
      node.saslSslPort === undefined ? [] : [`127.0.0.1:${node.saslSslPort}`],
    ),
    nodeIds: nodes.map((node) => node.id),
    dir,
    kafka,
    pause: (nodeId) => signal(nodeId, 'SIGSTOP'),
    resume: (nodeId) => signal(nodeId, 'SIGCONT'),
    kill: (nodeId) => killNode(byId(nodeId)),
    restart: async (nodeId) => {
      const node = byId(nodeId);
      await killNode(node);
      spawnNode(node);
      await untilReady([nodeId]);
    },
    untilFullyReplicated: async (topics, timeoutMs = 120_000) => {
      const admin = kafka().admin();
      try {
        await admin.connect();
        await waitFor(
          async () => {
            const metadata = await admin.fetchTopicMetadata({ topics });
            return metadata.topics.every((topic) =>
              topic.partitions.every(
                (partition) => partition.isr.length === partition.replicas.length,
              ),
            );
          },
          {
            timeoutMs,
            intervalMs: 250,
            description: `every replica of ${topics.join(',')} in sync`,
          },
        );
      } finally {
        await admin.disconnect();
      }
    },
    leaderOf: async (topic, partition) => {
      const admin = kafka().admin();
      try {
        await admin.connect();
        // Right after a topic's creation or a node's death the metadata may not name one yet.
        return await waitFor(
          async () => {
            const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
            const found = metadata.topics[0]?.partitions.find(
              (candidate) => candidate.partitionId === partition,
            );
            return found && found.leader >= 0 ? found.leader : undefined;
          },
          { timeoutMs: 60_000, intervalMs: 250, description: `a leader of ${topic}[${partition}]` },
        );
      } finally {
        await admin.disconnect();
      }
    },
    stop,
  };
}

/** kafka.sh's settings of a SASL_SSL listener (none without one). */
function saslSslEnv(
  listener: SaslSslListener | undefined,
  port: number | undefined,
): Record<string, string> {
  if (!listener || port === undefined) return {};
  return {
    KAFKA_SASL_SSL_PORT: String(port),
    KAFKA_SSL_KEYSTORE: listener.keystore,
    ...(listener.truststore !== undefined && { KAFKA_SSL_TRUSTSTORE: listener.truststore }),
    KAFKA_SCRAM_USERS: Object.entries(listener.users)
      .map(([name, password]) => `${name}=${password}`)
      .join(','),
  };
}

function removeDir(dir: string): void {
  // A JVM killed a moment ago may still be closing its files: a few tries.
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  dirs.delete(dir);
}

function tailOf(file: string, lines = 8): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(none)';
  }
}
