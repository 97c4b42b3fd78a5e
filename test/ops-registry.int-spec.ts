import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '@donations/config';
import { makeUscc } from '@donations/contracts';
import { AdapterHarness, adapterTestEnv, uniqueSuffix } from '@donations/testing';
import { AppModule } from '../services/adapter-shuidi/src/app.module';
import { AdapterShuidiConfigSchema } from '../services/adapter-shuidi/src/config/adapter-shuidi.config';
import { buildProgram } from '../services/ops/src/program';

const SECRET = `whsec_${Buffer.from('shuidi-registry-secret-0123456789ab').toString('base64')}`;
const OPERATOR_TOKEN = `operator-${uniqueSuffix()}-token`;
const CHARITY = makeUscc('53100000500021676');
const OTHER_CHARITY = makeUscc('53440300MJL000017');
const WRONG_CHECK = `${CHARITY.slice(0, 17)}${CHARITY[17] === '0' ? '1' : '0'}`;

/**
 * `ops registry` against an adapter on the real PostgreSQL (a schema of its own): charities and
 * campaigns listed, added, updated and imported, every change audited, dry runs writing nothing;
 * a WeChat Pay campaign registers its merchant id in the same change.
 */
describe('ops registry: charities and campaigns through the operator API', () => {
  let adapter: AdapterHarness;
  let pg: Client;
  let env: Record<string, string>;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterShuidiConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      SHUIDI_WEBHOOK_SECRETS: SECRET,
      OPERATOR_TOKEN,
    });
    adapter = await AdapterHarness.start(prepared, 'adapter-shuidi', AppModule.register(config));
    pg = new Client({ connectionString: prepared.schema.url });
    await pg.connect();
    await pg.query(`SET search_path TO "${prepared.schema.schema}"`);
    env = { OPERATOR_TOKEN, OPS_ACTOR: 'registry-spec' };
  });

  afterAll(async () => {
    await pg?.end();
    await adapter?.close();
  });

  /** `ops --json <args>` in-process; every platform's adapter is this test's adapter. */
  async function ops<T = Record<string, unknown>>(...args: string[]): Promise<T> {
    let stdout = '';
    const { program } = buildProgram(
      (output) => ({ env, output, progress: () => () => ({ advance: () => {}, stop: () => {} }) }),
      (text) => (stdout += text),
    );
    program.exitOverride();
    const adapters = ['alipay', 'tencent', 'shuidi'].map((p) => `${p}=${adapter.url}`).join(',');
    await program.parseAsync(['node', 'ops', '--json', ...args, '--adapter', adapters]);
    return JSON.parse(stdout) as T;
  }

  const auditRows = async (action: string) =>
    (
      await pg.query<{ actor: string; subject: string; before: unknown; after: unknown }>(
        `SELECT actor, subject, before, after FROM registry_audit WHERE action = $1 ORDER BY id`,
        [action],
      )
    ).rows;

  it('adds a charity (a dry run writes nothing), refuses a wrong check character, audits', async () => {
    const add = ['registry', 'charities', 'add', '--uscc', CHARITY, '--name', '某慈善基金会'];
    expect(await ops(...add, '--region', '北京市', '--dry-run')).toMatchObject({
      change: 'created',
      dryRun: true,
    });
    expect(await ops('registry', 'charities', 'list')).toEqual([]);
    expect(await ops(...add, '--region', '北京市')).toMatchObject({ change: 'created' });
    expect(await ops(...add, '--region', '北京市')).toMatchObject({ change: 'unchanged' });
    await expect(ops(...add, '--region', '上海市')).rejects.toMatchObject({
      code: 'REGISTRY.CONFLICT',
    });
    await expect(
      ops('registry', 'charities', 'add', '--uscc', WRONG_CHECK, '--name', 'x', '--region', 'y'),
    ).rejects.toMatchObject({ code: 'OPS.INVALID_ARGUMENT' });
    expect(await ops('registry', 'charities', 'list')).toEqual([
      expect.objectContaining({ uscc: CHARITY, name: '某慈善基金会', region: '北京市' }),
    ]);
    expect(await auditRows('charity.add')).toEqual([
      {
        actor: 'registry-spec',
        subject: CHARITY,
        before: null,
        after: { uscc: CHARITY, name: '某慈善基金会', region: '北京市' },
      },
    ]);
  });

  it('updates a charity, audited with before and after', async () => {
    const update = ['registry', 'charities', 'update', '--uscc', CHARITY, '--region', '天津市'];
    expect(await ops(...update)).toMatchObject({ change: 'updated', before: { region: '北京市' } });
    expect(await ops(...update)).toMatchObject({ change: 'unchanged' });
    await expect(
      ops('registry', 'charities', 'update', '--uscc', OTHER_CHARITY, '--name', 'x'),
    ).rejects.toMatchObject({ code: 'REGISTRY.NOT_FOUND' });
    expect(await auditRows('charity.update')).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ region: '北京市' }) as unknown,
        after: expect.objectContaining({ region: '天津市' }) as unknown,
      }),
    ]);
  });

  it('imports charities line by line: created, unchanged, refused', async () => {
    const file = join(tmpdir(), `charities-${uniqueSuffix()}.csv`);
    writeFileSync(
      file,
      'uscc,name,region\n' +
        `${OTHER_CHARITY},深圳某公益基金会,广东省深圳市\n` +
        `${CHARITY},某慈善基金会,天津市\n` +
        `${WRONG_CHECK},错误,北京市\n`,
    );
    const report = await ops<{ lines: unknown[] }>('registry', 'charities', 'import', file);
    expect(report.lines).toEqual([
      { line: 2, change: 'created' },
      { line: 3, change: 'unchanged' },
      expect.objectContaining({ line: 4, change: 'refused', reason: 'OPS.INVALID_ROW' }),
    ]);
    expect(await ops<unknown[]>('registry', 'charities', 'list')).toHaveLength(2);
  });

  it('registers a campaign with its name, filing number and dates; lists the charity name', async () => {
    const project = `proj-${uniqueSuffix()}`;
    expect(
      await ops(
        ...['registry', 'campaigns', 'add', '--platform', 'shuidi', '--project', project],
        ...['--campaign', 'c-edu', '--charity', CHARITY, '--name', '乡村助学'],
        ...[
          '--filing',
          '53100000500021676A26001',
          '--starts',
          '2026-12-01',
          '--ends',
          '2026-12-31',
        ],
      ),
    ).toMatchObject({ change: 'created' });
    const listed = await ops<unknown[]>('registry', 'campaigns', 'list', '--platform', 'shuidi');
    expect(listed).toEqual([
      expect.objectContaining({
        platformProjectId: project,
        campaignId: 'c-edu',
        title: '乡村助学',
        charityName: '某慈善基金会',
        filingNumber: '53100000500021676A26001',
        startsOn: '2026-12-01',
        endsOn: '2026-12-31',
      }),
    ]);
    const update = [
      'registry',
      'campaigns',
      'update',
      '--platform',
      'shuidi',
      '--project',
      project,
    ];
    expect(await ops(...update, '--ends', '2027-01-15')).toMatchObject({
      change: 'updated',
      entry: { endsOn: '2027-01-15', startsOn: '2026-12-01' },
    });
    await expect(ops(...update, '--starts', '2027-02-01')).rejects.toMatchObject({
      code: 'OPERATOR.INVALID_REQUEST',
    });
  });

  it('registers a WeChat Pay campaign and its merchant id in one change, or neither', async () => {
    const add = ['registry', 'campaigns', 'add', '--platform', 'tencent', '--charity', CHARITY];
    await expect(ops(...add, '--project', 'wx-proj-1', '--campaign', 'c-wx')).rejects.toMatchObject(
      { code: 'OPS.INVALID_ARGUMENT' },
    );
    expect(
      await ops(...add, '--project', 'wx-proj-1', '--campaign', 'c-wx', '--merchant', '1900000109'),
    ).toMatchObject({ change: 'created' });
    // Another campaign cannot take the merchant: its project is not registered either.
    await expect(
      ops(...add, '--project', 'wx-proj-2', '--campaign', 'c-wx-2', '--merchant', '1900000109'),
    ).rejects.toMatchObject({ code: 'REGISTRY.CONFLICT' });
    const listed = await ops<{ platformProjectId: string; campaignId: string }[]>(
      ...['registry', 'campaigns', 'list', '--platform', 'tencent'],
    );
    expect(listed.map((row) => [row.platformProjectId, row.campaignId])).toEqual([
      ['1900000109', 'c-wx'],
      ['wx-proj-1', 'c-wx'],
    ]);
    expect((await auditRows('campaign.add')).map((row) => row.subject)).toEqual(
      expect.arrayContaining(['tencent/wx-proj-1', 'tencent/1900000109']),
    );
  });
});
