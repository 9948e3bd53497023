import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate, type ValidationArguments, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

import { noSuchDateReason } from '../time/dates.js';
import { isIsoDate } from './validators.js';

/**
 * A real calendar date written YYYY-MM-DD (`2017-02-30` is "no such date"). Whether the date is
 * one the service takes (from 2000-01-01 to today) is checked where it is used: `resolveAsOf`.
 */
@ValidatorConstraint({ name: 'isoDate' })
export class IsoDateConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isIsoDate(value);
  }

  defaultMessage(args?: ValidationArguments): string {
    const reason = typeof args?.value === 'string' ? noSuchDateReason(args.value) : null;
    return reason === null ? 'must be a date written YYYY-MM-DD' : `is no such date: ${reason}`;
  }
}

/** Describes an as-of date in the OpenAPI spec: where it may lie and what it defaults to. */
export const AS_OF_DESCRIPTION =
  'A real calendar date, YYYY-MM-DD, from 2000-01-01 to today (UTC); default today. ' +
  'No such date (2017-02-30) → 400; before 2000-01-01 or after today → 422.';

export class AsOfQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-11-25', description: AS_OF_DESCRIPTION })
  @IsOptional()
  @Validate(IsoDateConstraint)
  asOf?: string;
}
