import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

import { Public } from '../common/auth/access.decorator.js';
import { CommonException, CommonExceptionCode } from '../common/errors/common.exception.js';
import { ApiProblems } from '../common/http/api-problems.decorator.js';
import { DatabaseRepository } from '../database/database.repository.js';

export class HealthDto {
  @ApiProperty({ example: 'ok' }) status: 'ok';
  @ApiProperty({ example: 'up' }) database: 'up';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseRepository) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Liveness and database reachability (no auth)',
    description:
      'Answers 200 when the process runs and the database answers a query within 3 s, 503 otherwise. Needs no token; load balancers and orchestrators poll it.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems(503)
  async check(): Promise<HealthDto> {
    try {
      await Promise.race([this.database.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref())]);
    } catch {
      throw new CommonException(CommonExceptionCode.DATABASE_UNAVAILABLE, 'The database does not answer');
    }
    return { status: 'ok', database: 'up' };
  }
}
