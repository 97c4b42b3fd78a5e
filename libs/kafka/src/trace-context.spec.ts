import { context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { aDonationEvent, TOPICS } from '@donations/contracts';
import { decodeHeaders } from './batch-consumer/batch-shaping';
import { batchLinks, MAX_BATCH_LINKS, withTraceContext } from './trace-context';
import type { AnyTopicBatch } from './typed-producer';

const aSpanContext = (n: number) => ({
  traceId: n.toString(16).padStart(32, 'a'),
  spanId: n.toString(16).padStart(16, 'b'),
  traceFlags: TraceFlags.SAMPLED,
});

const batches = (): AnyTopicBatch[] => [
  {
    topic: TOPICS.donationsNormalized,
    messages: [
      { key: 'c1', value: aDonationEvent(), headers: { 'x-correlation-id': 'corr-1' } },
      { key: 'c2', value: aDonationEvent() },
    ],
  },
];

/** The headers kafkajs hands a consumer (Buffers), as the batch consumer decodes them. */
const consumed = (sent: AnyTopicBatch[]) =>
  sent[0].messages.map((message) => ({
    headers: decodeHeaders(
      Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [
          name,
          Buffer.from(String(value)),
        ]),
      ),
    ),
  }));

const inSpan = <T>(n: number, work: () => T): T =>
  context.with(trace.setSpanContext(ROOT_CONTEXT, aSpanContext(n)), work);

describe('trace context in Kafka headers', () => {
  describe('with tracing on (W3C propagator registered)', () => {
    beforeEach(() => {
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    });
    afterEach(() => {
      propagation.disable();
      context.disable();
    });

    it('writes the active span as traceparent on every message, keeping their headers', () => {
      const sent = inSpan(7, () => withTraceContext(batches()));
      const { traceId, spanId } = aSpanContext(7);
      for (const message of sent[0].messages) {
        expect(message.headers?.traceparent).toBe(`00-${traceId}-${spanId}-01`);
      }
      expect(sent[0].messages[0].headers?.['x-correlation-id']).toBe('corr-1');
    });

    it('adds nothing outside a span', () => {
      const original = batches();
      expect(withTraceContext(original)).toBe(original);
    });

    it('reads each distinct parent back from the consumed headers as a link', () => {
      const sent = [
        ...inSpan(1, () => withTraceContext(batches())),
        ...inSpan(2, () => withTraceContext(batches())),
      ];
      const links = batchLinks([...consumed(sent.slice(0, 1)), ...consumed(sent.slice(1))]);
      expect(links.map((link) => link.context.spanId)).toEqual([
        aSpanContext(1).spanId,
        aSpanContext(2).spanId,
      ]);
      expect(links[0].context).toMatchObject({ ...aSpanContext(1), isRemote: true });
    });

    it('skips messages without a valid traceparent', () => {
      const links = batchLinks([
        { headers: {} },
        { headers: { traceparent: 'not-a-traceparent' } },
        { headers: { traceparent: `00-${'0'.repeat(32)}-${'b'.repeat(16)}-01` } },
      ]);
      expect(links).toEqual([]);
    });

    it(`links at most ${MAX_BATCH_LINKS} parents`, () => {
      const messages = Array.from(
        { length: MAX_BATCH_LINKS + 5 },
        (_, n) => consumed(inSpan(n + 1, () => withTraceContext(batches())))[0],
      );
      expect(batchLinks(messages)).toHaveLength(MAX_BATCH_LINKS);
    });
  });

  describe('with tracing off (nothing registered)', () => {
    it('adds no header, even inside a span context', () => {
      const original = batches();
      const sent = inSpan(3, () => withTraceContext(original));
      expect(sent).toBe(original);
      expect(sent[0].messages[1].headers).toBeUndefined();
    });

    it('links nothing, even to messages that carry a traceparent', () => {
      const { traceId, spanId } = aSpanContext(4);
      expect(batchLinks([{ headers: { traceparent: `00-${traceId}-${spanId}-01` } }])).toEqual([]);
    });
  });
});
