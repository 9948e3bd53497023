import { forgetToken, storedToken } from './session';

/** A refusal as the API wrote it (application/problem+json), or a network failure said plainly. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: Array<{ field: string; message: string }> = [],
  ) {
    super(`${title}: ${detail}`);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Called when the API answers 401: the token is gone, so the app returns to sign-in. */
let onUnauthorized: (error: ApiError) => void = () => undefined;
export function setUnauthorizedHandler(handler: (error: ApiError) => void): void {
  onUnauthorized = handler;
}

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** One request to the API with the tab's token; a non-2xx answer throws its problem as an ApiError. */
export async function api<T>(method: string, path: string, body?: unknown, token = storedToken()): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    // no-store: what a manager reads is always current, and never a revalidated copy (a 304).
    res = await fetch(path, { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'The server did not answer', `${method} ${path} could not reach the server: is it running?`);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const problem = (parsed ?? {}) as { title?: string; detail?: string; errors?: Array<{ field: string; message: string }> };
    const error = new ApiError(
      res.status,
      problem.title ?? `HTTP ${res.status}`,
      problem.detail ?? (text.slice(0, 300) || res.statusText),
      problem.errors,
    );
    if (res.status === 401 && token === storedToken()) {
      forgetToken();
      onUnauthorized(error);
    }
    throw error;
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const del = <T>(path: string, body?: unknown) => api<T>('DELETE', path, body);

/**
 * Downloads a list as CSV (`Accept: text/csv`, the API streams the whole list) with the tab's
 * token, which a plain link cannot send, and saves it under `filename`.
 */
export async function downloadCsv(path: string, filename: string): Promise<void> {
  const token = storedToken();
  const headers: Record<string, string> = { Accept: 'text/csv' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { headers, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'The server did not answer', `GET ${path} could not reach the server: is it running?`);
  }
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as {
      title?: string;
      detail?: string;
      errors?: Array<{ field: string; message: string }>;
    };
    throw new ApiError(res.status, problem.title ?? `HTTP ${res.status}`, problem.detail ?? res.statusText, problem.errors);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** True when the API has no such route (an endpoint another branch adds, not yet here). */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(error.detail);
}
