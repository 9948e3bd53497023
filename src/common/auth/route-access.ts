import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';

import { ACCESS_KEY, type AccessRule } from './access.decorator.js';

export interface RouteAccess {
  method: string;
  path: string;
  handler: string;
  access: AccessRule | undefined;
}

function joinPaths(...parts: Array<string | string[] | undefined>): string {
  const segments = parts
    .map((p) => (Array.isArray(p) ? p[0] : p) ?? '')
    .flatMap((p) => p.split('/'))
    .filter(Boolean);
  return '/' + segments.join('/');
}

/** Every HTTP route of the app with the access rule it declares (undefined when it declares none). */
export function describeRouteAccess(app: INestApplication): RouteAccess[] {
  const routes: RouteAccess[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
      const classRule = Reflect.getMetadata(ACCESS_KEY, controller) as AccessRule | undefined;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        if (name === 'constructor') continue;
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (path === undefined) continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        routes.push({
          method: RequestMethod[method],
          path: joinPaths(prefix, path),
          handler: `${controller.name}.${name}`,
          access: (Reflect.getMetadata(ACCESS_KEY, handler) as AccessRule | undefined) ?? classRule,
        });
      }
    }
  }
  return routes;
}
