import {
  findHostile,
  findHostilePath,
  hostileInputProblem,
  hostileText,
  MAX_DB_INTEGER,
  parseDbInt,
  printable,
  storable,
} from './input-safety';

const LONE_HIGH = '\uD800';
const LONE_LOW = '\uDC00';
const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('hostile text', () => {
  it.each([
    ['plain', null],
    ['Amira Khan – Décision 📄', null], // a surrogate pair is a character
    ['a\u0000b', 'nul'],
    [`a${LONE_HIGH}b`, 'lone_surrogate'],
    [`a${LONE_LOW}`, 'lone_surrogate'],
    [`${LONE_LOW}${LONE_HIGH}`, 'lone_surrogate'], // reversed pair
  ])('%j → %s', (text, kind) => {
    expect(hostileText(text)).toBe(kind);
  });
});

describe('findHostile', () => {
  it('finds a NUL or a lone surrogate in a value or a key, and names where', () => {
    expect(
      findHostile({ childName: 'Robin', contacts: [{ name: 'x\u0000' }] }),
    ).toEqual({ kind: 'nul', at: 'contacts.0.name' });
    expect(findHostile({ [`k${LONE_HIGH}`]: 1 })).toEqual({
      kind: 'lone_surrogate',
      at: `k\uFFFD`,
    });
    expect(findHostile({ a: [1, true, null, { b: 'fine' }] })).toBeNull();
  });

  it('refuses nesting beyond the limit without overflowing the stack, even 50,000 deep', () => {
    expect(findHostile(nested(32))).toBeNull();
    expect(findHostile(nested(33))?.kind).toBe('too_deep');
    expect(
      findHostile(JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`))
        ?.kind,
    ).toBe('too_deep');
  });

  it('finds malformed percent-encoding and hostile characters in a path', () => {
    expect(findHostilePath('/api/cases/%E0%A4%A')).toEqual({
      kind: 'malformed_url',
      at: 'path',
    });
    expect(findHostilePath('/api/cases/%00')).toEqual({
      kind: 'nul',
      at: 'path',
    });
    expect(findHostilePath('/api/cases/%C3%A9t%C3%A9')).toBeNull();
  });

  it('says what and where in words a developer can act on', () => {
    expect(
      hostileInputProblem({ kind: 'nul', at: 'childName' }, 'body'),
    ).toMatchObject({
      message: expect.stringContaining(
        'childName in the body contains a NUL character',
      ),
      errors: [{ field: 'childName' }],
    });
    expect(
      hostileInputProblem({ kind: 'nul', at: 'path' }, 'path').message,
    ).toMatch(/^The path contains/);
    expect(
      hostileInputProblem(
        { kind: 'too_deep', at: Array(40).fill('0').join('.') },
        'body',
      ).errors[0]?.field,
    ).toBe('0.0.0.0.0.0…');
  });
});

describe('what the logs store', () => {
  it('makes every string storable and cuts nesting, whatever came in', () => {
    expect(printable(`a\u0000b${LONE_HIGH}c`)).toBe('a\uFFFDb\uFFFDc');
    expect(storable({ q: 'x\u0000', [`k${LONE_LOW}`]: [LONE_HIGH] })).toEqual({
      q: 'x\uFFFD',
      'k\uFFFD': ['\uFFFD'],
    });
    expect(JSON.stringify(storable(nested(100)))).toContain(
      '[nested too deep]',
    );
  });
});

describe('whole numbers for PostgreSQL', () => {
  it.each(['0', '42', String(MAX_DB_INTEGER)])('takes %s', (value) => {
    expect(parseDbInt(value, 'offset')).toBe(Number(value));
  });
  it.each([
    '-1',
    '1e20',
    '99999999999999999999',
    String(MAX_DB_INTEGER + 1),
    '3.5',
    'abc',
    '',
    ' 1',
  ])('refuses %j, naming the parameter', (value) => {
    expect(parseDbInt(value, 'offset')).toMatchObject({
      message: expect.stringContaining('offset must be a whole number'),
      errors: [{ field: 'offset' }],
    });
  });
});
