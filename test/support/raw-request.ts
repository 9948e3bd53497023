import type { TestApp } from './test-app.js';

export type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';

/** A request whose body goes out byte for byte as given, with exactly the headers given (no JSON serialisation). */
export function rawRequest(t: TestApp, method: Method, path: string, headers: Record<string, string>, body?: Buffer | string) {
  const req = t.http()[method](path);
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  if (body === undefined) return req;
  return req.serialize((data: unknown) => data as string).send(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
}
