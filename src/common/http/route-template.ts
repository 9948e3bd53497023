import type { INestApplication } from '@nestjs/common';
import type { Request } from 'express';

import { describeRouteAccess } from '../auth/route-access.js';

/** The route label of a request that no route of the app matches (a 404): one fixed value, so labels stay bounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Paths served outside Nest's router, each under one label. */
const STATIC_PREFIXES = ['/app', '/docs'];

interface CompiledRoute {
  method: string;
  template: string;
  pattern: RegExp;
  templated: number;
}

function compile(method: string, template: string): CompiledRoute {
  const segments = template.split('/');
  const source = segments.map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return { method, template, pattern: new RegExp(`^${source}/?$`), templated: segments.filter((s) => s.startsWith(':')).length };
}

/**
 * The route template a request was (or would have been) served by, `/v1/suppliers/:id` for
 * `/v1/suppliers/0190…`: the route express matched, else the app's route table (a request the
 * input boundary refused before routing still names its route), else `/app/*` or `/docs/*`, else
 * `unmatched`. Never the raw path, so metric labels stay few.
 */
export function routeTemplates(app: INestApplication): (req: Request) => string {
  let routes: CompiledRoute[] | undefined;
  const table = (): CompiledRoute[] =>
    (routes ??= describeRouteAccess(app)
      .map((r) => compile(r.method, r.path))
      // A literal segment wins over a template (`/v1/complaints/sla` over `/v1/complaints/:id`).
      .sort((a, b) => a.templated - b.templated));
  return (req) => {
    const matched = (req.route as { path?: unknown } | undefined)?.path;
    if (typeof matched === 'string') return (req.baseUrl ?? '') + matched;
    const path = (req.originalUrl ?? req.url).split('?')[0];
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const route = table().find((r) => r.method === method && r.pattern.test(path));
    if (route) return route.template;
    const prefix = STATIC_PREFIXES.find((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}-`));
    return prefix ? `${prefix}/*` : UNMATCHED_ROUTE;
  };
}
