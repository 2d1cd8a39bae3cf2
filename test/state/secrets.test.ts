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
