import { generateKeyPairSync } from 'node:crypto';
import { wechatPayApiV3KeySchema, wechatPayPlatformKeysSchema } from './wechatpay-keys';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const spkiDer = rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const spkiPem = Buffer.from(rsa.publicKey.export({ type: 'spki', format: 'pem' })).toString(
  'base64',
);

function problemsOf(value: string): string[] {
  const result = wechatPayPlatformKeysSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('wechatPayPlatformKeysSchema', () => {
  it('reads serial=base64 pairs of SPKI DER and of PEM, padding included', () => {
    const keys = wechatPayPlatformKeysSchema.parse(
      ` 5157F09EFDC096DE15EBE81A47057A72=${spkiDer} , PUB_KEY_ID_0114232134912410000=${spkiPem}`,
    );
    expect([...keys.keys()]).toEqual([
      '5157F09EFDC096DE15EBE81A47057A72',
      'PUB_KEY_ID_0114232134912410000',
    ]);
    for (const key of keys.values()) {
      expect(key.type).toBe('public');
      expect(key.equals(rsa.publicKey)).toBe(true);
    }
  });

  it('lists every bad pair by position, without key material', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
    const ecDer = ec.export({ type: 'spki', format: 'der' }).toString('base64');
    const privatePem = Buffer.from(
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    ).toString('base64');
    const problems = problemsOf(
      [
        `A=${spkiDer}`,
        'no-separator',
        `B=${ecDer}`,
        `A=${spkiDer}`,
        'C=not-base64!',
        `D=${privatePem}`,
      ].join(','),
    );
    expect(problems).toEqual([
      'pair 2: expected serial=base64(key)',
      'pair 3: serial B: not an RSA public key (PEM, or base64 of SPKI DER or PEM)',
      'pair 4: serial A is listed twice',
      'pair 5: serial C: not an RSA public key (PEM, or base64 of SPKI DER or PEM)',
      'pair 6: serial D: not an RSA public key (PEM, or base64 of SPKI DER or PEM)',
    ]);
    expect(problems.join(' ')).not.toContain(spkiDer.slice(40, 80));
  });

  it('requires at least one pair', () => {
    expect(problemsOf('').length).toBeGreaterThan(0);
  });
});

describe('wechatPayApiV3KeySchema', () => {
  it.each([
    ['32 ASCII characters', 'apiv3-key-0123456789abcdefghijkl', true],
    ['31 characters', 'apiv3-key-0123456789abcdefghijk', false],
    ['32 characters that are more than 32 bytes', '密'.repeat(2) + 'a'.repeat(30), false],
  ])('%s: valid %s', (_name, value, valid) => {
    expect(wechatPayApiV3KeySchema.safeParse(value).success).toBe(valid);
  });
});
