import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

import { MIGRATIONS } from '../../migrations/index.js';
import { Public } from '../common/auth/access.decorator.js';
import { CommonException, CommonExceptionCode } from '../common/errors/common.exception.js';
import { ApiProblems } from '../common/http/api-problems.decorator.js';
import { DatabaseRepository } from '../database/database.repository.js';
import { Readiness } from './readiness.js';

export class HealthDto {
  @ApiProperty({ example: 'ok' }) status: 'ok';
  @ApiProperty({ example: 'up' }) database: 'up';
}

export class LivenessDto {
  @ApiProperty({ example: 'ok' }) status: 'ok';
}

export class ReadinessDto {
  @ApiProperty({ example: 'ready' }) status: 'ready';
  @ApiProperty({ example: 'up' }) database: 'up';
  @ApiProperty({ example: 'applied', description: 'Every migration this code knows is applied' }) migrations: 'applied';
}

const DATABASE_TIMEOUT_MS = 3000;
const MIGRATION_NAMES = MIGRATIONS.map((m) => m.name);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseRepository,
    private readonly readiness: Readiness,
  ) {}

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
    await this.databaseAnswers();
    return { status: 'ok', database: 'up' };
  }

  @Get('live')
  @Public()
  @ApiOperation({
    summary: 'Liveness: the process answers (no auth)',
    description:
      'Always 200 while the process can answer HTTP at all; it checks nothing else, so an orchestrator restarts only a hung process.',
  })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary: 'Readiness: this instance should take traffic (no auth)',
    description:
      'Answers 200 when start-up has finished, every migration this code knows is applied, the database answers within 3 s and the instance is not shutting down; 503 otherwise, the detail saying which. From the moment shutdown begins it answers 503 while in-flight requests drain.',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiProblems(
    new CommonException(CommonExceptionCode.NOT_READY, 'The instance is shutting down'),
    new CommonException(CommonExceptionCode.DATABASE_UNAVAILABLE, 'The database does not answer'),
  )
  async ready(): Promise<ReadinessDto> {
    const state = this.readiness.current;
    if (state !== 'ready') {
      throw new CommonException(
        CommonExceptionCode.NOT_READY,
        state === 'starting' ? 'The instance is starting' : 'The instance is shutting down',
      );
    }
    await this.databaseAnswers();
    const pending = await this.database.pendingMigrations(MIGRATION_NAMES);
    if (pending.length > 0) {
      throw new CommonException(CommonExceptionCode.NOT_READY, `Migrations not applied yet: ${pending.join(', ')}`);
    }
    return { status: 'ready', database: 'up', migrations: 'applied' };
  }

  private async databaseAnswers(): Promise<void> {
    try {
      await Promise.race([
        this.database.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), DATABASE_TIMEOUT_MS).unref()),
      ]);
    } catch {
      throw new CommonException(CommonExceptionCode.DATABASE_UNAVAILABLE, 'The database does not answer');
    }
  }
}
