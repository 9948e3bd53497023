import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { Public } from '../common/auth/access.decorator.js';
import { ApiProblems } from '../common/http/api-problems.decorator.js';
import { MetricsRegistry } from '../common/metrics/metrics-registry.js';
import { METRICS_OPTIONS, type MetricsOptions } from '../config/metrics.options.js';
import { metricsTokenRefusal } from './domain/metrics-token.js';
import { MetricsException, MetricsExceptionCode } from './metrics.exception.js';

const EXAMPLE = [
  '# HELP sg_http_request_duration_seconds HTTP requests by route template, method and status',
  '# TYPE sg_http_request_duration_seconds histogram',
  'sg_http_request_duration_seconds_bucket{le="0.005",route="/v1/suppliers/:id",method="GET",status="200"} 41',
  'sg_http_request_duration_seconds_count{route="/v1/suppliers/:id",method="GET",status="200"} 42',
  '',
].join('\n');

const REQUIRED = new MetricsException(MetricsExceptionCode.METRICS_TOKEN_REQUIRED, 'Authorization: Bearer <METRICS_TOKEN> is required');
const INVALID = new MetricsException(MetricsExceptionCode.METRICS_TOKEN_INVALID, 'The bearer token is not METRICS_TOKEN');

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Prometheus metrics (no JWT; METRICS_TOKEN when set)',
    description:
      'The Prometheus text exposition format (0.0.4): request durations by route template, method and status; scoring runs; ' +
      'decisions by kind; outbox lag and webhook deliveries; overdue complaints; database pool use; Node process metrics. ' +
      'Needs no JWT. When the service has METRICS_TOKEN set, it wants `Authorization: Bearer <METRICS_TOKEN>` and answers 401 otherwise.',
  })
  // No credential, or METRICS_TOKEN as a bearer token when the service has one set.
  @ApiSecurity({})
  @ApiSecurity('metricsToken')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The metrics', content: { 'text/plain': { schema: { type: 'string', example: EXAMPLE } } } })
  @ApiProblems(REQUIRED, INVALID)
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    const refusal = metricsTokenRefusal(this.options.token, authorization);
    if (refusal !== null) throw refusal === 'required' ? REQUIRED : INVALID;
    const text = await this.metrics.metrics();
    res.setHeader('Content-Type', this.metrics.contentType);
    return text;
  }
}
