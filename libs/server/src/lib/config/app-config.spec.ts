import { EXAMPLE_SENDER } from '@send/domain';
import {
  ConfigError,
  isUkPhoneNumber,
  letterReplyToOf,
  letterSenderOf,
  loadConfig,
  trustProxySetting,
} from './app-config';
import { COUNCIL_SENDER_ENV } from '@send/domain/testing';

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

describe('the letters’ sender (COUNCIL_*, MEDIATION_ADVISER_*, COUNCIL_MEDIATION_CONTACT_*, SENDIASS_*, DISAGREEMENT_RESOLUTION_*)', () => {
  it.each(['development', 'test'])(
    'defaults to the example council’s in %s',
    (NODE_ENV) => {
      expect(letterSenderOf(loadConfig({ NODE_ENV }))).toEqual(EXAMPLE_SENDER);
    },
  );

  it('takes what is set, and defaults the rest outside production', () => {
    expect(
      letterSenderOf(
        loadConfig({
          COUNCIL_NAME: '  Rutland County Council ',
          SENDIASS_PHONE: '01572 758364',
        }),
      ),
    ).toEqual({
      ...EXAMPLE_SENDER,
      councilName: 'Rutland County Council',
      informationAdviceSupport: {
        ...EXAMPLE_SENDER.informationAdviceSupport,
        phone: '01572 758364',
      },
    });
  });

  it('is the council’s own in production', () => {
    expect(
      letterSenderOf(
        loadConfig({ NODE_ENV: 'production', ...COUNCIL_SENDER_ENV }),
      ),
    ).toEqual({
      councilName: 'Rutland County Council',
      councilAddress: 'Catmose, Oakham, Rutland LE15 6HP',
      mediationAdviser: {
        name: 'Global Mediation',
        phone: '0800 064 0707',
        email: 'send@globalmediation.example',
      },
      councilMediationContact: {
        name: 'Rutland SEND Team',
        phone: '01572 722577',
        email: 'send@rutland.gov.example',
      },
      informationAdviceSupport: {
        name: 'Rutland SENDIASS',
        phone: '+44 (0)1572 758 364',
        email: 'sendiass@rutland.gov.example',
      },
      disagreementResolution: {
        name: 'Kids Disagreement Resolution',
        phone: '0333 062 0010',
        email: 'resolution@kids.example',
      },
    });
  });

  it('is refused in production without them, naming each one to set (the API does not start)', () => {
    const production = loadConfig({ NODE_ENV: 'production' });
    expect(() => letterSenderOf(production)).toThrow(ConfigError);
    let message = '';
    try {
      letterSenderOf(production);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^Invalid configuration: in production, letters must give the council’s own details and the contacts the law requires/,
    );
    for (const name of Object.keys(COUNCIL_SENDER_ENV))
      expect(message).toContain(name);
    expect(message).toContain(
      'Set COUNCIL_NAME — the council’s name; COUNCIL_ADDRESS — its postal address, on one line; MEDIATION_ADVISER_NAME — the name of the independent mediation adviser, whom the family contacts before appealing (CFA 2014 s.53, SEND Regs 2014 reg 32(c)); MEDIATION_ADVISER_PHONE — its telephone number; MEDIATION_ADVISER_EMAIL — its email address; COUNCIL_MEDIATION_CONTACT_NAME',
    );
    expect(message).toContain('see README, "Letters"');
  });

  it.each(Object.keys(COUNCIL_SENDER_ENV))(
    'is refused in production without %s alone',
    (name) => {
      const config = loadConfig({
        NODE_ENV: 'production',
        ...COUNCIL_SENDER_ENV,
        [name]: '',
      });
      expect(() => letterSenderOf(config)).toThrow(
        new RegExp(`\\. Set ${name} — [^;]*\\. Outside production`),
      );
    },
  );

  it('is not asked for by what makes no letters (the worker, the commands): their configuration loads without it', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).NODE_ENV).toBe('production');
  });

  it.each([
    ['COUNCIL_NAME', '   ', /COUNCIL_NAME: the council’s name .*, not blank/],
    [
      'COUNCIL_ADDRESS',
      'Town Hall\nHigh Street',
      /COUNCIL_ADDRESS: .*on one line/,
    ],
    [
      'SENDIASS_NAME',
      'x'.repeat(301),
      /SENDIASS_NAME: .*at most 300 characters/,
    ],
    [
      'MEDIATION_ADVISER_PHONE',
      '123',
      /MEDIATION_ADVISER_PHONE: a UK telephone number, e.g. 0300 123 4567/,
    ],
    [
      'DISAGREEMENT_RESOLUTION_PHONE',
      '+1 212 555 0100',
      /DISAGREEMENT_RESOLUTION_PHONE: a UK telephone number/,
    ],
    [
      'COUNCIL_MEDIATION_CONTACT_EMAIL',
      'send at council',
      /COUNCIL_MEDIATION_CONTACT_EMAIL: an email address, e.g. /,
    ],
  ])('refuses %s=%j, saying what to set', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it.each([
    ['0300 123 4567', true],
    ['01572 722577', true],
    ['020 7946 0000', true],
    ['0800 064 0707', true],
    ['0800 123 456', true],
    ['+44 300 123 4567', true],
    ['+44 (0)20 7946 0000', true],
    ['0044 20 7946 0000', true],
    ['(01572) 722-577', true],
    ['123', false],
    ['0300 123 4567 ext 2', false],
    ['+1 212 555 0100', false],
    ['02079460000000', false],
    ['phone us', false],
  ])('takes %j as a UK telephone number: %s', (value, ok) => {
    expect(isUkPhoneNumber(value)).toBe(ok);
  });
});

describe('LETTERS_REPLY_TO: where a family’s reply to a letter’s email goes', () => {
  it('is the council’s mediation contact when unset, never MAIL_FROM', () => {
    expect(letterReplyToOf(loadConfig({}))).toEqual({
      name: EXAMPLE_SENDER.councilMediationContact.name,
      address: EXAMPLE_SENDER.councilMediationContact.email,
    });
    expect(
      letterReplyToOf(
        loadConfig({ NODE_ENV: 'production', ...COUNCIL_SENDER_ENV }),
      ),
    ).toEqual({
      name: 'Rutland SEND Team',
      address: 'send@rutland.gov.example',
    });
  });

  it('is the address set', () => {
    expect(
      letterReplyToOf(
        loadConfig({ LETTERS_REPLY_TO: ' send.casework@rutland.gov.example ' }),
      ),
    ).toBe('send.casework@rutland.gov.example');
  });

  it('refuses what is not an email address, naming the variable', () => {
    expect(() =>
      loadConfig({ LETTERS_REPLY_TO: 'SEND team <send@rutland.gov.example>' }),
    ).toThrow(/LETTERS_REPLY_TO: an email address/);
  });
});
