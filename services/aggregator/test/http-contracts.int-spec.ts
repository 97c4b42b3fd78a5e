import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { z } from 'zod';
import {
  aRefundEvent,
  CampaignTotalsViewSchema,
  DonationEventV1,
  CharityTotalsViewSchema,
  ErrorBodySchema,
  RebuildViewSchema,
  TopCampaignsViewSchema,
  VerificationViewSchema,
} from '@donations/contracts';
import { AggregatorFixture, CHARITY_A, refundOf } from './aggregator.fixture';

/** The issues of a real answer against its contract: none when the service keeps it. */
function issuesOf(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the aggregator answers as its HTTP contracts say, and documents them', () => {
  let fixture: AggregatorFixture;
  let app: NestFastifyApplication;
  let refunded: DonationEventV1;

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
    app = await fixture.startApp();
    const donations = Array.from({ length: 6 }, (_, index) => fixture.anEvent(index));
    refunded = donations[1];
    await fixture.publish([...donations, aRefundEvent({ ...refundOf(refunded), amountMinor: 7 })]);
    await fixture.waitUntilConsumed();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json<unknown>() };
  };

  it('answers every view in the shape of its zod contract', async () => {
    const campaign = fixture.campaigns[1];
    const answers: [string, z.ZodType, number][] = [
      [`/campaigns/${campaign}`, CampaignTotalsViewSchema, 200],
      [`/charities/${CHARITY_A}`, CharityTotalsViewSchema, 200],
      [`/campaigns?charityId=${CHARITY_A}&top=2`, TopCampaignsViewSchema, 200],
      ['/rebuilds', RebuildViewSchema.array(), 200],
      ['/rebuilds/999', ErrorBodySchema, 404],
      ['/campaigns/campaign-unknown', ErrorBodySchema, 404],
      ['/campaigns?charityId=not-a-uscc', ErrorBodySchema, 400],
    ];
    for (const [url, schema, status] of answers) {
      const { status: actual, body } = await get(url);
      expect({ url, status: actual, issues: issuesOf(schema, body) }).toEqual({
        url,
        status,
        issues: [],
      });
    }
  });

  it('answers a ledger check in the shape of its contract, refunds included', async () => {
    const query = `platform=${refunded.platform}&txn=${refunded.platformTxnId}`;
    const { status, body } = await get(`/donations/verify?${query}`);

    expect(status).toBe(200);
    expect(issuesOf(VerificationViewSchema, body)).toEqual([]);
    const events = VerificationViewSchema.parse(body).events;
    expect(events.map((event) => event.refundId !== null).sort()).toEqual([false, true]);
  });

  it('serves its OpenAPI document: its routes, and its views generated from the contracts', async () => {
    const { status, body } = await get('/openapi.json');
    const document = body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };

    expect(status).toBe(200);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/campaigns/{id}',
        '/charities/{id}',
        '/campaigns',
        '/donations/verify',
        '/rebuilds',
        '/rebuilds/{generation}',
      ]),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'CampaignTotalsView',
        'CharityTotalsView',
        'TopCampaignsView',
        'VerificationView',
        'RebuildView',
        'ErrorBody',
      ]),
    );
    expect(document.paths['/campaigns/{id}'].get.responses['200']).toMatchObject({
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/CampaignTotalsView' } },
      },
    });
    const view = document.components.schemas.CampaignTotalsView as { required: string[] };
    expect(view.required).toEqual(
      expect.arrayContaining(['campaignId', 'charityId', 'totals', 'version']),
    );
  });

  it('serves the Swagger UI at /docs', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    const init = await app.inject({ method: 'GET', url: '/docs/swagger-ui-init.js' });
    const bundle = await app.inject({ method: 'GET', url: '/docs/swagger-ui-bundle.js' });

    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('swagger-ui');
    expect(init.body).toContain('CampaignTotalsView');
    expect(bundle.statusCode).toBe(200);
  });
});
