import { makeUscc } from '@donations/contracts';
import { uniqueSuffix, waitFor } from '@donations/testing';
import { allExpressions, PROMETHEUS_SERIES } from '../../deploy/observability/observability-files';
import { exposedTypes, isExposed, metricNames } from '../../deploy/observability/promql-metrics';
import { samplesOf } from '../../services/aggregator/test/aggregator-instance';
import { postShuidiDonation } from '../shuidi-donation';
import { ShuidiOpsFixture, startShuidiOps } from '../shuidi-ops.fixture';
import { StatisticsInstance, startStatistics } from '../statistics-instance';

const SECRET = `whsec_${Buffer.from('shuidi-metrics-secret-0123456789ab').toString('base64')}`;
const CHARITY = makeUscc('53100000500021676');

/**
 * Every metric the Grafana dashboard and the Prometheus alert rules name is exported by a
 * running service: adapter-shuidi, the aggregator and the statistics (in-process, on the real
 * Kafka, PostgreSQL and Redis, on topics, a schema and keys of their own) after one donation
 * went through all three; each /metrics is scraped as Prometheus would.
 */
describe('deploy/observability names only metrics the services export', () => {
  let fixture: ShuidiOpsFixture;
  let statistics: StatisticsInstance;
  const campaignId = `campaign-metrics-${uniqueSuffix()}`;

  beforeAll(async () => {
    fixture = await startShuidiOps({
      secret: SECRET,
      operatorToken: `operator-${uniqueSuffix()}-token`,
      actor: 'metrics-spec',
    });
    statistics = await startStatistics(fixture.env.TOPIC_PREFIX);
    await fixture.adapter.register('shuidi', `proj-${campaignId}`, campaignId, CHARITY);
  });

  afterAll(async () => {
    await statistics?.close();
    await fixture?.close();
  });

  const urls = () => ({
    'adapter-shuidi': fixture.adapter.url,
    aggregator: fixture.aggregator.baseUrl,
    statistics: statistics.url,
  });

  async function scrape(url: string): Promise<string> {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(200);
    return response.text();
  }

  async function donate(): Promise<void> {
    const { answer } = await postShuidiDonation(fixture.adapter, SECRET, `proj-${campaignId}`);
    expect(answer.status).toBe(204);
  }

  /** A batch applied by `service`'s consumer, as its batch histogram counts it. */
  const batchesOf = async (url: string) =>
    [...samplesOf(await scrape(url), 'consumer_batch_duration_seconds_count').values()].reduce(
      (sum, value) => sum + value,
      0,
    );

  it('exports every metric the dashboard and the alert rules read', async () => {
    await donate();
    await waitFor(async () => (await batchesOf(urls().aggregator)) > 0, {
      description: "the aggregator's batch of the donation on its /metrics",
    });
    await waitFor(async () => (await batchesOf(urls().statistics)) > 0, {
      description: "the statistics' batch of the donation on its /metrics",
    });
    const exposed = await Promise.all(
      Object.entries(urls()).map(async ([service, url]) => ({
        service,
        types: exposedTypes(await scrape(url)),
      })),
    );
    const missing = allExpressions().flatMap(({ where, expr }) =>
      metricNames(expr)
        .filter((name) => !PROMETHEUS_SERIES.has(name))
        .filter((name) => !exposed.some(({ types }) => isExposed(name, types)))
        .map((name) => `${name} (${where})`),
    );
    expect(missing).toEqual([]);
  });

  it('reports each dependency of every service ready, checked at the scrape', async () => {
    const readiness = Object.fromEntries(
      await Promise.all(
        Object.entries(urls()).map(
          async ([service, url]): Promise<[string, [string, number][]]> => [
            service,
            [...samplesOf(await scrape(url), 'readiness_check_up')].sort(),
          ],
        ),
      ),
    );
    expect(readiness).toEqual({
      'adapter-shuidi': [
        [expect.stringContaining('dependency="kafka"'), 1],
        [expect.stringContaining('dependency="postgres"'), 1],
      ],
      aggregator: [
        [expect.stringContaining('dependency="kafka"'), 1],
        [expect.stringContaining('dependency="postgres"'), 1],
      ],
      statistics: [
        [expect.stringContaining('dependency="kafka"'), 1],
        [expect.stringContaining('dependency="redis"'), 1],
        // Its state, read from Redis (RebuildService.readiness).
        [expect.stringContaining('dependency="statistics"'), 1],
      ],
    });
  });

  it('counts the answers of every route by status, the 4xx of a bad webhook too', async () => {
    const { 'adapter-shuidi': adapter } = urls();
    const bad = await fixture.adapter.post('/webhooks/shuidi', '{}', {
      'content-type': 'application/json',
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    const answers = samplesOf(await scrape(adapter), 'http_requests_total');
    const key = (route: string, status: number) =>
      [...answers.keys()].find(
        (labels) => labels.includes(`route="${route}"`) && labels.includes(`status="${status}"`),
      );
    expect(key('/metrics', 200)).toBeDefined();
    expect(key('/webhooks/shuidi', 204)).toBeDefined();
    expect(key('/webhooks/shuidi', bad.status)).toBeDefined();
  });
});
