import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readEnvFile } from './env-file';

/** The settings a dev-secrets.env holds, in the order it writes them. */
export const DEV_SECRET_SETTINGS = [
  'DONOR_HASH_KEY',
  'STATEMENT_IMPORT_TOKEN',
  'OPERATOR_TOKEN',
  'ALIPAY_APP_ID',
  'ALIPAY_APP_PRIVATE_KEY',
  'ALIPAY_PUBLIC_KEYS',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_PLATFORM_KEYS',
  'STRIPE_WEBHOOK_SECRETS',
  'SHUIDI_WEBHOOK_SECRETS',
  'JD_WEBHOOK_SECRETS',
] as const;

/** What the services verify with (their env) and what the platforms sign with (the simulator). */
export interface DevSecrets {
  serviceEnv: Record<(typeof DEV_SECRET_SETTINGS)[number], string>;
  platformKeys: {
    alipay: { appId: string; privateKeyPem: string };
    tencent: { serial: string; privateKeyPem: string; apiV3Key: string; mchid: string };
    stripe: { secret: string };
    shuidi: { secret: string };
    jd: { secret: string };
    statementImportToken: string;
  };
}

function rsaPair(): { publicDerBase64: string; privatePem: string; privateDerBase64: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicDerBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateDerBase64: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

const whsec = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * Fresh secrets for a local run: RSA pairs for Alipay (the platform's and the app's) and for the
 * WeChat Pay platform key, an APIv3 key, Standard Webhooks and Stripe secrets, a donor-hash key.
 * Never for production: production keys come from the platforms' consoles.
 */
export function generateDevSecrets(): DevSecrets {
  const alipayPlatform = rsaPair();
  const alipayApp = rsaPair();
  const wechatPlatform = rsaPair();
  const serial = `PUB_KEY_ID_${randomBytes(8).toString('hex').toUpperCase()}`;
  const apiV3Key = randomBytes(16).toString('hex');
  const appId = `2021${String(randomBytes(6).readUIntBE(0, 6)).padStart(12, '0').slice(-12)}`;
  const [stripe, shuidi, jd] = [whsec(), whsec(), whsec()];
  const statementImportToken = randomBytes(24).toString('hex');
  const operatorToken = randomBytes(24).toString('hex');
  return {
    serviceEnv: {
      DONOR_HASH_KEY: randomBytes(32).toString('hex'),
      STATEMENT_IMPORT_TOKEN: statementImportToken,
      OPERATOR_TOKEN: operatorToken,
      ALIPAY_APP_ID: appId,
      ALIPAY_APP_PRIVATE_KEY: alipayApp.privateDerBase64,
      ALIPAY_PUBLIC_KEYS: alipayPlatform.publicDerBase64,
      WECHATPAY_APIV3_KEY: apiV3Key,
      WECHATPAY_PLATFORM_KEYS: `${serial}=${wechatPlatform.publicDerBase64}`,
      STRIPE_WEBHOOK_SECRETS: stripe,
      SHUIDI_WEBHOOK_SECRETS: shuidi,
      JD_WEBHOOK_SECRETS: jd,
    },
    platformKeys: {
      alipay: { appId, privateKeyPem: alipayPlatform.privatePem },
      tencent: { serial, privateKeyPem: wechatPlatform.privatePem, apiV3Key, mchid: '1900000109' },
      stripe: { secret: stripe },
      shuidi: { secret: shuidi },
      jd: { secret: jd },
      statementImportToken,
    },
  };
}

export { toEnvFile } from './env-file';

/**
 * The settings of `expected` that an env file lacks (or leaves empty): secrets kept from an older
 * version of this command miss what was added since (OPERATOR_TOKEN, say).
 */
export function missingSettings(envFile: string, expected: readonly string[]): string[] {
  const present = readEnvFile(envFile);
  return expected.filter((key) => !present.has(key));
}
