import type { DatabaseSslEnv } from '@donations/config';

/** The part of Node's TLS options sslmode decides (what pg and TypeORM's driver both take). */
export interface PostgresTls {
  readonly rejectUnauthorized: boolean;
  readonly ca?: string;
  readonly checkServerIdentity?: () => undefined;
}

/** The `ssl` of node-postgres (and TypeORM's postgres driver): off, or TLS. */
export type PostgresSsl = false | PostgresTls;

/**
 * libpq's sslmode as node-postgres options (a DATABASE_URL with `sslmode` of its own wins: pg
 * reads the URL last).
 * - disable: no TLS.
 * - require: encrypted, the server not verified (managed services' certificates often chain to
 *   a CA the image lacks); with DATABASE_SSL_CA it is verified against that CA, as libpq does
 *   when a root certificate is there.
 * - verify-ca: the certificate must chain to DATABASE_SSL_CA (or the system's roots); any name.
 * - verify-full: that, and the certificate names the host connected to.
 */
export function postgresSslOf(settings: Partial<DatabaseSslEnv>): PostgresSsl {
  const ca = settings.DATABASE_SSL_CA;
  const withCa = ca === undefined ? {} : { ca };
  switch (settings.DATABASE_SSLMODE ?? 'disable') {
    case 'disable':
      return false;
    case 'require':
      return ca === undefined ? { rejectUnauthorized: false } : verifyCa(withCa);
    case 'verify-ca':
      return verifyCa(withCa);
    case 'verify-full':
      return { rejectUnauthorized: true, ...withCa };
  }
}

const verifyCa = (withCa: { ca?: string }): PostgresTls => ({
  rejectUnauthorized: true,
  ...withCa,
  // The chain is checked; the name in the certificate is not (libpq's verify-ca).
  checkServerIdentity: () => undefined,
});
