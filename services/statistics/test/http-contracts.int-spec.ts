import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { z } from 'zod';
import {
  campaignScope,
  ErrorBodySchema,
  LeaderboardAnswerSchema,
  StatsOverviewAnswerSchema,
  TimeseriesAnswerSchema,
} from '@donations/contracts';
import { CHARITIES, StatisticsFixture } from './statistics.fixture';

/** The issues of a real answer against its contract: none when the service keeps it. */
function issuesOf(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the statistics answer as their HTTP contracts say, and document them', () => {
  let fixture: StatisticsFixture;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    fixture = await StatisticsFixture.create();
    app = await fixture.startApp();
    const donations = Array.from({ length: 30 }, (_, i) => fixture.aDonation(i));
    await fixture.publish([...donations, fixture.aRefundOf(donations[1], 50)]);
    await fixture.waitUntilConsumed();
  });

  afterAll(() => fixture.close());

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json<unknown>() };
  };

  it('answers every view in the shape of its zod contract', async () => {
    const range = 'from=2024-09-09T01:50:00.000Z&to=2024-09-09T02:10:00.000Z';
    const answers: [string, z.ZodType, number][] = [
      ['/stats/overview', StatsOverviewAnswerSchema, 200],
      [
        `/stats/overview?scope=${campaignScope(fixture.campaigns[0])}`,
        StatsOverviewAnswerSchema,
        200,
      ],
      [`/stats/overview?scope=charity:${CHARITIES[1]}`, StatsOverviewAnswerSchema, 200],
      ['/stats/leaderboard?kind=campaign&by=net&currency=CNY', LeaderboardAnswerSchema, 200],
      ['/stats/leaderboard?kind=charity&by=donors', LeaderboardAnswerSchema, 200],
      [`/stats/timeseries?${range}&step=minute`, TimeseriesAnswerSchema, 200],
      [`/stats/timeseries?${range}&step=hour`, TimeseriesAnswerSchema, 200],
      ['/stats/overview?scope=campaign:unknown-campaign', ErrorBodySchema, 404],
      ['/stats/leaderboard?kind=donor&by=net', ErrorBodySchema, 400],
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

  it('serves its OpenAPI document: its routes, and its views generated from the contracts', async () => {
    const { status, body } = await get('/openapi.json');
    const document = body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };

    expect(status).toBe(200);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/stats/overview', '/stats/leaderboard', '/stats/timeseries']),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'StatsOverviewAnswer',
        'LeaderboardAnswer',
        'TimeseriesAnswer',
        'StatsState',
        'ErrorBody',
      ]),
    );
    expect(document.paths['/stats/leaderboard'].get.responses['400']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    });
  });

  it('serves the Swagger UI at /docs', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });

    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('swagger-ui-bundle.js');
  });
});
