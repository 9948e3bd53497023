import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength, Validate } from 'class-validator';

import { IsoDateConstraint } from '../../common/http/as-of.query.js';
import { NotBlank } from '../../common/http/validators.js';
import { ListSuppliersQuery } from '../../suppliers/dto/list-suppliers.query.js';
import { SUPPLIER_SORTS, type SupplierSort } from '../supplier-search.repository.js';

/** `true` / `false` as a query parameter; anything else stays text and is refused. */
export const queryBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** GET /v1/suppliers: the original filters (category, status, tier) and the triage ones (issue 19). */
export class SearchSuppliersQuery extends ListSuppliersQuery {
  @ApiPropertyOptional({
    example: 'russo',
    minLength: 1,
    maxLength: 200,
    description: 'A case-insensitive substring of the name, externalRef or city',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NotBlank()
  q?: string;

  @ApiPropertyOptional({
    enum: SUPPLIER_SORTS,
    example: 'rate',
    description:
      'rate: lowest latest rate first; -rate: highest first (unscored suppliers last in both); tier: worst first (POOR, WATCH, GOOD, EXCELLENT, INSUFFICIENT_DATA, none); probationEndsAt: soonest first, none last; name: A to Z, any case. Ties by registration order. Without it: registration order',
  })
  @IsOptional()
  @IsIn(SUPPLIER_SORTS)
  sort?: SupplierSort;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-09',
    description: 'Only suppliers whose probation ends before this date (YYYY-MM-DD)',
  })
  @IsOptional()
  @Validate(IsoDateConstraint)
  probationEndsBefore?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description: "Only suppliers whose manager's hold ends before this date (YYYY-MM-DD)",
  })
  @IsOptional()
  @Validate(IsoDateConstraint)
  holdEndsBefore?: string;

  @ApiPropertyOptional({
    example: true,
    description:
      'true: only suppliers the next nightly run (dated tomorrow, UTC) would give a PENALTY, DELIST or WARNING, by the sanction rules on their latest snapshot (see wouldDecide); false: only the others',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'must be true or false' })
  atRisk?: boolean;
}
