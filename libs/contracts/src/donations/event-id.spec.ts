import { v5 as uuidv5 } from 'uuid';
import { ContractError } from '../common/contract-error';
import { DONATION_EVENT_NAMESPACE, donationEventId } from './event-id';

const donation = { platform: 'alipay', type: 'donation.completed', platformTxnId: 'T1' } as const;
const refund = { ...donation, type: 'donation.refunded', refundId: 'R1' } as const;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ContractError ? error.code : 'OTHER';
  }
  return undefined;
}

describe('donationEventId', () => {
  it('gives a retried donation the same id', () => {
    expect(donationEventId(donation)).toBe(donationEventId({ ...donation }));
  });

  it('is a version 5 UUID', () => {
    expect(donationEventId(donation)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('is pinned: ids never change between releases', () => {
    expect(DONATION_EVENT_NAMESPACE).toBe('4e13ac6d-cf94-4551-a6e3-6a3b2b1aebf5');
    // uuid5(namespace, 'alipay|donation.completed|T1'), computed independently with Python's uuid.
    expect(donationEventId(donation)).toBe('25071832-baa4-5604-8c1d-abd9b52e784f');
    expect(donationEventId(refund)).toBe('e109908f-812b-5173-9019-b20a557ebb3e');
  });

  it("equals the uuid package's v5 for any transaction id (ASCII, CJK, emoji, escapes)", () => {
    const ids = ['T1', '订单-2024-0909', 'a|b\\c', '🎗️ giving day', 'x'.repeat(200)];
    for (const platformTxnId of ids) {
      const name = `alipay|donation.completed|${platformTxnId.replace(/[\\|]/g, (c) => `\\${c}`)}`;
      expect(donationEventId({ ...donation, platformTxnId })).toBe(
        uuidv5(name, DONATION_EVENT_NAMESPACE),
      );
    }
  });

  it('differs by platform, type, transaction and refund', () => {
    const ids = [
      donationEventId(donation),
      donationEventId({ ...donation, platform: 'tencent' }),
      donationEventId({ ...donation, platformTxnId: 'T2' }),
      donationEventId(refund),
      donationEventId({ ...refund, refundId: 'R2' }),
      donationEventId({ ...refund, platformTxnId: 'T2' }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps ids apart when a transaction id contains the separator', () => {
    const a = donationEventId({ ...refund, platformTxnId: 'T|1', refundId: 'R' });
    const b = donationEventId({ ...refund, platformTxnId: 'T', refundId: '1|R' });
    expect(a).not.toBe(b);
  });

  it('requires a refundId for a refund', () => {
    expect(codeOf(() => donationEventId({ ...donation, type: 'donation.refunded' }))).toBe(
      'EVENT.REFUND_ID_REQUIRED',
    );
  });

  it('forbids a refundId on a donation', () => {
    expect(codeOf(() => donationEventId({ ...donation, refundId: 'R1' }))).toBe(
      'EVENT.REFUND_ID_FORBIDDEN',
    );
  });

  it('rejects empty ids', () => {
    expect(codeOf(() => donationEventId({ ...donation, platformTxnId: '' }))).toBe(
      'EVENT.EMPTY_ID',
    );
    expect(codeOf(() => donationEventId({ ...refund, refundId: '' }))).toBe('EVENT.EMPTY_ID');
  });
});
