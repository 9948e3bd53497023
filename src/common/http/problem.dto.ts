import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'reviews[3].rating' })
  field: string;

  @ApiProperty({ example: 'must be an integer from 1 to 5' })
  message: string;
}

/** application/problem+json (RFC 9457) */
export class ProblemDto {
  @ApiProperty({ example: 'urn:supplier-governance:problem:validation-failed' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'The request has 1 invalid field' })
  detail: string;

  @ApiPropertyOptional({ example: '/v1/suppliers' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Quote it when reporting a problem', example: 'b3c1e0d4-…' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
