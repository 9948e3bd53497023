import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

import { isIsoDate } from './validators.js';

@ValidatorConstraint({ name: 'isoDate' })
export class IsoDateConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isIsoDate(value) && value >= '1990-01-01' && value <= '2999-12-31';
  }

  defaultMessage(): string {
    return 'must be a date written YYYY-MM-DD';
  }
}

export class AsOfQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-11-25', description: 'Defaults to today (UTC)' })
  @IsOptional()
  @Validate(IsoDateConstraint)
  asOf?: string;
}
