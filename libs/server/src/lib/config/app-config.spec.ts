import { ConfigError, loadConfig, trustProxySetting } from './app-config';

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['1', 1],
    ['10', 10],
    ['loopback', ['loopback']],
    [
      'loopback, 10.0.0.0/8,192.168.1.7',
      ['loopback', '10.0.0.0/8', '192.168.1.7'],
    ],
    ['uniquelocal,fd00::/8,::1', ['uniquelocal', 'fd00::/8', '::1']],
  ])('%s → %j', (value, expected) => {
    expect(
      trustProxySetting(
        loadConfig(value === undefined ? {} : { TRUST_PROXY: value }),
      ),
    ).toEqual(expected);
  });

  it.each([
    'true',
    '0',
    '11',
    'everyone',
    '10.0.0.0/33',
    '10.0.0.1/8/1',
    'loopback,',
    '300.1.1.1',
  ])('refuses %j, naming the variable', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: /);
  });
});

describe('production', () => {
  it.each([
    ['COOKIE_SECURE', 'false'],
    ['OIDC_ALLOW_HTTP', 'true'],
    ['DEMO_PASSWORD', 'demo-password-2026'],
    ['CLOCK_NOW', '2026-03-02T09:00:00Z'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ NODE_ENV: 'production', [name]: value })).toThrow(
      new RegExp(`${name}: `),
    );
  });
});

describe('MALWARE_SCANNER_URL', () => {
  it('is off by default, and takes clamd://host:port', () => {
    expect(loadConfig({}).MALWARE_SCANNER_URL).toBeUndefined();
    expect(
      loadConfig({ MALWARE_SCANNER_URL: 'clamd://clamav.internal:3310' })
        .MALWARE_SCANNER_URL,
    ).toBe('clamd://clamav.internal:3310');
  });

  it.each([
    'http://clamav:3310',
    'clamd://clamav',
    'clamd://clamav:3310/scan',
    'clamav:3310',
  ])('refuses %j, naming the variable', (value) => {
    expect(() => loadConfig({ MALWARE_SCANNER_URL: value })).toThrow(
      /MALWARE_SCANNER_URL: /,
    );
  });
});
