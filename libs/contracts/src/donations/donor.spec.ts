import { DonorSchema, hashDonorId } from './donor';

describe('donor', () => {
  it('hashes a platform user id with HMAC-SHA256 as 64 hex digits', () => {
    const hash = hashDonorId('key', 'alipay', '2088102177846880');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashDonorId(Buffer.from('key'), 'alipay', '2088102177846880')).toBe(hash);
  });

  it('is HMAC-SHA256 of platform|userId', () => {
    // printf 'alipay|u1' | openssl dgst -sha256 -hmac key
    expect(hashDonorId('key', 'alipay', 'u1')).toBe(
      'b112d8dae789ba142359a3dca1975e84c47e323bd718b878793b1030a2af0db4',
    );
  });

  it('keeps equal user ids on two platforms apart', () => {
    expect(hashDonorId('key', 'alipay', 'u1')).not.toBe(hashDonorId('key', 'tencent', 'u1'));
  });

  it('depends on the key', () => {
    expect(hashDonorId('key-1', 'alipay', 'u1')).not.toBe(hashDonorId('key-2', 'alipay', 'u1'));
  });

  it('refuses an empty key or user id', () => {
    expect(() => hashDonorId('', 'alipay', 'u1')).toThrow(/key and a user id/);
    expect(() => hashDonorId('key', 'alipay', '')).toThrow(/key and a user id/);
  });

  it('accepts a donor with age band and region', () => {
    const hash = hashDonorId('key', 'jd', 'u1');
    expect(DonorSchema.parse({ hash, ageBand: '25-34', region: 'CN-GD' })).toEqual({
      hash,
      ageBand: '25-34',
      region: 'CN-GD',
    });
  });

  it.each([
    [{ hash: 'ABC' }],
    [{ hash: 'A'.repeat(64) }],
    [{ hash: 'a'.repeat(64), ageBand: '30-40' }],
    [{ hash: 'a'.repeat(64), region: '' }],
    [{ hash: 'a'.repeat(64), region: 'x'.repeat(33) }],
    [{ hash: 'a'.repeat(64), userId: 'u1' }],
    [{}],
  ])('rejects the donor %j', (donor) => {
    expect(DonorSchema.safeParse(donor).success).toBe(false);
  });
});
