import { DashboardFixture, Gateway } from './dashboard.fixture';

describe('the dashboard gateway documents its HTTP API', () => {
  let fixture: DashboardFixture;
  let gateway: Gateway;

  beforeAll(async () => {
    fixture = await DashboardFixture.create();
    gateway = await fixture.startGateway();
  });

  afterAll(() => fixture?.close());

  it('serves its OpenAPI document naming its routes', async () => {
    const response = await gateway.get('/openapi.json');
    const document = (await response.json()) as {
      info: { title: string };
      paths: Record<string, unknown>;
    };

    expect(response.status).toBe(200);
    expect(document.info.title).toBe('dashboard');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/', '/api/snapshot', '/events', '/health/ready', '/metrics']),
    );
  });

  it('serves the Swagger UI at /docs', async () => {
    const page = await gateway.get('/docs');
    const bundle = await gateway.get('/docs/swagger-ui-bundle.js');

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    await bundle.body?.cancel();
  });
});
