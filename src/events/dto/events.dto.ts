import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';

import { EXAMPLE } from '../../common/http/examples.js';
import { QueryInteger } from '../../common/http/validators.js';
import { PageQueryDto } from '../../common/pagination/page.js';
import { EVENT_TYPES, type EventType } from '../../decisions/domain/event-types.js';
import { DecisionResponseDto } from '../../decisions/dto/decision-response.dto.js';

/** The page size as every list takes it; `after` (an event id) in place of a cursor. */
export class ListEventsQuery extends PickType(PageQueryDto, ['limit'] as const) {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Return events with a larger id (the last id you processed)',
    example: 0,
  })
  @IsOptional()
  @QueryInteger(0, Number.MAX_SAFE_INTEGER)
  after?: number;
}

export class EventDto {
  @ApiProperty({ example: 42, description: 'Stable; increases in commit order' }) id: number;
  @ApiProperty({ enum: EVENT_TYPES, example: 'supplier.status_overridden' }) type: EventType;
  @ApiProperty({ format: 'date-time', example: EXAMPLE.createdAt }) occurredAt: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ example: 'hotel' }) category: string;
  @ApiProperty({
    type: DecisionResponseDto,
    nullable: true,
    description: "The decision a `supplier.*` event announces; null for an event that is not a decision's",
  })
  decision: DecisionResponseDto | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: null,
    description:
      'What a `complaint.*` or `ledger.*` event announces (ids, order reference, amounts; never the customer); null for a decision event',
  })
  payload: Record<string, unknown> | null;
}

export class EventPageDto {
  @ApiProperty({ type: [EventDto] }) items: EventDto[];
  @ApiProperty({ type: String, nullable: true, example: '42', description: 'Pass as `after` for the next page; null at the end' })
  nextCursor: string | null;
}

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://catalogue.example.com/hooks/governance' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'must be an http(s) URL' })
  @MaxLength(2000)
  url: string;

  @ApiProperty({ example: 'a-long-random-secret', description: 'Signs each delivery (X-Signature: sha256=<hex HMAC>); never returned' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret: string;

  @ApiPropertyOptional({
    enum: EVENT_TYPES,
    isArray: true,
    example: ['supplier.delisted', 'supplier.probation'],
    description: 'Only these types (default: all)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true })
  types?: EventType[];
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.webhookId }) id: string;
  @ApiProperty({ example: 'https://catalogue.example.com/hooks/governance' }) url: string;
  @ApiProperty({
    enum: EVENT_TYPES,
    isArray: true,
    nullable: true,
    example: ['supplier.delisted', 'supplier.probation'],
    description: 'null: every type',
  })
  types: EventType[] | null;
  @ApiProperty({ format: 'date-time', example: EXAMPLE.createdAt }) createdAt: string;
  @ApiProperty({ example: 128, description: 'Events acknowledged so far' }) delivered: number;
  @ApiProperty({ example: 42, description: 'Id of the last acknowledged (or skipped) event' }) cursor: number;
  @ApiProperty({ example: 0, description: 'Failed attempts at the current event' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why the last attempt failed' }) lastError: string | null;
}

export class WebhookPageDto {
  @ApiProperty({ type: [WebhookDto] }) items: WebhookDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
