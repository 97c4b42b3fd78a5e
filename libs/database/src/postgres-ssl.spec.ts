import { postgresSslOf } from './postgres-ssl';

const ca = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----';

describe('postgresSslOf (libpq sslmode)', () => {
  it('disable (and unset): no TLS', () => {
    expect(postgresSslOf({})).toBe(false);
    expect(postgresSslOf({ DATABASE_SSLMODE: 'disable' })).toBe(false);
  });

  it('require: encrypted without verification, verified against the CA when one is given', () => {
    expect(postgresSslOf({ DATABASE_SSLMODE: 'require' })).toEqual({ rejectUnauthorized: false });
    const withCa = postgresSslOf({ DATABASE_SSLMODE: 'require', DATABASE_SSL_CA: ca });
    expect(withCa).toMatchObject({ rejectUnauthorized: true, ca });
  });

  it('verify-ca: the chain is checked, the host name is not', () => {
    const ssl = postgresSslOf({ DATABASE_SSLMODE: 'verify-ca', DATABASE_SSL_CA: ca });
    expect(ssl).toMatchObject({ rejectUnauthorized: true, ca });
    expect(ssl && ssl.checkServerIdentity?.()).toBeUndefined();
    expect(ssl && typeof ssl.checkServerIdentity).toBe('function');
  });

  it("verify-full: the chain and the host name (Node's own check)", () => {
    expect(postgresSslOf({ DATABASE_SSLMODE: 'verify-full', DATABASE_SSL_CA: ca })).toEqual({
      rejectUnauthorized: true,
      ca,
    });
    expect(postgresSslOf({ DATABASE_SSLMODE: 'verify-full' })).toEqual({
      rejectUnauthorized: true,
    });
  });
});
