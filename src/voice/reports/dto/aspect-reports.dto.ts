import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

import { AsOfQuery } from '../../../common/http/as-of.query.js';
import { EXAMPLE } from '../../../common/http/examples.js';
import { QueryInteger } from '../../../common/http/validators.js';

export const MAX_REPORT_DAYS = 730;

/** A report's window: `[asOf − days, asOf)` by the reviews' UTC days. */
export class ReportWindowQuery extends AsOfQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_REPORT_DAYS,
    example: 90,
    description: "The window's length in days; default the policy's first evaluation window",
  })
  @IsOptional()
  @QueryInteger(1, MAX_REPORT_DAYS)
  days?: number;
}

const CONTROLLABLE =
  'Whether the supplier controls it, as the latest taxonomy says; null for a key the taxonomy no longer has (tagged under an earlier version)';

export class AspectLineDto {
  @ApiProperty({ example: 'cleanliness' }) key: string;
  @ApiProperty({ example: 'Cleanliness', description: "The taxonomy's label; the key itself for a key it no longer has" }) label: string;
  @ApiProperty({ type: Boolean, nullable: true, example: true, description: CONTROLLABLE }) supplierControllable: boolean | null;
  @ApiProperty({ example: 24, description: 'Reviews in the window tagged with the aspect, of any polarity' }) mentions: number;
  @ApiProperty({ example: 6, description: 'Of those, tagged NEGATIVE' }) negative: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.25, description: 'negative / mentions; null without mentions' })
  negativeShare: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.4, description: 'The same over the previous window of the same length' })
  previousNegativeShare: number | null;
}

export class SupplierAspectsDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ format: 'date', example: EXAMPLE.asOf }) asOf: string;
  @ApiProperty({ example: 90 }) days: number;
  @ApiProperty({
    type: [AspectLineDto],
    description: "Every aspect of the category's latest taxonomy, in its order, then keys it no longer has that the window still holds",
  })
  aspects: AspectLineDto[];
}

export class TopSupplierDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ example: 'Hotel Russo Palace' }) name: string;
  @ApiProperty({ example: 9, description: "NEGATIVE tags of the aspect in the supplier's negative reviews of the window" }) count: number;
}

export class DriverDto {
  @ApiProperty({ example: 'cleanliness' }) key: string;
  @ApiProperty({ example: 'Cleanliness' }) label: string;
  @ApiProperty({ type: Boolean, nullable: true, example: true, description: CONTROLLABLE }) supplierControllable: boolean | null;
  @ApiProperty({ example: 31, description: 'NEGATIVE tags of the aspect in reviews rated below the positive bar' }) count: number;
  @ApiProperty({ example: 0.31, description: 'count / negativeReviews; 0 when there were no negative reviews' }) share: number;
  @ApiProperty({ type: [TopSupplierDto], description: 'The 5 suppliers with the largest count, largest first (ties by id)' })
  topSuppliers: TopSupplierDto[];
}

export class CategoryDriversDto {
  @ApiProperty({ example: EXAMPLE.category }) category: string;
  @ApiProperty({ format: 'date', example: EXAMPLE.asOf }) asOf: string;
  @ApiProperty({ example: 90 }) days: number;
  @ApiProperty({
    example: 100,
    description: "Reviews of the category rated below the policy's positiveMinRating in the window, excluded reviews left out",
  })
  negativeReviews: number;
  @ApiProperty({ type: [DriverDto], description: 'Every aspect of the latest taxonomy, largest share first, ties by key' })
  drivers: DriverDto[];
}
