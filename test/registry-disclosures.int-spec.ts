import { DisclosureRecordViewSchema, makeUscc } from '@donations/contracts';
import { uniqueSuffix } from '@donations/testing';
import { runOps, ShuidiOpsFixture, startShuidiOps } from './shuidi-ops.fixture';

const SECRET = `whsec_${Buffer.from('shuidi-disclosure-secret-0123456789').toString('base64')}`;
const OPERATOR_TOKEN = `operator-${uniqueSuffix()}-token`;
const CHARITY = makeUscc('53100000500021676');
const LINK = 'https://cishan.chinanpo.gov.cn/biz/ma/csmh/a/csmhaDoSort.html?id=1';

const progress = {
  campaignId: 'c-edu',
  kind: 'progress',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  madeOn: '2026-04-10',
  link: LINK,
};

/**
 * Disclosure records through the adapters' registry API on the real PostgreSQL (a schema of its
 * own): recorded for a registered campaign only, replaced per period, audited, listed; the same
 * through `ops registry disclosure`.
 */
describe('registry: disclosure records through the operator API', () => {
  let fixture: ShuidiOpsFixture;
  let adapter: ShuidiOpsFixture['adapter'];
  let pg: ShuidiOpsFixture['pg'];

  beforeAll(async () => {
    fixture = await startShuidiOps({
      secret: SECRET,
      operatorToken: OPERATOR_TOKEN,
      actor: 'disclosure-spec',
    });
    ({ adapter, pg } = fixture);
  });

  afterAll(() => fixture?.close());

  const call = (method: 'GET' | 'POST', path: string, body?: unknown, token = OPERATOR_TOKEN) =>
    fetch(`${adapter.url}/operator/registry/disclosures${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'x-operator': 'disclosure-spec',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** `ops --json <args>` in-process; every platform's adapter is this test's adapter. */
  const ops = <T>(...args: string[]) =>
    runOps<T>(fixture.env, [...args, '--adapter', `alipay=${adapter.url},shuidi=${adapter.url}`]);

  const auditRows = async () =>
    (
      await pg.query<{ actor: string; subject: string; before: unknown; after: unknown }>(
        `SELECT actor, subject, before, after FROM registry_audit
         WHERE action = 'disclosure.record' ORDER BY id`,
      )
    ).rows;

  it('refuses a campaign not in the registry (404), a bad body (400) and a wrong token', async () => {
    const unknown = await call('POST', '', progress);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'REGISTRY.NOT_FOUND' });

    const backwards = await call('POST', '', { ...progress, periodEnd: '2025-12-31' });
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({
      code: 'OPERATOR.INVALID_REQUEST',
      message: expect.stringContaining('periodEnd') as unknown,
    });

    const stranger = await call('GET', '', undefined, 'not-the-token');
    expect(stranger.status).toBe(401);
    expect(await stranger.json()).toMatchObject({ code: 'OPERATOR.UNAUTHORIZED' });
    expect(await auditRows()).toEqual([]);
  });

  it('records a disclosure of a registered campaign, lists it, and audits it', async () => {
    await ops(
      'registry',
      'charities',
      'add',
      '--uscc',
      CHARITY,
      '--name',
      '某慈善基金会',
      '--region',
      '北京市',
    );
    await ops(
      ...['registry', 'campaigns', 'add', '--platform', 'shuidi', '--project', 'p-edu'],
      ...['--campaign', 'c-edu', '--charity', CHARITY, '--starts', '2026-01-01'],
      ...['--ends', '2026-12-31'],
    );
    const recorded = await call('POST', '', progress);
    expect(recorded.status).toBe(200);
    const view = DisclosureRecordViewSchema.parse(await recorded.json());
    expect(view).toMatchObject(progress);

    const listed = await call('GET', '?campaignId=c-edu');
    expect(DisclosureRecordViewSchema.array().parse(await listed.json())).toEqual([view]);
    expect(await (await call('GET', '?campaignId=c-other')).json()).toEqual([]);
    const { rows } = await pg.query(
      `SELECT campaign_id, kind, to_char(period_end, 'YYYY-MM-DD') AS period_end
       FROM disclosure_records`,
    );
    expect(rows).toEqual([{ campaign_id: 'c-edu', kind: 'progress', period_end: '2026-03-31' }]);
    expect(await auditRows()).toEqual([
      {
        actor: 'disclosure-spec',
        subject: 'c-edu/progress/2026-01-01',
        before: null,
        after: progress,
      },
    ]);
  });

  it('replaces the same period (audited with before and after); the same record changes nothing', async () => {
    const again = await call('POST', '', progress);
    expect(again.status).toBe(200);
    expect(await auditRows()).toHaveLength(1);

    const corrected = { ...progress, madeOn: '2026-04-12', link: `${LINK}2` };
    expect(await (await call('POST', '', corrected)).json()).toMatchObject(corrected);
    const listed = await (await call('GET', '?campaignId=c-edu')).json();
    expect(listed).toEqual([expect.objectContaining(corrected)]);
    expect((await auditRows()).at(-1)).toEqual({
      actor: 'disclosure-spec',
      subject: 'c-edu/progress/2026-01-01',
      before: progress,
      after: corrected,
    });
  });

  it('records and lists through ops registry disclosure', async () => {
    const final = ['--kind', 'final', '--period-start', '2026-01-01', '--period-end', '2026-12-31'];
    const add = ['registry', 'disclosure', 'add', '--campaign', 'c-edu', ...final];
    expect(await ops(...add, '--made-on', '2027-02-01', '--link', `${LINK}3`)).toMatchObject({
      kind: 'final',
      periodEnd: '2026-12-31',
      madeOn: '2027-02-01',
    });
    const listed = await ops<{ kind: string; periodStart: string }[]>(
      ...['registry', 'disclosure', 'list', '--campaign', 'c-edu'],
    );
    expect(listed.map((row) => [row.kind, row.periodStart])).toEqual([
      ['progress', '2026-01-01'],
      ['final', '2026-01-01'],
    ]);
    await expect(
      ops(
        'registry',
        'disclosure',
        'add',
        '--campaign',
        'c-none',
        ...final,
        '--made-on',
        '2027-02-01',
        '--link',
        LINK,
      ),
    ).rejects.toMatchObject({ code: 'REGISTRY.NOT_FOUND' });
    await expect(ops(...add, '--made-on', '2025-12-01', '--link', LINK)).rejects.toMatchObject({
      code: 'OPERATOR.INVALID_REQUEST',
    });
  });

  it('documents both endpoints by the DisclosureRecordView contract', async () => {
    const document = (await (await fetch(`${adapter.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const operations = document.paths['/operator/registry/disclosures'];
    expect(JSON.stringify(operations?.get?.responses['200'])).toContain('DisclosureRecordView');
    expect(JSON.stringify(operations?.post?.responses['200'])).toContain('DisclosureRecordView');
  });
});
