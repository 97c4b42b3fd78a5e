import { KafkaUnavailableError } from '@donations/kafka';
import {
  authorizeStatement,
  parseStatementQuery,
  requireCsv,
  statementFailure,
} from './statement-http';
import { StatementError } from './statement.errors';

const TOKEN = 'statement-token-0123456789';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof StatementError ? error.code : 'OTHER';
  }
}

describe('authorizeStatement', () => {
  it('accepts the configured bearer token', () => {
    expect(codeOf(() => authorizeStatement(TOKEN, `Bearer ${TOKEN}`))).toBeUndefined();
    expect(codeOf(() => authorizeStatement(TOKEN, `bearer ${TOKEN}`))).toBeUndefined();
  });

  it.each([
    ['no header', undefined],
    ['a wrong token', 'Bearer statement-token-0123456780'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 10)}`],
    ['another scheme', `Basic ${TOKEN}`],
  ])('refuses %s as UNAUTHORIZED', (_name, header) => {
    expect(codeOf(() => authorizeStatement(TOKEN, header))).toBe('STATEMENT.UNAUTHORIZED');
  });

  it('is disabled without a configured token, whatever the request says', () => {
    expect(codeOf(() => authorizeStatement(undefined, `Bearer ${TOKEN}`))).toBe(
      'STATEMENT.IMPORT_DISABLED',
    );
  });
});

describe('parseStatementQuery', () => {
  it('reads dryRun, false by default', () => {
    expect(parseStatementQuery({ dryRun: 'true' }, 'shuidi')).toEqual({ dryRun: true });
    expect(parseStatementQuery({ dryRun: 'false', platform: 'shuidi' }, 'shuidi')).toEqual({
      dryRun: false,
    });
    expect(parseStatementQuery({}, 'shuidi')).toEqual({ dryRun: false });
  });

  it.each([{ dryRun: 'yes' }, { dry_run: 'true' }, { platform: 'weibo' }])(
    'refuses %j as INVALID_QUERY',
    (query) => {
      expect(codeOf(() => parseStatementQuery(query, 'shuidi'))).toBe('STATEMENT.INVALID_QUERY');
    },
  );

  it('refuses a statement meant for another platform', () => {
    expect(codeOf(() => parseStatementQuery({ platform: 'alipay' }, 'shuidi'))).toBe(
      'STATEMENT.PLATFORM_MISMATCH',
    );
  });
});

describe('requireCsv and statementFailure', () => {
  it('takes text/csv with parameters only', () => {
    expect(codeOf(() => requireCsv('text/csv; charset=utf-8'))).toBeUndefined();
    expect(codeOf(() => requireCsv('application/json'))).toBe('STATEMENT.UNSUPPORTED_MEDIA_TYPE');
    expect(codeOf(() => requireCsv(undefined))).toBe('STATEMENT.UNSUPPORTED_MEDIA_TYPE');
  });

  it('maps errors to answers; an unknown one gets an errorId', () => {
    expect(statementFailure(new StatementError('STATEMENT.UNAUTHORIZED', 'no'))).toEqual({
      status: 401,
      body: { code: 'STATEMENT.UNAUTHORIZED', message: 'no' },
    });
    expect(statementFailure(new KafkaUnavailableError('down')).status).toBe(503);
    const unknown = statementFailure(new Error('bug'));
    expect(unknown.status).toBe(500);
    expect(unknown.body.message).toContain(unknown.body.errorId);
  });
});
