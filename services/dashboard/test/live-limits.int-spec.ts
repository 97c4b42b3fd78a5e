import { TOPICS } from '@donations/contracts';
import { waitFor } from '@donations/testing';
import type { DashboardSnapshot } from '../src/state/dashboard.state';
import { aCampaignTotals, currencyTotals } from './feed.builders';
import { DashboardFixture, Gateway } from './dashboard.fixture';
import type { SseClient } from './sse-client';

const MAX_CLIENTS = 3;
/** Short HTTP deadlines: a live stream must outlive every one of them. */
const REQUEST_TIMEOUT_MS = 1_000;

const netOf = (snapshot: DashboardSnapshot) =>
  snapshot.totals.find((t) => t.currency === 'CNY')?.netMinor;

describe('dashboard live streams: a cap on clients, and no HTTP timeout on an open stream', () => {
  let fixture: DashboardFixture;
  let gateway: Gateway;
  const open: SseClient<DashboardSnapshot>[] = [];

  beforeAll(async () => {
    fixture = await DashboardFixture.create();
    gateway = await fixture.startGateway({
      DASHBOARD_MAX_SSE_CLIENTS: String(MAX_CLIENTS),
      HTTP_HEADERS_TIMEOUT_MS: '500',
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '500',
    });
    await gateway.caughtUp();
  });

  /** The gateway's own count of open streams (dashboard_live_clients on /metrics). */
  async function liveClients(): Promise<number> {
    const metrics = await (await gateway.get('/metrics')).text();
    return Number(/^dashboard_live_clients(?:\{[^}]*\})? (\d+)$/m.exec(metrics)?.[1] ?? NaN);
  }

  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
    await waitFor(async () => (await liveClients()) === 0, {
      description: 'every slot given back',
    });
  });

  afterAll(() => fixture.close());

  async function connect(): Promise<SseClient<DashboardSnapshot>> {
    const client = await gateway.events();
    open.push(client);
    await client.waitForEvent('the snapshot', (event) => event.type === 'snapshot');
    return client;
  }

  /** A stream is refused or served: its status, and the JSON body of a refusal. */
  async function tryConnect(): Promise<{ status: number; body?: unknown }> {
    const abort = new AbortController();
    const response = await fetch(`${gateway.url}/events`, {
      headers: { accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (response.status === 200) {
      abort.abort();
      return { status: 200 };
    }
    return { status: response.status, body: await response.json() };
  }

  it('answers 503 {code, message} beyond DASHBOARD_MAX_SSE_CLIENTS and reuses the slots released', async () => {
    const clients = [];
    for (let i = 0; i < MAX_CLIENTS; i += 1) clients.push(await connect());

    const refused = await tryConnect();
    expect(refused).toEqual({
      status: 503,
      body: { code: 'DASHBOARD.TOO_MANY_CLIENTS', message: expect.any(String) as string },
    });
    expect((await gateway.get('/api/snapshot')).status).toBe(200);

    // Each stream that ends gives its slot back, every time.
    for (const leaving of clients) {
      await leaving.close();
      open.splice(open.indexOf(leaving), 1);
      const next = await waitFor(
        async () => {
          const client = await gateway.events().catch(() => undefined);
          if (client) open.push(client);
          return client;
        },
        { description: 'a stream accepted in the slot released', intervalMs: 100 },
      );
      await next.waitForEvent('the snapshot', (event) => event.type === 'snapshot');
      expect((await tryConnect()).status).toBe(503);
    }
  });

  it('keeps a stream open and updating past the request and keep-alive timeouts', async () => {
    const client = await connect();
    const openedAt = Date.now();
    // Time itself is under test here: three request timeouts pass on an open stream.
    await waitFor(() => Date.now() - openedAt >= 3 * REQUEST_TIMEOUT_MS, { intervalMs: 100 });
    await fixture.producer.send(TOPICS.campaignTotals, [
      {
        key: 'campaign-late',
        value: aCampaignTotals('campaign-late', 1, {
          CNY: currencyTotals({ raisedMinor: 4_200, donationCount: 1 }),
        }),
      },
    ]);
    const update = await client.waitForEvent(
      'the update after the timeouts',
      (event) => event.type === 'update' && netOf(event.data) === 4_200,
    );
    expect(update.at - openedAt).toBeGreaterThanOrEqual(3 * REQUEST_TIMEOUT_MS);
    expect(client.ended).toBe(false);
  });
});
