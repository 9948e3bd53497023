/**
 * The smallest Nest app that answers the supplier read as the service does (bench/frameworks.ts):
 * a global guard verifying the bearer token with the service's own `verifyToken`, one controller
 * among 24 routes, the service's SQL through a `pg` Pool, the row as JSON. ADAPTER=express runs it
 * on Nest's Express adapter (ETag off, as the service), ADAPTER=service on the service's own
 * (ServiceExpressAdapter: requests born with Express's prototypes, JSON in one step),
 * ADAPTER=fastify on Nest's Fastify adapter.
 * Nothing else: no middlewares, pipes, filters, budget, metrics or logs, so the two differ only in
 * the HTTP adapter under Nest.
 *   DATABASE_URL=... PORT=... JWT_SECRET=... ADAPTER=express|fastify node dist/bench/frameworks-server.js
 */
import 'reflect-metadata';

import { type CanActivate, Controller, type ExecutionContext, Get, Injectable, Module, Param } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import pg from 'pg';

import { verifyToken } from '../src/common/auth/jwt.js';
import { ServiceExpressAdapter } from '../src/common/http/service-express.adapter.js';
import { SUPPLIER } from './supplier-statement.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const secret = process.env.JWT_SECRET ?? '';
@Injectable()
class BearerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers.authorization;
    return typeof header === 'string' && header.startsWith('Bearer ') && verifyToken(secret, header.slice(7)).ok;
  }
}

@Controller('v1/suppliers')
class SuppliersController {
  @Get(':id')
  async get(@Param('id') id: string): Promise<unknown> {
    const { rows } = await pool.query(SUPPLIER, [id]);
    return rows[0] ?? {};
  }
}

/** Twenty-three more routes registered before the supplier read, as a real app has. */
function fillerController(): new () => unknown {
  class Filler {}
  for (let i = 0; i < 23; i++) {
    const name = `route${i}`;
    Object.defineProperty(Filler.prototype, name, { value: () => ({}), writable: true, configurable: true });
    const descriptor = Object.getOwnPropertyDescriptor(Filler.prototype, name)!;
    Get(`${name}/:id`)(Filler.prototype, name, descriptor);
  }
  Controller('v1/others')(Filler);
  return Filler;
}

@Module({ controllers: [fillerController(), SuppliersController], providers: [{ provide: APP_GUARD, useClass: BearerGuard }] })
class FrameworkModule {}

const adapter = process.env.ADAPTER;
const app =
  adapter === 'fastify'
    ? await NestFactory.create(FrameworkModule, new FastifyAdapter(), { logger: ['error'] })
    : adapter === 'service'
      ? await NestFactory.create(FrameworkModule, new ServiceExpressAdapter(), { logger: ['error'] })
      : await NestFactory.create(FrameworkModule, { logger: ['error'] });
if (adapter === 'express') (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('etag');
await app.listen(Number(process.env.PORT), '127.0.0.1');
