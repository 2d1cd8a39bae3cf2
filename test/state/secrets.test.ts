import { describe, expect, it } from 'vitest';
import { SecretSet } from '../../src/spec/secrets.js';

describe('SecretSet', () => {
  it('redacts every known value and its base64 forms, longest first', () => {
    const secrets = new SecretSet();
    secrets.add('lat_sk_abc123');
    secrets.add('hunter2-password');
    secrets.add('hunter2');
    const b64 = Buffer.from('hunter2-password').toString('base64');
    const text = `key=lat_sk_abc123 pass=hunter2-password data: ${b64} url=${Buffer.from('lat_sk_abc123').toString('base64url')}`;
    expect(secrets.redact(text)).toBe('key=(sensitive) pass=(sensitive) data: (sensitive) url=(sensitive)');
    expect(secrets.has('hunter2')).toBe(true);
    expect(secrets.has('other')).toBe(false);
    expect(secrets.size).toBe(3);
  });

  it('ignores values shorter than 4 characters, which would redact ordinary text', () => {
    const secrets = new SecretSet();
    secrets.add('abc');
    secrets.add('');
    expect(secrets.size).toBe(0);
    expect(secrets.redact('abc def')).toBe('abc def');
  });

  it('redacts values with regex metacharacters literally', () => {
    const secrets = new SecretSet();
    secrets.add('a.b*c+(d)');
    expect(secrets.redact('x a.b*c+(d) axbbc')).toBe('x (sensitive) axbbc');
  });
});

describe('SecretSet inside encoded blobs', () => {
  it('redacts a value embedded at any byte offset of a longer base64 blob', () => {
    const secret = 'talos-ca-private-key-0123456789';
    const secrets = new SecretSet();
    secrets.add(secret);
    for (let prefix = 0; prefix < 6; prefix++) {
      for (let suffix = 0; suffix < 3; suffix++) {
        const blob = Buffer.from(`${'p'.repeat(prefix)}${secret}${'s'.repeat(suffix)}`);
        for (const encoded of [blob.toString('base64'), blob.toString('base64url')]) {
          const redacted = secrets.redact(`client-key-data: ${encoded}`);
          expect(redacted, `prefix ${prefix} suffix ${suffix}`).toContain('(sensitive)');
          // what is left decodes to no more than a few bytes of the secret
          const rest = redacted.slice('client-key-data: '.length).split('(sensitive)').join('');
          expect(Buffer.from(rest, 'base64').toString('latin1')).not.toContain(secret.slice(0, 8));
        }
      }
    }
  });

  it('leaves ordinary base64 alone', () => {
    const secrets = new SecretSet();
    secrets.add('lat_sk_abc123');
    const unrelated = Buffer.from('apiVersion: v1\nkind: Config\n').toString('base64');
    expect(secrets.redact(unrelated)).toBe(unrelated);
  });
});
