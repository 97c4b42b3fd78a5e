import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { makeUscc } from '@donations/contracts';
import {
  AdapterHarness,
  adapterTestEnv,
  buildServices,
  serviceEntry,
  ServiceProcess,
  TestSchema,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';
import { openSlowClients, SlowClient, SlowConnection } from './slow-client';

const SECRET = `whsec_${Buffer.from('shuidi-slowloris-secret-0123456789').toString('base64')}`;
const CHARITY = makeUscc('53100000500021676');

/** Each slow client sends one byte every 10 s: less than the header timeout between two bytes. */
const DRIP_MS = 10_000;
/** The adapter's settings for this test: bytes trickling in must not extend these deadlines. */
const HEADERS_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 20_000;
const KEEP_ALIVE_TIMEOUT_MS = 2_000;
/** Node checks the deadlines once a second; the rest is scheduling on a busy machine. */
const CLOSE_SLACK_MS = 1_000 + 2_000;
const SLOW_HEADER_CLIENTS = 500;
const SLOW_BODY_CLIENTS = 20;
/** A valid webhook every 100 ms throughout; each must be answered 204 within this. */
const WEBHOOK_EVERY_MS = 100;
const MAX_WEBHOOK_LATENCY_MS = 3_000;
/** The adapter holding 520 slow connections stays under this resident set. */
const MAX_ADAPTER_RSS_MIB = 400;

interface Answer {
  status: number;
  latencyMs: number;
}

describe('adapter-shuidi under slow clients (slowloris), built service on real Kafka', () => {
  let adapter: ServiceProcess;
  let schema: TestSchema;

  beforeAll(async () => {
    await buildServices();
    const prepared = await AdapterHarness.prepare();
    schema = prepared.schema;
    adapter = await ServiceProcess.start({
      entry: serviceEntry('adapter-shuidi'),
      logFile: join(tmpdir(), `slowloris-shuidi-${uniqueSuffix()}.log`),
      env: {
        PATH: process.env.PATH,
        ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
        LOG_LEVEL: 'warn',
        SHUIDI_WEBHOOK_SECRETS: SECRET,
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
      },
    });
  }, 240_000);

  afterAll(async () => {
    await adapter?.stop();
    await schema?.drop();
  });

  async function sendWebhook(): Promise<Answer> {
    const at = new Date();
    const id = `msg_${uniqueSuffix()}`;
    const body = Buffer.from(
      JSON.stringify({
        type: 'donation.paid',
        data: {
          orderNo: `sd-slow-${uniqueSuffix()}`,
          projectId: 'proj-slow',
          amountFen: 100,
          occurredAt: at.toISOString(),
          donor: { userId: 'user-slow' },
          campaign: { campaignId: 'campaign-slow', charityId: CHARITY },
        },
      }),
    );
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${adapter.port}/webhooks/shuidi`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(SECRET).sign(id, at, body),
      },
    });
    await response.arrayBuffer();
    return { status: response.status, latencyMs: performance.now() - started };
  }

  /** Sends a webhook every WEBHOOK_EVERY_MS until stop() resolves with every answer. */
  function steadyWebhooks(): { stop(): Promise<Answer[]> } {
    const sent: Promise<Answer>[] = [];
    const timer = setInterval(() => {
      sent.push(sendWebhook().catch(() => ({ status: 0, latencyMs: Infinity })));
    }, WEBHOOK_EVERY_MS);
    return {
      stop: () => {
        clearInterval(timer);
        return Promise.all(sent);
      },
    };
  }

  const lifetimeMs = (c: SlowConnection) => (c.closedAtMs ?? performance.now()) - c.openedAtMs;

  /** How the slow connections ended: how many, still open, and the range of their lifetimes. */
  function outcome(clients: SlowClient[], timeoutMs: number) {
    const lifetimes = clients.map((client) => lifetimeMs(client.connection));
    return {
      timeoutMs,
      connections: clients.length,
      stillOpen: clients.filter((client) => !client.closed).length,
      notAnswered408: clients.filter(
        (client) => !client.connection.answer.startsWith('HTTP/1.1 408 '),
      ).length,
      shortestLifetimeMs: Math.round(Math.min(...lifetimes)),
      longestLifetimeMs: Math.round(Math.max(...lifetimes)),
    };
  }

  it('keeps serving webhooks while 520 connections trickle a byte every 10 s, and closes them at the header or request timeout', async () => {
    const port = adapter.port;
    const webhooks = steadyWebhooks();
    const slowHeaders = await openSlowClients(SLOW_HEADER_CLIENTS, () =>
      SlowClient.open(
        port,
        { first: 'P', rest: 'OST /webhooks/shuidi HTTP/1.1\r\nHost: 127.0.0.1\r\n' },
        DRIP_MS,
      ),
    );
    const slowBodies = await openSlowClients(SLOW_BODY_CLIENTS, () =>
      SlowClient.open(
        port,
        {
          first:
            'POST /webhooks/shuidi HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
            'Content-Type: application/json\r\nContent-Length: 1024\r\n\r\n{',
          rest: '"type":"donation.paid"'.padEnd(1023, ' '),
        },
        DRIP_MS,
      ),
    );
    const all = [...slowHeaders, ...slowBodies];
    try {
      await waitFor(() => all.every((client) => client.closed), {
        timeoutMs: REQUEST_TIMEOUT_MS + CLOSE_SLACK_MS + 2_000,
        intervalMs: 250,
        description: 'every slow connection closed by the adapter',
      }).catch(() => undefined);
      const answers = await webhooks.stop();

      const figures = {
        slowHeaders: outcome(slowHeaders, HEADERS_TIMEOUT_MS),
        slowBodies: outcome(slowBodies, REQUEST_TIMEOUT_MS),
        webhooks: webhookSummary(answers),
        adapterRssMiB: Math.round(residentMiB(adapter.pid)),
      };
      // Every figure in the message of a failure: what was held, what was served, how fast.
      expect({ figures, problems: problemsOf(figures) }).toEqual({ figures, problems: [] });
      const [head, body] = slowHeaders[0].connection.answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 408 /);
      expect(JSON.parse(body)).toEqual({
        code: 'HTTP.REQUEST_TIMEOUT',
        message: expect.any(String) as string,
      });
    } finally {
      all.forEach((client) => client.stop());
      await webhooks.stop();
    }
  }, 90_000);

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const idle = await SlowClient.open(
      adapter.port,
      { first: 'GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', rest: '' },
      DRIP_MS,
    );
    try {
      await waitFor(() => idle.closed, {
        timeoutMs: KEEP_ALIVE_TIMEOUT_MS + CLOSE_SLACK_MS + 2_000,
        description: 'the idle keep-alive connection closed',
      }).catch(() => undefined);
      expect(idle.connection.answer).toMatch(/^HTTP\/1\.1 200 /);
      expect({ closed: idle.closed }).toEqual({ closed: true });
      expect(lifetimeMs(idle.connection)).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS + CLOSE_SLACK_MS);
    } finally {
      idle.stop();
    }
  });
});

type Outcome = {
  timeoutMs: number;
  connections: number;
  stillOpen: number;
  notAnswered408: number;
} & Record<'shortestLifetimeMs' | 'longestLifetimeMs', number>;

interface Figures {
  slowHeaders: Outcome;
  slowBodies: Outcome;
  webhooks: ReturnType<typeof webhookSummary>;
  adapterRssMiB: number;
}

/** The stated bounds, each broken one as a sentence. */
function problemsOf(figures: Figures): string[] {
  const problems: string[] = [];
  for (const [name, slow] of [
    ['slow-header', figures.slowHeaders],
    ['slow-body', figures.slowBodies],
  ] as const) {
    if (slow.stillOpen > 0 || slow.longestLifetimeMs > slow.timeoutMs + CLOSE_SLACK_MS) {
      problems.push(
        `${slow.stillOpen} of ${slow.connections} ${name} connections still open, the longest ` +
          `${slow.longestLifetimeMs} ms (timeout ${slow.timeoutMs} ms + ${CLOSE_SLACK_MS} ms slack)`,
      );
    }
    if (slow.notAnswered408 > 0) {
      problems.push(`${slow.notAnswered408} ${name} connections ended without a 408 answer`);
    }
    if (slow.shortestLifetimeMs < slow.timeoutMs - 1_000) {
      problems.push(
        `a ${name} connection closed after ${slow.shortestLifetimeMs} ms, before its timeout`,
      );
    }
  }
  const { webhooks } = figures;
  if (webhooks.notAnswered204 > 0 || webhooks.slowerThanBound > 0 || webhooks.sent < 100) {
    problems.push(
      `webhooks: ${webhooks.notAnswered204} of ${webhooks.sent} not answered 204, ` +
        `${webhooks.slowerThanBound} slower than ${MAX_WEBHOOK_LATENCY_MS} ms (max ${webhooks.maxLatencyMs} ms)`,
    );
  }
  if (figures.adapterRssMiB > MAX_ADAPTER_RSS_MIB) {
    problems.push(`adapter RSS ${figures.adapterRssMiB} MiB > ${MAX_ADAPTER_RSS_MIB} MiB`);
  }
  return problems;
}

function webhookSummary(answers: Answer[]) {
  return {
    sent: answers.length,
    notAnswered204: answers.filter((answer) => answer.status !== 204).length,
    slowerThanBound: answers.filter((answer) => answer.latencyMs > MAX_WEBHOOK_LATENCY_MS).length,
    maxLatencyMs: Math.round(Math.max(...answers.map((answer) => answer.latencyMs))),
  };
}

function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}
