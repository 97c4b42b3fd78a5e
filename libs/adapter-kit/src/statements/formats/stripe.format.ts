import type { StatementFormat } from '../statement-format';

/**
 * Overseas giving through Stripe: modelled on Stripe's balance / payments CSV exports (`created`
 * in UTC, `amount` in the currency's minor units, lower-case `currency`, metadata as
 * `<key> (metadata)` columns). The transaction is `payment_intent_id`, as the stripe adapter's
 * platformTxnId (the charge id for a payment without a PaymentIntent); refunds are `refund`
 * rows, negative as Stripe writes them, with the re_ id; like the webhooks, a refund that names
 * no campaign goes to its donation's.
 */
export const STRIPE_STATEMENT_FORMAT: StatementFormat = {
  platform: 'stripe',
  modelledOn: 'Stripe balance and payments CSV exports',
  columns: {
    transactionId: 'payment_intent_id',
    kind: 'type',
    refundId: 'refund_id',
    occurredAt: 'created',
    donationAmount: 'amount',
    refundAmount: 'amount',
    currency: 'currency',
    projectId: 'projectId (metadata)',
    campaignId: 'campaignId (metadata)',
    charityId: 'charityId (metadata)',
  },
  kinds: {
    donation: ['charge', 'payment'],
    refund: ['refund', 'payment_refund'],
    ignored: ['payout', 'stripe_fee', 'adjustment', 'transfer'],
  },
  refundsPerTransaction: true,
  amountUnit: 'minor',
  defaultCurrency: 'USD',
  localOffset: 'Z',
  example: [
    'payment_intent_id,type,refund_id,created,amount,currency,projectId (metadata),campaignId (metadata),charityId (metadata)',
    'pi_3PqA1b2C3d4E5f6G,charge,,2026-09-09 02:00:01,2500,usd,STRIPE-PRJ-1,,',
    'pi_3PqA1b2C3d4E5f7H,charge,,2026-09-09 03:10:00,10000,hkd,,MZ-2026-0001,53100000500021676K',
    'pi_3PqA1b2C3d4E5f6G,refund,re_3PqA1b2C3d4E5f6G0aBcDe,2026-09-10 01:00:00,-500,usd,,,',
    ',payout,,2026-09-10 04:00:00,-12000,usd,,,',
    '',
  ].join('\n'),
};
