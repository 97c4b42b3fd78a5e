import { RawWebhookSchema } from '@donations/contracts';
import type { PlatformMapping } from './platform-mapping';
import { keptHeaders, rawRecord, rejectedRawKey } from './raw-record';
import type { WebhookRequest } from './webhook-request';

const request: WebhookRequest = {
  platform: 'shuidi',
  method: 'POST',
  path: '/webhooks/shuidi',
  headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1', cookie: 'secret' },
  rawBody: Buffer.from('{"type":"donation.paid"}'),
  receivedAt: new Date('2026-12-06T08:00:00.000Z'),
  correlationId: 'c-1',
};

const mappingNaming = (txnId: () => string) =>
  ({ transactionIdOf: txnId }) as unknown as PlatformMapping<unknown>;

describe('raw records of authenticated requests', () => {
  it('records a rejected request with its reason, selected headers only', () => {
    const headers = keptHeaders(request, ['webhook-id']);
    const raw = rawRecord(request, headers, {
      status: 'rejected',
      reason: 'WEBHOOK.UNKNOWN_CAMPAIGN',
      message: 'no campaign registered for shuidi project p',
    });
    expect(RawWebhookSchema.parse(raw)).toEqual(raw);
    expect(raw.headers).toEqual({ 'content-type': 'application/json', 'webhook-id': 'msg_1' });
  });

  it('keys a rejected request by its transaction when the payload names one', () => {
    expect(
      rejectedRawKey(
        mappingNaming(() => 'sd-1'),
        request,
        {},
      ),
    ).toBe('shuidi:sd-1');
  });

  it.each([
    [
      'the payload names none',
      () => {
        throw new Error('no orderNo');
      },
    ],
    ['the id is not storable', () => ''],
  ])('keys it by its bytes when %s', (_name, txnId) => {
    expect(rejectedRawKey(mappingNaming(txnId), request, {})).toMatch(
      /^shuidi#sha256:[0-9a-f]{32}$/,
    );
  });
});
