import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdmissionModule } from './admission/admission.module.js';
import { AccessGuard, JWT_SECRET } from './common/auth/access.guard.js';
import { ENTITIES } from './database/entities.js';
import { DecisionsModule } from './decisions/decisions.module.js';
import { HealthController } from './health/health.controller.js';
import { PoliciesModule } from './policies/policies.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { ScoringModule } from './scoring/scoring.module.js';
import { SuppliersModule } from './suppliers/suppliers.module.js';

export interface AppModuleOptions {
  databaseUrl: string;
  jwtSecret: string;
  /** Connections this instance may hold. */
  poolSize?: number;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
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
        ScoringModule,
        AdmissionModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: JWT_SECRET, useValue: options.jwtSecret },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
