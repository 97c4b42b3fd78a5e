import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import type { AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DonationCompletedV1Schema, DonationRefundedV1Schema } from './donations/donation-event.v1';
import { TOPIC_SCHEMAS, TOPIC_SPECS, TOPICS, TopicName } from './topics';

/** As a number: the parser and its linter each bring their own copy of @stoplight/types. */
const ERROR_SEVERITY: number = DiagnosticSeverity.Error;
const ASYNCAPI_PATH = join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml');

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The structural part of a JSON Schema: types, keys, required keys, enums, nesting. */
function shape(schema: unknown): unknown {
  if (!isObject(schema)) {
    return schema;
  }
  const out: JsonObject = {};
  for (const key of ['type', 'const', 'format']) {
    if (key in schema) out[key] = schema[key];
  }
  for (const key of ['enum', 'required']) {
    if (Array.isArray(schema[key])) out[key] = [...(schema[key] as string[])].sort();
  }
  for (const key of ['additionalProperties', 'propertyNames', 'items']) {
    if (key in schema) out[key] = shape(schema[key]);
  }
  for (const key of ['anyOf', 'oneOf']) {
    if (Array.isArray(schema[key])) out[key] = (schema[key] as unknown[]).map(shape);
  }
  if (isObject(schema.properties)) {
    const entries = Object.entries(schema.properties).map(([k, v]) => [k, shape(v)] as const);
    out.properties = Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  }
  return out;
}

function zodJsonSchema(schema: z.ZodType): JsonObject {
  return z.toJSONSchema(schema, { target: 'draft-7' });
}

function payloadOf(document: AsyncAPIDocumentInterface, topic: TopicName): JsonObject {
  const channel = document
    .channels()
    .all()
    .find((c) => c.address() === topic);
  const message = channel?.messages().all()[0];
  return message?.payload()?.json() as JsonObject;
}

describe('docs/asyncapi.yaml', () => {
  let document: AsyncAPIDocumentInterface;
  let errors: string[];

  beforeAll(async () => {
    const parsed = await new Parser().parse(readFileSync(ASYNCAPI_PATH, 'utf8'));
    errors = parsed.diagnostics
      .filter((d) => Number(d.severity) === ERROR_SEVERITY)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    document = parsed.document!;
  });

  it('is a valid AsyncAPI 3 document without errors', () => {
    expect(errors).toEqual([]);
    expect(document).toBeDefined();
    expect(document.version()).toBe('3.0.0');
  });

  it('has a channel for every topic and no other', () => {
    const addresses = document
      .channels()
      .all()
      .map((c) => c.address());
    expect([...addresses].sort()).toEqual(Object.values(TOPICS).sort());
  });

  it('documents the partitions and cleanup policy of TOPIC_SPECS', () => {
    for (const channel of document.channels().all()) {
      const spec = TOPIC_SPECS[channel.address() as TopicName];
      const kafka = channel.bindings().get('kafka')?.value() as JsonObject;
      const config = kafka.topicConfiguration as JsonObject;
      expect({ topic: channel.address(), partitions: kafka.partitions }).toEqual({
        topic: channel.address(),
        partitions: spec.partitions,
      });
      expect(config['cleanup.policy']).toEqual([spec.cleanupPolicy]);
      expect(config['retention.ms']).toEqual(spec.retentionMs);
    }
  });

  it.each(Object.values(TOPICS))(
    'describes the %s payload with the shape of its zod schema',
    (topic) => {
      const documented = shape(payloadOf(document, topic));
      expect(documented).toEqual(shape(zodJsonSchema(TOPIC_SCHEMAS[topic])));
    },
  );

  it('requires exactly the keys the zod donation event requires', () => {
    const payload = payloadOf(document, TOPICS.donationsNormalized);
    const branches = (payload.oneOf as JsonObject[]).map((b) =>
      [...(b.required as string[])].sort(),
    );
    const zodRequired = [DonationCompletedV1Schema, DonationRefundedV1Schema].map((s) =>
      [...(zodJsonSchema(s).required as string[])].sort(),
    );
    expect(branches).toEqual(zodRequired);
    expect(zodRequired[1]).toEqual([...Object.keys(DonationRefundedV1Schema.shape)].sort());
  });
});
