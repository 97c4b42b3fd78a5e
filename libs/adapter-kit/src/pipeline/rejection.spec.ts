import { ContractError } from '@donations/contracts';
import { KafkaUnavailableError } from '@donations/kafka';
import { classify } from './rejection';
import { WEBHOOK_ERROR_CODES, WebhookError, httpStatusOf, isBadInput } from './webhook.errors';

describe('classify', () => {
  it('keeps a WebhookError code and maps it to its status', () => {
    expect(classify(new WebhookError('WEBHOOK.TIMESTAMP_STALE', 'old'))).toEqual({
      code: 'WEBHOOK.TIMESTAMP_STALE',
      message: 'old',
      status: 401,
    });
  });

  it('turns Kafka unavailability into a 503 the platform retries', () => {
    expect(classify(new KafkaUnavailableError('down')).status).toBe(503);
  });

  it('maps contract errors on money to INVALID_AMOUNT', () => {
    expect(classify(new ContractError('MONEY.TOO_MANY_DECIMALS', 'x')).code).toBe(
      'WEBHOOK.INVALID_AMOUNT',
    );
  });

  it('gives an unexpected error a 500 with an error id', () => {
    const rejection = classify(new TypeError('bug'));
    expect(rejection.status).toBe(500);
    expect(rejection.message).toContain(rejection.errorId);
  });

  it('answers bad input with a 4xx, never a 5xx', () => {
    const badInput = WEBHOOK_ERROR_CODES.filter(isBadInput);
    expect(badInput.length).toBe(WEBHOOK_ERROR_CODES.length - 2);
    expect(badInput.every((code) => httpStatusOf(code) >= 400 && httpStatusOf(code) < 500)).toBe(
      true,
    );
  });
});
