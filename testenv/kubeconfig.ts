// The admin kubeconfig of a test control plane. Credentials are embedded so
// the file stays valid wherever it is copied to.
import { readFile, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import type { Pki } from './certs.js';

export async function writeAdminKubeconfig(path: string, server: string, pki: Pki): Promise<void> {
  const b64 = async (file: string) => (await readFile(file)).toString('base64');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'cto-testenv', cluster: { server, 'certificate-authority-data': await b64(pki.caCert) } }],
    users: [
      {
        name: 'cto-admin',
        user: { 'client-certificate-data': await b64(pki.adminCert), 'client-key-data': await b64(pki.adminKey) },
      },
    ],
    contexts: [{ name: 'cto-testenv', context: { cluster: 'cto-testenv', user: 'cto-admin' } }],
    'current-context': 'cto-testenv',
  };
  await writeFile(path, stringify(config), { mode: 0o600 });
}
