import { randomBytes } from 'node:crypto';

import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AppealsModule } from './appeals/appeals.module.js';
import { AuditsModule } from './audits/audits.module.js';
import { AccessGuard, AUTH_OPTIONS, type AuthOptions } from './common/auth/access.guard.js';
import { DEFAULT_JWT_MAX_TTL_HOURS } from './common/auth/jwt.js';
import { DEFAULT_RATE_LIMITS, RATE_LIMIT_OPTIONS, type RateLimitOptions, RequestBudget } from './common/limits/request-budget.js';
import { MetricsRegistry } from './common/metrics/metrics-registry.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { AMQP_OPTIONS, type AmqpOptions, NO_AMQP } from './config/amqp.options.js';
import { JOBS_OPTIONS, type JobsOptions, NO_JOBS } from './config/jobs.options.js';
import { METRICS_OPTIONS, type MetricsOptions } from './config/metrics.options.js';
import { NO_TAGGER, TAGGER_OPTIONS, type TaggerOptions } from './config/tagger.options.js';
import { WEBHOOK_OPTIONS, type WebhookOptions } from './config/webhook.options.js';
import { DatabaseRepository } from './database/database.repository.js';
import { DecisionsModule } from './decisions/decisions.module.js';
import { ENTITIES } from './entities.js';
import { EventsModule } from './events/events.module.js';
import { GovernanceModule } from './governance/governance.module.js';
import { HealthController } from './health/health.controller.js';
import { Readiness } from './health/readiness.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { MeModule } from './me/me.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { PoliciesModule } from './policies/policies.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { ScoringModule } from './scoring/scoring.module.js';
import { SuppliersModule } from './suppliers/suppliers.module.js';
import { TriageModule } from './triage/triage.module.js';
import { VoiceReportsModule } from './voice/reports/voice-reports.module.js';
import { VoiceModule } from './voice/voice.module.js';

export interface AppModuleOptions {
  databaseUrl: string;
  jwtSecret: string;
  /** JWT_MAX_TTL_HOURS: the longest lifetime a token may have (default 720). */
  jwtMaxTtlHours?: number;
  /** Where a generated secret lives, named when a token was signed with another one. */
  jwtSecretFile?: string;
  /** Schedules, webhook delivery and run sizes; default: no jobs (an API-only instance). */
  jobs?: JobsOptions;
  /** The background tagger; default: off (tests drain the queue themselves). */
  tagger?: TaggerOptions;
  /** Connections this instance may hold. */
  poolSize?: number;
  /**
   * Webhook address rules and the key secrets are sealed with. Default (scripts that deliver
   * nothing): https and public addresses only, and a key of this process alone.
   */
  webhooks?: WebhookOptions;
  /** Request budgets (RATE_LIMIT_*); default: on, RATE_LIMIT_* defaults. */
  limits?: RateLimitOptions;
  /** Who may read GET /metrics (default: anyone, like /health). */
  metrics?: MetricsOptions;
  /** The broker outbox events are also published to (on instances running jobs); default: none. */
  amqp?: AmqpOptions;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.databaseUrl,
          entities: ENTITIES,
          synchronize: false,
          migrationsRun: false,
          logging: false,
          extra: { max: options.poolSize ?? 20, application_name: 'supplier-governance' },
        }),
        PoliciesModule,
        SuppliersModule,
        DecisionsModule,
        ReviewsModule,
        OrdersModule,
        LedgerModule,
        VoiceReportsModule,
        VoiceModule,
        ComplaintsModule,
        ScoringModule,
        GovernanceModule,
        EventsModule,
        AuditsModule,
        JobsModule,
        AppealsModule,
        MeModule,
        TriageModule,
        MetricsModule,
      ],
      controllers: [HealthController],
      providers: [
        {
          provide: AUTH_OPTIONS,
          useValue: {
            secret: options.jwtSecret,
            maxTtlHours: options.jwtMaxTtlHours ?? DEFAULT_JWT_MAX_TTL_HOURS,
            secretFile: options.jwtSecretFile,
          } satisfies AuthOptions,
        },
        { provide: JOBS_OPTIONS, useValue: options.jobs ?? NO_JOBS },
        {
          provide: WEBHOOK_OPTIONS,
          useValue:
            options.webhooks ?? ({ allowInsecure: false, allowPrivate: false, secretsKey: randomBytes(32) } satisfies WebhookOptions),
        },
        { provide: TAGGER_OPTIONS, useValue: options.tagger ?? NO_TAGGER },
        { provide: RATE_LIMIT_OPTIONS, useValue: options.limits ?? DEFAULT_RATE_LIMITS },
        RequestBudget,
        { provide: METRICS_OPTIONS, useValue: options.metrics ?? {} },
        // One registry per app instance: tests run many apps in one process.
        MetricsRegistry,
        { provide: AMQP_OPTIONS, useValue: options.amqp ?? NO_AMQP },
        { provide: APP_GUARD, useClass: AccessGuard },
        DatabaseRepository,
        Readiness,
      ],
      exports: [JOBS_OPTIONS, WEBHOOK_OPTIONS, TAGGER_OPTIONS, METRICS_OPTIONS, AMQP_OPTIONS, MetricsRegistry, DatabaseRepository],
    };
  }
}
