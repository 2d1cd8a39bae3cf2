// The PKI of a test control plane: one CA, the API server's serving cert, an
// admin client cert and the service-account signing key. Made with the openssl
// CLI because node:crypto cannot issue X.509 certificates.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Pki {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  adminCert: string;
  adminKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(err)}`);
  }
}

const days = '3650';
const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export async function generatePki(dir: string): Promise<Pki> {
  const p = (name: string) => join(dir, name);
  const pki: Pki = {
    caCert: p('ca.crt'),
    caKey: p('ca.key'),
    serverCert: p('apiserver.crt'),
    serverKey: p('apiserver.key'),
    adminCert: p('admin.crt'),
    adminKey: p('admin.key'),
    serviceAccountKey: p('sa.key'),
    serviceAccountPub: p('sa.pub'),
  };

  await openssl([
    'req', '-x509', ...ecKey, '-keyout', pki.caKey, '-out', pki.caCert, '-days', days,
    '-subj', '/CN=cto-testenv-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const issued = ['-CA', pki.caCert, '-CAkey', pki.caKey, '-days', days];
  await Promise.all([
    openssl([
      'req', '-x509', ...ecKey, ...issued, '-keyout', pki.serverKey, '-out', pki.serverCert,
      '-subj', '/CN=kube-apiserver',
      '-addext', 'basicConstraints=critical,CA:FALSE',
      '-addext', 'extendedKeyUsage=serverAuth',
      '-addext',
      'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local',
    ]),
    // system:masters bypasses RBAC, so every component can share this identity.
    openssl([
      'req', '-x509', ...ecKey, ...issued, '-keyout', pki.adminKey, '-out', pki.adminCert,
      '-subj', '/O=system:masters/CN=cto-admin',
      '-addext', 'basicConstraints=critical,CA:FALSE',
      '-addext', 'extendedKeyUsage=clientAuth',
    ]),
  ]);

  const sa = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  await writeFile(pki.serviceAccountKey, sa.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  await writeFile(pki.serviceAccountPub, sa.publicKey.export({ type: 'spki', format: 'pem' }));
  return pki;
}
