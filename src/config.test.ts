import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.js';

describe('readConfig', () => {
  it('reads the variables it knows, leaving unset ones out', () => {
    const config = readConfig({ PORT: '4100', LEADSCORE_SQLITE_SYNC: 'normal', HOME: '/root' });
    expect(config).toEqual({ PORT: 4100, LEADSCORE_SQLITE_SYNC: 'normal' });
    expect(readConfig({}).LEADSCORE_SQLITE_SYNC).toBeUndefined();
  });

  it('names every variable that is wrong, and why', () => {
    expect(() => readConfig({ LEADSCORE_SQLITE_SYNC: 'off', PORT: 'http' })).toThrow(
      /invalid environment: .*PORT: .*LEADSCORE_SQLITE_SYNC: .*"full"\|"normal"/,
    );
  });

  it('takes the webhook guard switch, and refuses an old flag that contradicts it', () => {
    expect(readConfig({ LEADSCORE_WEBHOOK_ALLOW_PRIVATE: '1' })).toEqual({
      LEADSCORE_WEBHOOK_ALLOW_PRIVATE: true,
    });
    expect(
      readConfig({ LEADSCORE_WEBHOOK_BLOCK_PRIVATE: '1' }).LEADSCORE_WEBHOOK_BLOCK_PRIVATE,
    ).toBe(true);
    expect(() =>
      readConfig({ LEADSCORE_WEBHOOK_ALLOW_PRIVATE: '1', LEADSCORE_WEBHOOK_BLOCK_PRIVATE: 'true' }),
    ).toThrow(/LEADSCORE_WEBHOOK_BLOCK_PRIVATE: contradicts LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1/);
    expect(() => readConfig({ LEADSCORE_WEBHOOK_BLOCK_PRIVATE: '0' })).toThrow(
      /LEADSCORE_WEBHOOK_BLOCK_PRIVATE: no longer turns the webhook guard off .*LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1/,
    );
  });

  it('takes session expiry and the proxy trust setting', () => {
    const config = readConfig({
      LEADSCORE_SESSION_IDLE_MINUTES: '30',
      LEADSCORE_SESSION_MAX_HOURS: '12',
      LEADSCORE_TRUST_PROXY: '1',
    });
    expect(config).toEqual({
      LEADSCORE_SESSION_IDLE_MINUTES: 30,
      LEADSCORE_SESSION_MAX_HOURS: 12,
      LEADSCORE_TRUST_PROXY: true,
    });
    expect(readConfig({ LEADSCORE_TRUST_PROXY: '10.0.0.0/8' }).LEADSCORE_TRUST_PROXY).toBe(
      '10.0.0.0/8',
    );
    expect(readConfig({ LEADSCORE_TRUST_PROXY: 'false' }).LEADSCORE_TRUST_PROXY).toBe(false);
    expect(() => readConfig({ LEADSCORE_SESSION_IDLE_MINUTES: '-1' })).toThrow(
      /LEADSCORE_SESSION_IDLE_MINUTES/,
    );
  });

  it('takes a LOG_LEVEL of pino, and refuses another', () => {
    expect(readConfig({ LOG_LEVEL: 'warn' }).LOG_LEVEL).toBe('warn');
    expect(readConfig({}).LOG_LEVEL).toBeUndefined();
    expect(() => readConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL: .*"info"/);
  });

  it('takes an import size limit in bytes, and refuses one that is not a positive integer', () => {
    expect(readConfig({ LEADSCORE_IMPORT_MAX_BYTES: '1048576' }).LEADSCORE_IMPORT_MAX_BYTES).toBe(
      1048576,
    );
    expect(readConfig({}).LEADSCORE_IMPORT_MAX_BYTES).toBeUndefined();
    for (const wrong of ['0', '-5', '1.5', '2GB'])
      expect(() => readConfig({ LEADSCORE_IMPORT_MAX_BYTES: wrong })).toThrow(
        /LEADSCORE_IMPORT_MAX_BYTES: /,
      );
  });

  it('throws a ConfigError, which the CLI tells in one line, never echoing a value', () => {
    const wrong = () => readConfig({ LEADSCORE_ADMIN_KEY: 'fourteen-chars', PORT: '70000' });
    expect(wrong).toThrow(ConfigError);
    expect(wrong).toThrow(/^invalid environment: [^\n]*PORT: expected a port number from 0/);
    expect(wrong).not.toThrow(/fourteen-chars/);
  });

  it('takes single sign-on whole, and names what half a configuration lacks', () => {
    const sso = {
      LEADSCORE_PUBLIC_URL: 'https://leads.example.com',
      LEADSCORE_OIDC_ISSUER: 'https://id.example.com/realms/acme',
      LEADSCORE_OIDC_CLIENT_ID: 'leadscore',
      LEADSCORE_OIDC_CLIENT_SECRET: 'secret',
    };
    expect(
      readConfig({
        ...sso,
        LEADSCORE_OIDC_ALLOWED_DOMAINS: ' Example.com, acme.io ,',
        LEADSCORE_OIDC_DEFAULT_ROLE: 'sales',
      }),
    ).toMatchObject({
      LEADSCORE_OIDC_ALLOWED_DOMAINS: ['example.com', 'acme.io'],
      LEADSCORE_OIDC_DEFAULT_ROLE: 'sales',
    });
    expect(() =>
      readConfig({
        LEADSCORE_OIDC_ISSUER: 'https://id.example.com',
        LEADSCORE_PUBLIC_URL: sso.LEADSCORE_PUBLIC_URL,
      }),
    ).toThrow(
      /LEADSCORE_OIDC_CLIENT_ID: missing: single sign-on needs it \(LEADSCORE_OIDC_ISSUER is set\); LEADSCORE_OIDC_CLIENT_SECRET: missing/,
    );
    expect(() => readConfig({ ...sso, LEADSCORE_PUBLIC_URL: '' })).toThrow(
      /LEADSCORE_PUBLIC_URL: missing: single sign-on needs it/,
    );
    expect(() => readConfig({ LEADSCORE_OIDC_DEFAULT_ROLE: 'admin' })).toThrow(
      /LEADSCORE_OIDC_DEFAULT_ROLE: .*"viewer"/,
    );
    expect(() => readConfig({ ...sso, LEADSCORE_OIDC_ISSUER: 'http://id.example.com' })).toThrow(
      /LEADSCORE_OIDC_ISSUER: expected an https URL \(http only for localhost or 127.0.0.1\)/,
    );
    expect(() => readConfig({ ...sso, LEADSCORE_OIDC_ALLOWED_DOMAINS: 'ann@example.com' })).toThrow(
      /LEADSCORE_OIDC_ALLOWED_DOMAINS.*: expected a comma-separated list of e-mail domains/,
    );
    expect(
      readConfig({ ...sso, LEADSCORE_OIDC_ISSUER: 'http://127.0.0.1:9000' }).LEADSCORE_OIDC_ISSUER,
    ).toBe('http://127.0.0.1:9000');
  });
});
