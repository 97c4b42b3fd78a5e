import { DonationCheckViewSchema, LedgerEventView, VerificationView } from '@donations/contracts';
import { NO_NAMES, RegistryNames } from '../names/registry-names';
import {
  aLedgerEvent as anEvent,
  aRefundEvent as aRefund,
  aVerification as verificationOf,
  CHECK_CAMPAIGN as CAMPAIGN,
  CHECK_CHARITY as CHARITY,
} from '../../test/check.builders';
import { checkViewOf, unknownView } from './check-view';

const query = { platform: 'alipay', txn: '2026090922001000000000000001' };
const names: RegistryNames = {
  campaigns: new Map([[CAMPAIGN, '乡村儿童午餐']]),
  charities: new Map([[CHARITY, '某某慈善基金会']]),
};

const aVerification = (events: LedgerEventView[], overrides: Partial<VerificationView> = {}) =>
  verificationOf(query.platform, query.txn, events, overrides);

/** Every answer must satisfy the contract the page and the browser test read. */
const answer = (verification: VerificationView | undefined, registry = names) =>
  DonationCheckViewSchema.parse(checkViewOf(query, verification, registry));

describe('checkViewOf', () => {
  it('answers counted with the campaign, the charity, the amount and both times', () => {
    expect(answer(aVerification([anEvent()]))).toEqual({
      status: 'counted',
      ...query,
      campaign: { id: CAMPAIGN, title: '乡村儿童午餐' },
      charity: { id: CHARITY, name: '某某慈善基金会' },
      amountMinor: '8888',
      currency: 'CNY',
      refundedMinor: '0',
      occurredAt: '2026-09-09T01:58:00.000Z',
      countedAt: '2026-09-09T01:58:02.000Z',
    });
  });

  it('gives ids without names when the registry names neither', () => {
    const view = answer(aVerification([anEvent()]), NO_NAMES);
    expect(view.campaign).toEqual({ id: CAMPAIGN, title: null });
    expect(view.charity).toEqual({ id: CHARITY, name: null });
  });

  it('answers refunded with the sum of the counted refunds, a partial refund too', () => {
    const view = answer(aVerification([anEvent(), aRefund('1000'), aRefund('888')]));
    expect(view).toMatchObject({ status: 'refunded', amountMinor: '8888', refundedMinor: '1888' });
  });

  it('leaves a dead-lettered refund out of the refunded sum', () => {
    const rejected = aRefund('9999', { status: 'rejected', rejection: 'REFUND_EXCEEDS_DONATION' });
    expect(answer(aVerification([anEvent(), rejected]))).toMatchObject({
      status: 'counted',
      refundedMinor: '0',
    });
    expect(answer(aVerification([anEvent(), rejected, aRefund('8')]))).toMatchObject({
      status: 'refunded',
      refundedMinor: '8',
    });
  });

  it('sums refunds beyond the safe integer range exactly', () => {
    const big = '9007199254740993';
    const view = answer(
      aVerification([anEvent({ amountMinor: '20000000000000000' }), aRefund(big)]),
    );
    expect(view.refundedMinor).toBe(big);
  });

  it('answers not_seen, knowing nothing, when the ledger has no row', () => {
    expect(answer(undefined)).toEqual({
      status: 'not_seen',
      ...query,
      campaign: null,
      charity: null,
      amountMinor: null,
      currency: null,
      refundedMinor: null,
      occurredAt: null,
      countedAt: null,
    });
  });

  it('never says counted for a dead-lettered donation: not_seen, with its campaign and amount', () => {
    const rejected = anEvent({ status: 'rejected', rejection: 'TOTAL_OVERFLOW' });
    expect(answer(aVerification([rejected, aRefund('100')]))).toEqual({
      status: 'not_seen',
      ...query,
      campaign: { id: CAMPAIGN, title: '乡村儿童午餐' },
      charity: { id: CHARITY, name: '某某慈善基金会' },
      amountMinor: '8888',
      currency: 'CNY',
      refundedMinor: null,
      occurredAt: '2026-09-09T01:58:00.000Z',
      countedAt: null,
    });
  });

  it('does not trust a counted row that the aggregator does not call counted', () => {
    const view = answer(aVerification([anEvent()], { donationCounted: false }));
    expect(view.status).toBe('not_seen');
    expect(view.countedAt).toBeNull();
  });

  it('answers not_seen without an amount when only refunds of the transaction arrived', () => {
    const view = answer(aVerification([aRefund('100')]));
    expect(view).toMatchObject({ status: 'not_seen', amountMinor: null, refundedMinor: null });
    expect(view.campaign?.id).toBe(CAMPAIGN);
  });

  it('answers unknown with nothing but the question', () => {
    expect(unknownView({ platform: 'paypal', txn: 'X1' })).toMatchObject({
      status: 'unknown',
      platform: 'paypal',
      txn: 'X1',
      campaign: null,
      amountMinor: null,
    });
  });
});
