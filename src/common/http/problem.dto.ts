import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { EXAMPLE } from './examples.js';

export class FieldErrorDto {
  @ApiProperty({ example: 'reviews[3].rating', description: 'A dotted path into the request: body field, query or path parameter' })
  field: string;

  @ApiProperty({ example: 'must be an integer from 1 to 5' })
  message: string;
}

/** application/problem+json (RFC 9457) */
export class ProblemDto {
  @ApiProperty({ example: 'urn:supplier-governance:problem:validation-failed', description: 'Stable: clients may switch on it' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ type: 'integer', example: 400, description: 'The HTTP status, repeated' })
  status: number;

  @ApiProperty({ example: 'reviews[3].rating must be an integer from 1 to 5', description: 'What is wrong, in words that say what to do' })
  detail: string;

  @ApiPropertyOptional({ example: '/v1/reviews/batch', description: 'The path of the request' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Quote it when reporting a problem (X-Request-Id)', example: EXAMPLE.requestId })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
