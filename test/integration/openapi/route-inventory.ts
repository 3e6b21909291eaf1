import type { Express } from 'express';
import { lrsResources } from '../../../src/lrs/http/lrs-resources.js';

/** One method of one route the server answers, its path in OpenAPI form (/api/videos/{resourceId}). */
export interface ServedRoute {
  method: string;
  path: string;
  /** For a route declared with a RegExp (tus uploads): the documented paths it covers are tested with it. */
  pattern?: RegExp;
}

/** The Express app's routes under /api, walked through nested routers. */
export function apiRoutes(app: Express): ServedRoute[] {
  const out: ServedRoute[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.handle?.stack) walk(layer.handle.stack);
      const route = layer.route;
      if (!route) continue;
      const methods = Object.keys(route.methods).filter((m) => route.methods[m]);
      if (route.path instanceof RegExp) {
        if (route.path.test('/api/') || route.path.source.startsWith('^\\/api')) for (const method of methods) out.push({ method, path: route.path.source, pattern: route.path });
        continue;
      }
      const paths: string[] = Array.isArray(route.path) ? route.path : [route.path];
      for (const path of paths.filter((p) => p === '/api' || p.startsWith('/api/'))) {
        for (const method of methods) out.push({ method, path: path.replace(/:(\w+)/g, '{$1}') });
      }
    }
  };
  walk((app as unknown as { router: { stack: any[] } }).router.stack);
  return out;
}

/**
 * The LRS dispatches /xapi itself (one middleware, src/lrs/http/lrs.routes.ts): its resource
 * table, and About, which it serves before authentication, are its routes. HEAD follows GET.
 */
export function xapiRoutes(): ServedRoute[] {
  const out: ServedRoute[] = [{ method: 'get', path: '/xapi/about' }];
  for (const [path, resource] of Object.entries(lrsResources())) {
    for (const method of Object.keys(resource)) out.push({ method: method.toLowerCase(), path: `/xapi${path}` });
  }
  return out;
}
