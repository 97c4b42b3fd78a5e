// The platforms' side of the webhook protocols: signing (and encrypting) requests exactly as
// Alipay, WeChat Pay, Stripe and Standard Webhooks senders do. Used by the traffic simulator,
// the adapters' tests and the benches.
export * from './alipay-notify.signer';
export * from './standard-webhooks.signer';
export * from './stripe-signature.signer';
export * from './wechatpay-notification.signer';
