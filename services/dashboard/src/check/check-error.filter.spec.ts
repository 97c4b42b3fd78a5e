import { HttpStatus } from '@nestjs/common';
import type { UpstreamFailure } from '../upstream/upstream.error';
import { CHECK_ERROR_CODES } from './check.errors';
import { statusOf, upstreamAnswerOf } from './check-error.filter';

describe('the check error filter', () => {
  it('answers 400 for a malformed question and 429 for too many', () => {
    expect(CHECK_ERROR_CODES.map((code) => [code, statusOf(code)])).toEqual([
      ['DASHBOARD.CHECK_INVALID', HttpStatus.BAD_REQUEST],
      ['DASHBOARD.CHECK_RATE_LIMITED', HttpStatus.TOO_MANY_REQUESTS],
    ]);
  });

  it.each<[UpstreamFailure, number, string]>([
    ['unset', 503, 'DASHBOARD.UPSTREAM_UNSET'],
    ['unreachable', 502, 'DASHBOARD.UPSTREAM_UNREACHABLE'],
    ['timeout', 504, 'DASHBOARD.UPSTREAM_TIMEOUT'],
    ['failed', 502, 'DASHBOARD.UPSTREAM_FAILED'],
  ])('answers a ledger that is %s with %d %s', (failure, status, code) => {
    const answer = upstreamAnswerOf(failure);
    expect(answer.status).toBe(status);
    expect(answer.body.code).toBe(code);
  });
});
