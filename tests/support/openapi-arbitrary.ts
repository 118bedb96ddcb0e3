import fc from 'fast-check';

/** The part of JSON Schema (as zod-to-openapi writes OpenAPI 3.1) the fuzzer reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

/** Strings that have broken parsers, paths and databases before. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '..',
  '../../etc/passwd',
  '%2e%2e%2f',
  '\u0000',
  '\uFFFF\uD800',
  '__proto__',
  'constructor',
  "'; DROP TABLE predictions; --",
  '=HYPERLINK("http://evil.example")',
  '9'.repeat(400),
  '1e309',
  'NaN',
  '-0',
  '2001-02-30',
  '2001-04-01 25:61',
  'ATL',
  'ＡＴＬ',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string(),
  fc.string({ unit: 'binary' }),
);

/**
 * Values drawn from a schema, mostly valid and sometimes just outside it (a number past its
 * maximum, a string that breaks its pattern), so requests exercise both the accepting path and
 * every refusal. `$ref`s resolve against the document's components.
 */
export function arbitraryFor(
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryFor(components[schema.$ref.split('/').pop()!] ?? {}, components, depth);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, components, depth)));
  if (schema.enum)
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...schema.enum) },
      { weight: 1, arbitrary: hostileString },
    );
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, s]) => [
          key,
          arbitraryFor(s, components, depth + 1),
        ]),
      );
      const valid = fc.record(properties, { requiredKeys: schema.required ?? [] });
      const extra = fc.dictionary(
        fc.oneof(fc.constantFrom('__proto__', 'constructor', 'extra'), fc.string()),
        fc.jsonValue(),
        { maxKeys: 2 },
      );
      return fc.oneof(
        { weight: 4, arbitrary: valid },
        { weight: 1, arbitrary: fc.tuple(valid, extra).map(([v, e]) => ({ ...e, ...v })) },
      );
    }
    case 'array':
      return fc.array(arbitraryFor(schema.items ?? {}, components, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e6;
      const inRange =
        type === 'integer'
          ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, 2 ** 31)) })
          : fc.double({ min, max, noNaN: true });
      return fc.oneof(
        { weight: 4, arbitrary: inRange },
        { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, 0.5, -0, 2 ** 53, Number.MAX_VALUE) },
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'string': {
      const shaped = schema.pattern
        ? fc.stringMatching(new RegExp(schema.pattern))
        : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 300) });
      return fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: hostileString });
    }
    default:
      return depth > 2 ? fc.jsonValue({ maxDepth: 1 }) : fc.jsonValue({ maxDepth: 3 });
  }
}
