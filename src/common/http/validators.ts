import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength, ValidateBy, type ValidationArguments } from 'class-validator';

/** Rejects strings made only of whitespace. */
export const NotBlank = (): PropertyDecorator => Matches(/\S/, { message: 'must not be blank' });

/** A person's reason, as decisions, exclusions and rulings record it: a string of 3 to 2,000 characters, not blank. */
export const IsReason = (): PropertyDecorator => applyDecorators(IsString(), MinLength(3), MaxLength(2000), NotBlank());

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** An integer in plain decimal digits: no sign but a leading minus, no leading zero, space, exponent or fraction. */
export const PLAIN_INTEGER = /^(0|-?[1-9]\d*)$/;

/**
 * A query parameter holding an integer from `min` to `max`, written in plain decimal
 * (`0x10`, `+5`, ` 5`, `1e3`, `5.0` stay text and are refused; `Number()` would take each).
 */
export function QueryInteger(min: number, max: number): PropertyDecorator {
  const inRange = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && PLAIN_INTEGER.test(value) ? Number(value) : value)),
    ValidateBy({
      name: 'queryInteger',
      validator: {
        validate: inRange,
        defaultMessage: ({ value }: ValidationArguments) =>
          Number.isInteger(value) ? `must be from ${min} to ${max}` : 'must be an integer written in plain decimal digits',
      },
    }),
  );
}
