import { DECORATORS } from '@nestjs/swagger';
import { ValidationTypes, getMetadataStorage } from 'class-validator';

export type SchemaFragment = Record<string, unknown>;

/**
 * What each class-validator constraint says in JSON Schema. A constraint with `each: true`
 * constrains the items of an array; Swagger moves these keywords into `items` itself.
 * Constraints that only restate the type (isString, isBoolean…) add nothing.
 */
export const CONSTRAINT_SCHEMA: Record<string, (constraints: unknown[]) => SchemaFragment> = {
  maxLength: ([max]) => ({ maxLength: max }),
  minLength: ([min]) => ({ minLength: min }),
  // OpenAPI 3.0 patterns are ECMA-262 without flags: a Unicode property class (\p{Cc}) means
  // something else there, so such a rule (printable text) stays in the description of the field.
  matches: ([pattern]) => {
    // Duck-typed: a RegExp made in another realm (a test sandbox) fails instanceof.
    const regex = pattern as { source?: string; flags?: string };
    if (typeof regex.source !== 'string') return { pattern: String(pattern) };
    return regex.flags?.includes('u') ? {} : { pattern: regex.source };
  },
  max: ([max]) => ({ maximum: max }),
  min: ([min]) => ({ minimum: min }),
  isInt: () => ({ type: 'integer', format: 'int32' }),
  arrayMaxSize: ([max]) => ({ maxItems: max }),
  arrayMinSize: ([min]) => ({ minItems: min }),
  arrayUnique: () => ({ uniqueItems: true }),
  isIn: ([values]) => ({ enum: values }),
  // A UUID is always 36 characters; saying so lets a reader bound the string.
  isUuid: () => ({ format: 'uuid', minLength: 36, maxLength: 36 }),
  isEmail: () => ({ format: 'email' }),
  isUrl: () => ({ format: 'uri' }),
  hasAtMostDecimals: ([places]) => ({ multipleOf: 10 ** -Number(places) }),
  // Dates and timestamps carry their `format` (date or date-time) on the property already.
  isIso8601: () => ({}),
  isString: () => ({}),
  isBoolean: () => ({}),
  isObject: () => ({}),
  isArray: () => ({}),
  isNumber: () => ({}),
};

/** Validation kinds that are not constraints on the value itself (presence, nesting, conditions). */
const STRUCTURAL: string[] = [
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
  ValidationTypes.PROMISE_VALIDATION,
];

export interface PropertyLimits {
  target: new (...args: unknown[]) => unknown;
  property: string;
  /** The schema keywords the validators imply, merged in declaration order. */
  schema: SchemaFragment;
  /** What `each: true` validators imply for the items of an array. */
  items: SchemaFragment;
  /** Constraint names this table cannot express (should stay empty: a test says so). */
  unknown: string[];
}

interface ValidationMetadataLike {
  type: string;
  name?: string;
  target: unknown;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
}

/** class-validator's private map of target class to its validation metadata, as read here. */
function isMetadataMap(value: unknown): value is Map<unknown, ValidationMetadataLike[]> {
  if (!(value instanceof Map)) return false;
  const map: Map<unknown, unknown> = value;
  return [...map.values()].every(Array.isArray);
}

/** Every validated property of every class, with the schema keywords its validators imply. */
export function validatorLimits(): PropertyLimits[] {
  // class-validator keeps its metadata per target class; this map is the only list of targets.
  const byTarget: unknown = Reflect.get(getMetadataStorage(), 'validationMetadatas');
  if (!isMetadataMap(byTarget)) throw new Error('class-validator no longer keeps its metadata per target class');
  const out: PropertyLimits[] = [];
  for (const [target, metadatas] of byTarget) {
    if (typeof target !== 'function') continue;
    const byProperty = new Map<string, PropertyLimits>();
    for (const m of metadatas) {
      let entry = byProperty.get(m.propertyName);
      if (!entry) {
        entry = {
          target: target as PropertyLimits['target'],
          property: m.propertyName,
          schema: {},
          items: {},
          unknown: [],
        };
        byProperty.set(m.propertyName, entry);
      }
      if (STRUCTURAL.includes(m.type)) continue;
      const toSchema = m.name ? CONSTRAINT_SCHEMA[m.name] : undefined;
      if (toSchema) Object.assign(m.each ? entry.items : entry.schema, toSchema(m.constraints ?? []));
      else entry.unknown.push(m.name ?? m.type);
    }
    out.push(...byProperty.values());
  }
  return out;
}

/**
 * Writes the validators' limits into the Swagger metadata of each validated property, so the
 * document (request bodies and query parameters alike) states exactly what is enforced. The
 * validators win over anything typed by hand into `@ApiProperty`. Idempotent.
 */
export function applyValidatorLimits(): void {
  for (const { target, property, schema, items } of validatorLimits()) {
    const prototype = target.prototype as object;
    const existing = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, property) as
      SchemaFragment | undefined;
    // A validated property the document does not describe stays undescribed here; the limits
    // test names it.
    if (!existing) continue;
    // Swagger moves length, range, pattern and format keywords of an array property into its
    // items; an enum it takes from the property itself (as `@ApiProperty({ enum, isArray })`).
    const { enum: itemEnum, ...itemKeywords } = items;
    const merged = { ...existing, ...schema, ...itemKeywords };
    if (itemEnum !== undefined && existing.items)
      merged.items = { ...(existing.items as SchemaFragment), enum: itemEnum };
    else if (itemEnum !== undefined) merged.enum = itemEnum;
    Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, merged, prototype, property);
  }
}
