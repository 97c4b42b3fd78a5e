import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postStatement, StatementImportError, statementsUrl } from './statement-client';

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('postStatement', () => {
  let server: Server;
  let baseUrl: string;
  let seen: Seen | undefined;
  let answer: { status: number; body: string };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const request = { platform: 'shuidi' as const, token: 'token-0123456789abcdef', dryRun: true };

  it('posts the CSV with the bearer token and the query, and returns the report', async () => {
    const report = {
      platform: 'shuidi',
      dryRun: true,
      correlationId: 'c-1',
      period: null,
      counts: {
        rows: 0,
        events: 0,
        matched: 0,
        missingFromWebhooks: 0,
        emitted: 0,
        amountMismatches: 0,
        missingFromStatement: 0,
        rejected: 0,
        ignored: 0,
      },
      missingFromWebhooks: [],
      amountMismatches: [],
      missingFromStatement: [],
      rejected: [],
    };
    answer = { status: 200, body: JSON.stringify(report) };
    const csv = Buffer.from('orderNo,type\n');
    await expect(postStatement({ ...request, adapterUrl: baseUrl, csv })).resolves.toEqual(report);
    expect(seen).toEqual({
      url: '/statements?dryRun=true&platform=shuidi',
      headers: expect.objectContaining({
        authorization: 'Bearer token-0123456789abcdef',
        'content-type': 'text/csv; charset=utf-8',
      }) as unknown,
      body: 'orderNo,type\n',
    });
  });

  it("fails with the adapter's code and message", async () => {
    answer = {
      status: 401,
      body: JSON.stringify({ code: 'STATEMENT.UNAUTHORIZED', message: 'no' }),
    };
    const failure = postStatement({ ...request, adapterUrl: baseUrl, csv: Buffer.alloc(0) });
    await expect(failure).rejects.toBeInstanceOf(StatementImportError);
    await expect(failure).rejects.toMatchObject({
      code: 'STATEMENT.UNAUTHORIZED',
      message: '401: no',
    });
  });

  it('fails when the answer is not a report', async () => {
    answer = { status: 200, body: '{"ok":true}' };
    await expect(
      postStatement({ ...request, adapterUrl: baseUrl, csv: Buffer.alloc(0) }),
    ).rejects.toMatchObject({ code: 'OPS.BAD_RESPONSE' });
  });

  it('keeps a path prefix of the adapter URL and refuses other schemes', () => {
    const url = statementsUrl({ ...request, adapterUrl: 'https://ops.example/adapters/shuidi/' });
    expect(url.toString()).toBe(
      'https://ops.example/adapters/shuidi/statements?dryRun=true&platform=shuidi',
    );
    expect(() => statementsUrl({ ...request, adapterUrl: 'file:///etc/passwd' })).toThrow(
      StatementImportError,
    );
  });
});
