import { makeUscc } from '@donations/contracts';
import { startTracing, Tracing } from '@donations/observability';
import { uniqueSuffix, waitFor } from '@donations/testing';
import { postShuidiDonation } from '../shuidi-donation';
import { ShuidiOpsFixture, startShuidiOps } from '../shuidi-ops.fixture';
import { StatisticsInstance, startStatistics } from '../statistics-instance';
import { OtlpReceiver, ReceivedSpan } from './otlp-receiver';

const SECRET = `whsec_${Buffer.from('shuidi-tracing-secret-0123456789ab').toString('base64')}`;
const CHARITY = makeUscc('53100000500021676');
const WEBHOOK_ROUTE = 'POST /webhooks/shuidi';
const BATCH_SPAN = 'process donations.normalized.v1';
const COUNTED_SPAN = 'process donations.counted.v1';

/**
 * Traces from the webhook through Kafka to the aggregator's batch and on to the statistics', on
 * the real Kafka, PostgreSQL and Redis: adapter-shuidi, an aggregator and the statistics
 * in-process (one tracer provider for all, as startTracing sets it up in each service's
 * process), exporting over OTLP/HTTP to a stand-in collector. With the endpoint unset, nothing
 * is exported and no trace header is written.
 */
describe('tracing: a webhook to the aggregator batch that counted it', () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
  });

  afterAll(async () => {
    await receiver?.stop();
  });

  /** adapter-shuidi and an aggregator on a schema and topics of their own, a campaign registered. */
  async function startSystem(campaignId: string): Promise<ShuidiOpsFixture> {
    const fixture = await startShuidiOps({
      secret: SECRET,
      operatorToken: `operator-${uniqueSuffix()}-token`,
      actor: 'tracing-spec',
    });
    await fixture.adapter.register('shuidi', `proj-${campaignId}`, campaignId, CHARITY);
    return fixture;
  }

  /** A signed donation; resolves with its order number and donor id once it is counted. */
  async function donate(fixture: ShuidiOpsFixture, campaignId: string) {
    const { answer, orderNo, userId } = await postShuidiDonation(
      fixture.adapter,
      SECRET,
      `proj-${campaignId}`,
    );
    expect(answer.status).toBe(204);
    await waitFor(
      async () => {
        const response = await fixture.aggregator.get(`/campaigns/${campaignId}`);
        return response.status === 200 || undefined;
      },
      { description: `the donation to ${campaignId} counted` },
    );
    return { orderNo, userId };
  }

  const headersOn = (fixture: ShuidiOpsFixture, orderNo: string) => ({
    raw: fixture.adapter.raw.messages.find(({ key }) => key === `shuidi:${orderNo}`)?.headers,
    normalized: fixture.adapter.normalized.messages.find(
      ({ value }) => value.platformTxnId === orderNo,
    )?.headers,
  });

  describe('with OTEL_EXPORTER_OTLP_ENDPOINT unset', () => {
    let fixture: ShuidiOpsFixture;
    const campaignId = `campaign-off-${uniqueSuffix()}`;

    beforeAll(async () => {
      expect(startTracing('tracing-spec', {}).enabled).toBe(false);
      fixture = await startSystem(campaignId);
    });

    afterAll(async () => {
      await fixture?.close();
    });

    it('exports nothing and writes no trace header on donations.raw or donations.normalized', async () => {
      const { orderNo } = await donate(fixture, campaignId);
      const headers = await waitFor(() => {
        const found = headersOn(fixture, orderNo);
        return found.raw && found.normalized && found;
      });
      for (const topic of [headers.raw, headers.normalized]) {
        expect(Object.keys(topic ?? {})).not.toContain('traceparent');
        expect(Object.keys(topic ?? {})).not.toContain('tracestate');
      }
      expect(receiver.requests).toEqual([]);
    });
  });

  describe('with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
    let tracing: Tracing;
    let fixture: ShuidiOpsFixture;
    let statistics: StatisticsInstance;
    const campaignId = `campaign-on-${uniqueSuffix()}`;

    beforeAll(async () => {
      tracing = startTracing('tracing-spec', {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_SERVICE_NAME: 'tracing-spec-system',
      });
      fixture = await startSystem(campaignId);
      statistics = await startStatistics(fixture.env.TOPIC_PREFIX);
    });

    afterAll(async () => {
      await statistics?.close();
      await fixture?.close();
      await tracing?.shutdown();
    });

    it("links the aggregator's batch span to the webhook's request span, and the statistics' to the aggregator's, through the Kafka headers", async () => {
      const { orderNo, userId } = await donate(fixture, campaignId);
      const request = await waitFor(
        () => receiver.spans().find((span) => span.name === WEBHOOK_ROUTE),
        { description: `the ${WEBHOOK_ROUTE} span exported` },
      );
      const batch = await waitFor(
        () =>
          receiver
            .spans()
            .find(
              (span) =>
                span.name === BATCH_SPAN &&
                span.links?.some((link) => link.traceId === request.traceId),
            ),
        { description: 'the batch span linked to the request' },
      );
      expect(receiver.requests.every(({ path }) => path === '/v1/traces')).toBe(true);
      expect(request.service).toBe('tracing-spec-system');
      expect(request.parentSpanId ?? '').toBe('');
      // The batch is a trace of its own (many parents), linked to the span that produced.
      expect(batch.traceId).not.toBe(request.traceId);
      expect(batch.links).toContainEqual(
        expect.objectContaining({ traceId: request.traceId, spanId: request.spanId }),
      );
      expect(attribute(batch, 'messaging.batch.message_count')).toEqual({ intValue: 1 });

      const headers = headersOn(fixture, orderNo);
      const traceparent = `00-${request.traceId}-${request.spanId}-01`;
      expect(headers.raw?.traceparent).toBe(traceparent);
      expect(headers.normalized?.traceparent).toBe(traceparent);

      // The counted messages carry the aggregator batch's context (kept with its outbox row).
      const counted = await waitFor(
        () =>
          receiver
            .spans()
            .find(
              (span) =>
                span.name === COUNTED_SPAN &&
                span.links?.some(
                  (link) => link.traceId === batch.traceId && link.spanId === batch.spanId,
                ),
            ),
        { description: "the statistics' batch span linked to the aggregator's" },
      );
      expect(counted.traceId).not.toBe(batch.traceId);

      // Spans carry routes, topics and counts: no donor, no order, no secret.
      const exported = receiver.requests.map(({ body }) => body).join('\n');
      for (const secretOrIdentity of [userId, orderNo, SECRET]) {
        expect(exported).not.toContain(secretOrIdentity);
      }
    });
  });
});

function attribute(span: ReceivedSpan, key: string): Record<string, unknown> | undefined {
  return span.attributes.find((candidate) => candidate.key === key)?.value;
}
