import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength, registerDecorator } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

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

/** Stored lower-cased, so the same address never appears twice. */
export function IsEmailAddress(): PropertyDecorator {
  return applyDecorators(
    Transform(lower),
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
