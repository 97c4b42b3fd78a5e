import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Files (PEM) of a test's own CA, a broker certificate signed by it, and a client's. */
export interface TlsMaterial {
  /** The CA's certificate: what clients trust (KAFKA_SSL_CA_FILE). */
  readonly caCert: string;
  /** The broker's PKCS#8 key and certificate in one file (a PEM keystore of Kafka). */
  readonly brokerKeystore: string;
  /** A client certificate and its key, for mutual TLS (KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE). */
  readonly clientCert: string;
  readonly clientKey: string;
}

const openssl = (...args: string[]) => run('openssl', args, { timeout: 30_000 });

/** A key and a certificate signed by the CA in `dir`, with `extensions` (openssl x509 -extfile). */
async function signed(dir: string, name: string, extensions: string): Promise<void> {
  const at = (suffix: string) => join(dir, `${name}.${suffix}`);
  await openssl(
    'genpkey',
    '-algorithm',
    'RSA',
    '-pkeyopt',
    'rsa_keygen_bits:2048',
    '-out',
    at('key'),
  );
  await openssl('req', '-new', '-key', at('key'), '-subj', `/CN=${name}`, '-out', at('csr'));
  writeFileSync(at('ext'), extensions);
  await openssl(
    'x509',
    '-req',
    '-in',
    at('csr'),
    '-CA',
    join(dir, 'ca.pem'),
    '-CAkey',
    join(dir, 'ca.key'),
    '-set_serial',
    String(Date.now()),
    '-days',
    '2',
    '-extfile',
    at('ext'),
    '-out',
    at('pem'),
  );
}

/**
 * Makes, with openssl, a CA valid two days and certificates for the loopback broker (names
 * 127.0.0.1 and localhost, which TLS clients check) and for a client, under `dir`.
 */
export async function makeTlsMaterial(dir: string): Promise<TlsMaterial> {
  await openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(dir, 'ca.key'),
    '-out',
    join(dir, 'ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=donations-test-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  );
  await Promise.all([
    signed(
      dir,
      'broker',
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
    ),
    signed(dir, 'client', 'extendedKeyUsage=clientAuth\n'),
  ]);
  const keystore = join(dir, 'broker-keystore.pem');
  writeFileSync(
    keystore,
    readFileSync(join(dir, 'broker.key'), 'utf8') + readFileSync(join(dir, 'broker.pem'), 'utf8'),
  );
  return {
    caCert: join(dir, 'ca.pem'),
    brokerKeystore: keystore,
    clientCert: join(dir, 'client.pem'),
    clientKey: join(dir, 'client.key'),
  };
}
