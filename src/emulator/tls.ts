import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  cert: string;
  key: string;
  certFile: string;
}

/**
 * A self-signed certificate for `localhost` and `127.0.0.1`, written to `certFile` so clients
 * can trust it with NODE_EXTRA_CA_CERTS. EC keys keep generation fast enough for tests.
 */
export async function selfSignedCertificate(certFile?: string): Promise<TlsMaterial> {
  generated ??= generateCertificate();
  const pems = await generated;
  const file =
    certFile ?? join(tmpdir(), `tenantform-emulator-${process.pid}-${Date.now()}-${written++}.pem`);
  writeFileSync(file, pems.cert);
  return { cert: pems.cert, key: pems.private, certFile: file };
}

// One key pair per process: a test suite starts many TLS emulators and generation is the slow part.
let generated: ReturnType<typeof generateCertificate> | undefined;
let written = 0;

function generateCertificate() {
  return generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
}
