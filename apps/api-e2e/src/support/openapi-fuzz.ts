import fc from 'fast-check';

/**
 * Requests generated from the OpenAPI document with fast-check: for each operation, path and
 * query parameters and a body drawn from their schemas (types, formats, enums, bounds, required
 * fields), and then, often, one of them replaced by something hostile (a NUL, an unpaired
 * surrogate, a number past PostgreSQL's range, a wrong type, a very long text, markup, SQL).
 */

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  example?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: {
    required?: boolean;
    content: Record<string, { schema?: Schema }>;
  };
  responses: Record<string, unknown>;
}

export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Values no endpoint should choke on. */
export const HOSTILE_TEXT = [
  'nul\u0000inside',
  '\u0000',
  'lone \uD800 high',
  'lone \uDC00 low',
  `${'long '.repeat(3000)}`,
  "' OR 1=1 --",
  'Robert\'); DROP TABLE "case";--',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example")',
  '../../../../etc/passwd',
  '%00%ff%c0%af',
  '\u202Eevil\u202C',
  '😀👩‍👩‍👧‍👦',
  '   ',
  '',
  '2026-02-30',
  '00000000-0000-0000-0000-000000000000',
  '1e20',
  '-1',
  '99999999999999999999',
  'null',
  'true',
];
export const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_TEXT,
  1e20,
  -1,
  2 ** 31,
  -(2 ** 63),
  1.5,
  Number.MAX_SAFE_INTEGER,
  0,
  null,
  true,
  false,
  [],
  {},
  [null],
  { $gt: '' },
  { __proto__: { admin: true } },
];

const hostile = fc.constantFrom(...HOSTILE_VALUES);
const hostileText = fc.constantFrom(...HOSTILE_TEXT);

export class SchemaArbitraries {
  constructor(private readonly document: OpenApi) {}

  resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let i = 0; s.$ref && i < 20; i++) {
      const name = s.$ref.replace('#/components/schemas/', '');
      s = this.document.components?.schemas?.[name] ?? {};
    }
    return s;
  }

  /** Values that fit the schema (as far as a schema says), with their edges. */
  valid(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    if (depth > 6) return fc.constant(null);
    if (s.allOf?.length) {
      const merged: Schema = { type: 'object', properties: {}, required: [] };
      for (const part of s.allOf.map((p) => this.resolve(p))) {
        Object.assign(merged.properties as object, part.properties ?? {});
        merged.required = [
          ...(merged.required ?? []),
          ...(part.required ?? []),
        ];
      }
      return this.valid(merged, depth + 1);
    }
    const alternatives = s.oneOf ?? s.anyOf;
    if (alternatives?.length)
      return fc.oneof(...alternatives.map((a) => this.valid(a, depth + 1)));
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    const type = Array.isArray(s.type)
      ? s.type[0]
      : (s.type ?? (s.properties ? 'object' : undefined));
    switch (type) {
      case 'integer':
      case 'number': {
        const min = s.minimum ?? 0;
        const max = s.maximum ?? Math.max(min + 1000, 1000);
        const edges = [min, max].filter((n) => Number.isSafeInteger(n));
        return fc.oneof(
          fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) }),
          fc.constantFrom(...(edges.length ? edges : [0])),
        );
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const item = this.valid(s.items, depth + 1);
        return fc.array(item, {
          minLength: s.minItems ?? 0,
          maxLength: Math.min(s.maxItems ?? 3, 3),
        });
      }
      case 'object': {
        const properties = s.properties ?? {};
        const required = new Set(s.required ?? []);
        const model = Object.fromEntries(
          Object.entries(properties).map(([k, v]) => [
            k,
            this.valid(v, depth + 1),
          ]),
        );
        return fc.record(model, {
          requiredKeys: Object.keys(properties).filter((k) => required.has(k)),
        });
      }
      case 'string':
      default:
        return this.string(s);
    }
  }

  private string(s: Schema): fc.Arbitrary<string> {
    switch (s.format) {
      case 'uuid':
        return fc.uuid();
      case 'date':
        return fc.oneof(
          fc
            .date({
              min: new Date('2000-01-01T00:00:00Z'),
              max: new Date('2035-12-31T00:00:00Z'),
              noInvalidDate: true,
            })
            .map((d) => d.toISOString().slice(0, 10)),
          fc.constantFrom('2026-02-30', '2026-13-01', '26-1-1', '9999-12-31'),
        );
      case 'date-time':
        return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      case 'email':
        return fc.emailAddress();
      case 'password':
        return fc.string({
          minLength: s.minLength ?? 0,
          maxLength: Math.min(s.maxLength ?? 40, 40),
        });
      default: {
        const maxLength = Math.min(s.maxLength ?? 60, 60);
        return fc.oneof(
          {
            weight: 3,
            arbitrary: fc.string({
              minLength: Math.min(s.minLength ?? 0, maxLength),
              maxLength,
              unit: 'grapheme',
            }),
          },
          {
            weight: 1,
            arbitrary: fc.string({
              minLength: Math.min(s.minLength ?? 0, maxLength),
              maxLength,
              unit: 'binary',
            }),
          },
          ...(s.example !== undefined && typeof s.example === 'string'
            ? [{ weight: 2, arbitrary: fc.constant(s.example) }]
            : []),
        );
      }
    }
  }

  /** A valid value, or one with something hostile put somewhere in it (often). */
  value(schema: Schema | undefined): fc.Arbitrary<unknown> {
    return fc.oneof(
      { weight: 2, arbitrary: this.valid(schema) },
      { weight: 3, arbitrary: this.mutated(schema) },
    );
  }

  private mutated(schema: Schema | undefined): fc.Arbitrary<unknown> {
    return fc
      .tuple(this.valid(schema), hostile, fc.nat(), fc.boolean())
      .map(([value, bad, pick, extraKey]) =>
        mutate(value, bad, pick, extraKey),
      );
  }

  /** A path or query parameter's text. */
  parameter(schema: Schema | undefined): fc.Arbitrary<string> {
    return fc.oneof(
      {
        weight: 3,
        arbitrary: this.valid(schema).map((v) =>
          typeof v === 'string' ? v : JSON.stringify(v),
        ),
      },
      { weight: 2, arbitrary: hostileText },
    );
  }
}

/** Puts `bad` in place of one value inside `value` (or adds an unknown field beside them). */
function mutate(
  value: unknown,
  bad: unknown,
  pick: number,
  extraKey: boolean,
): unknown {
  if (value === null || typeof value !== 'object') return bad;
  const slots: {
    parent: Record<string, unknown> | unknown[];
    key: string | number;
  }[] = [];
  const walk = (v: unknown, depth: number) => {
    if (v === null || typeof v !== 'object' || depth > 6) return;
    for (const [k, child] of Object.entries(v)) {
      slots.push({
        parent: v as Record<string, unknown>,
        key: Array.isArray(v) ? Number(k) : k,
      });
      walk(child, depth + 1);
    }
  };
  const copy = structuredClone(value);
  walk(copy, 0);
  if (extraKey || !slots.length) {
    if (!Array.isArray(copy))
      (copy as Record<string, unknown>)[`unexpected${pick % 3}`] = bad;
    return copy;
  }
  const slot = slots[pick % slots.length] as {
    parent: Record<string, unknown>;
    key: string;
  };
  slot.parent[slot.key] = bad;
  return copy;
}

/** A path segment as a client would send it; an unpaired surrogate, which has no UTF-8, as bytes that are not UTF-8. */
export function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text
      .split('')
      .map((c) =>
        /[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c),
      )
      .join('');
  }
}
