import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `:id` path parameters are UUIDs; anything else is a 400 naming `id`. */
export class IdParam {
  @ApiProperty({ format: 'uuid', description: 'The id of the record the path names, as the service issued it' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;
}
