import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { Output } from '../output';
import { registerRebuildCommands } from './rebuild.command';
import type { RebuildView } from './rebuild-client';

const building = (lag: number | null, failure: string | null = null): RebuildView => ({
  generation: 2,
  schema: 'public_g2',
  state: 'building',
  createdAt: '2026-11-25T00:00:00.000Z',
  activatedAt: null,
  retiredAt: null,
  prunedAt: null,
  runningHere: failure === null,
  lag,
  failure,
});

const active: RebuildView = {
  ...building(null),
  state: 'active',
  activatedAt: '2026-11-25T00:01:00.000Z',
  runningHere: false,
};

describe('ops rebuild aggregator', () => {
  let server: Server;
  let baseUrl: string;
  let answers: { status: number; body: unknown }[];
  const requests: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const token = 'operator-token-for-the-spec';

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      authorizations.push(req.headers.authorization);
      const answer = answers.shift() ?? { status: 500, body: { code: 'X', message: 'no answer' } };
      res
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    requests.length = 0;
    authorizations.length = 0;
  });

  async function run(...args: string[]): Promise<{ stdout: string; error?: unknown }> {
    const program = new Command('ops').option('--json').exitOverride();
    let stdout = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    registerRebuildCommands(program, new Output(() => true));
    try {
      await program.parseAsync(['node', 'ops', 'rebuild', 'aggregator', '--token', token, ...args]);
      return { stdout };
    } catch (error) {
      return { stdout, error };
    } finally {
      write.mockRestore();
      stderr.mockRestore();
    }
  }

  it('starts the rebuild and waits until the aggregator has switched the generation in', async () => {
    answers = [
      { status: 202, body: building(null) },
      { status: 200, body: building(120) },
      { status: 200, body: active },
    ];
    const { stdout, error } = await run('--aggregator-url', baseUrl);

    expect(error).toBeUndefined();
    expect(requests).toEqual(['POST /rebuilds', 'GET /rebuilds/2', 'GET /rebuilds/2']);
    expect(authorizations[0]).toBe(`Bearer ${token}`);
    expect(JSON.parse(stdout)).toEqual(active);
  });

  it('fails with the reason when the rebuild stopped before the switch', async () => {
    answers = [{ status: 202, body: building(10, 'connection terminated') }];
    const { error } = await run('--aggregator-url', baseUrl);

    expect(error).toMatchObject({ code: 'OPS.REBUILD_FAILED' });
    expect((error as Error).message).toContain('connection terminated');
  });

  it("reports the aggregator's error code", async () => {
    answers = [{ status: 404, body: { code: 'AGGREGATE.NOT_FOUND', message: 'gone' } }];
    const { error } = await run('--aggregator-url', baseUrl, '--no-wait');

    expect(error).toMatchObject({ code: 'AGGREGATE.NOT_FOUND', message: 'gone' });
  });

  it('asks for the operator token before calling the aggregator', async () => {
    const program = new Command('ops').exitOverride();
    registerRebuildCommands(program, new Output(() => true));
    const saved = process.env.OPERATOR_TOKEN;
    delete process.env.OPERATOR_TOKEN;
    try {
      await expect(
        program.parseAsync(['node', 'ops', 'rebuild', 'aggregator', '--aggregator-url', baseUrl]),
      ).rejects.toMatchObject({ code: 'OPS.TOKEN_REQUIRED' });
    } finally {
      if (saved !== undefined) process.env.OPERATOR_TOKEN = saved;
    }
    expect(requests).toEqual([]);
  });

  it('with --dry-run, only reads the generations and says what it would do', async () => {
    answers = [{ status: 200, body: [active, { ...building(40), generation: 3 }] }];
    const { stdout, error } = await run('--aggregator-url', baseUrl, '--dry-run');

    expect(error).toBeUndefined();
    expect(requests).toEqual(['GET /rebuilds']);
    expect(JSON.parse(stdout)).toMatchObject({ dryRun: true, wouldResume: 3 });
  });

  it('rebuilds only the projections it knows', async () => {
    const program = new Command('ops').exitOverride();
    registerRebuildCommands(program, new Output(() => true));
    await expect(
      program.parseAsync(['node', 'ops', 'rebuild', 'search', '--aggregator-url', baseUrl]),
    ).rejects.toMatchObject({ code: 'OPS.UNKNOWN_PROJECTION' });
    expect(requests).toEqual([]);
  });
});
