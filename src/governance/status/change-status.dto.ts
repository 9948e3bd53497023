import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

import { NotBlank } from '../../common/http/validators.js';
import { MANUAL_TARGETS, type ManualTarget } from '../../suppliers/domain/supplier-lifecycle.js';

export class ChangeStatusDto {
  @ApiProperty({ enum: MANUAL_TARGETS, example: 'SUSPENDED' })
  @IsIn(MANUAL_TARGETS)
  status: ManualTarget;

  @ApiProperty({ example: 'Fire safety certificate expired; suspended until renewed', description: 'Mandatory, shown in the decision log' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  @NotBlank()
  reason: string;
}
