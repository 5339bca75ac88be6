import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength, registerDecorator } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/**
 * The one form of an e-mail address: Unicode NFKC (a full-width look-alike becomes the plain
 * letter), trimmed, case-folded. Every comparison (sign-in, sign-up, uniqueness) uses it.
 */
export function canonicalEmail(email: string): string {
  return email.normalize('NFKC').trim().toUpperCase().toLowerCase();
}

const asEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? canonicalEmail(value) : value);

/** A sign-in name: compared in its canonical form, but not held to the address syntax. */
export const ToCanonicalEmail = () => Transform(asEmail);

/** Printable text on one line: names end up in exports, PDFs and log-adjacent places. */
export const ONE_LINE = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u;
/** Free text may break lines, but carries no other control or format characters. */
export const FREE_TEXT = /^(?:[^\p{Cc}\p{Cf}]|[\n\t])*$/u;

/** A trimmed, non-empty, single line of at most `max` characters. */
export function IsOneLineText(max: number): PropertyDecorator {
  return applyDecorators(
    Transform(trim),
    IsString(),
    MinLength(1),
    MaxLength(max),
    Matches(ONE_LINE, { message: '$property must be one line of printable text' }),
  );
}

/** Trimmed text of at most `max` characters that may span lines. */
export function IsFreeText(max: number): PropertyDecorator {
  return applyDecorators(
    Transform(trim),
    IsString(),
    MaxLength(max),
    Matches(FREE_TEXT, { message: '$property must be printable text' }),
  );
}

/** Stored in canonical form (see canonicalEmail), so the same address never appears twice. */
export function IsEmailAddress(): PropertyDecorator {
  return applyDecorators(
    Transform(asEmail),
    IsEmail({}, { message: '$property must be an e-mail address' }),
    MaxLength(254),
  );
}

/** Query strings carry 'true'/'false'; anything else stays as it is and fails IsBoolean. */
export const ToBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/**
 * A finite number with at most `places` decimals. class-validator's own `maxDecimalPlaces`
 * throws on numbers printed in exponent form (5e-324), which would turn bad input into a 500.
 */
export function HasAtMostDecimals(places: number): PropertyDecorator {
  const scale = 10 ** places;
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'hasAtMostDecimals',
      target: target.constructor,
      propertyName: String(propertyName),
      // Kept as a constraint so the OpenAPI document can state it (multipleOf).
      constraints: [places],
      options: { message: `$property must be a number with at most ${places} decimals` },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isFinite(value) &&
          Math.abs(value * scale - Math.round(value * scale)) < 1e-6,
      },
    });
  };
}
