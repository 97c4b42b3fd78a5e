import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeUscc } from '@donations/contracts';
import type { StatementReport } from '@donations/adapter-kit';
import {
  AdapterHarness,
  adapterTestEnv,
  buildServices,
  serviceEntry,
  ServiceProcess,
  TestSchema,
  uniqueSuffix,
} from '@donations/testing';

const TOKEN = 'statement-import-token-0123456789';
const CHARITY = makeUscc('53100000500021676');
const HEADER = 'orderNo,type,refundNo,occurredAt,amountFen,currency,projectId,campaignId,charityId';
/** The adapter's request deadline: receiving a whole request may take this long at most. */
const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
/** Rows enough for the import to take well over REQUEST_TIMEOUT_MS (~60 µs of CPU a row). */
const ROWS = 100_000;

describe('a statement import longer than HTTP_REQUEST_TIMEOUT_MS (built adapter-shuidi)', () => {
  let adapter: ServiceProcess;
  let schema: TestSchema;

  beforeAll(async () => {
    await buildServices();
    const prepared = await AdapterHarness.prepare();
    schema = prepared.schema;
    adapter = await ServiceProcess.start({
      entry: serviceEntry('adapter-shuidi'),
      logFile: join(tmpdir(), `statement-timeout-shuidi-${uniqueSuffix()}.log`),
      env: {
        PATH: process.env.PATH,
        ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
        LOG_LEVEL: 'warn',
        SHUIDI_WEBHOOK_SECRETS: `whsec_${Buffer.from('statement-timeout-0123456789').toString('base64')}`,
        STATEMENT_IMPORT_TOKEN: TOKEN,
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      },
    });
  }, 240_000);

  afterAll(async () => {
    await adapter?.stop();
    await schema?.drop();
  });

  it('is answered with its report: the deadline counts the upload, not the import', async () => {
    const run = uniqueSuffix();
    const rows = Array.from(
      { length: ROWS },
      (_, i) =>
        `sd-long-${run}-${i},donation.paid,,2026-10-01 09:00:00,100,CNY,,campaign-${run},${CHARITY}`,
    );
    const startedAt = Date.now();
    const outcome = await fetch(
      `http://127.0.0.1:${adapter.port}/statements?dryRun=true&platform=shuidi`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${TOKEN}` },
        body: [HEADER, ...rows].join('\n'),
      },
    ).then(
      async (response) => ({ status: response.status, body: await response.json() }),
      (error: unknown) => ({ status: 0, body: String(error) }),
    );
    const tookMs = Date.now() - startedAt;
    expect({ status: outcome.status, longerThanDeadline: tookMs > REQUEST_TIMEOUT_MS }).toEqual({
      status: 200,
      longerThanDeadline: true,
    });
    expect((outcome.body as StatementReport).counts).toMatchObject({ events: ROWS, rejected: 0 });
  }, 180_000);
});
