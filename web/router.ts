import { useEffect, useState } from 'preact/hooks';

/** The workbench's client routes live under /app; the server answers index.html for all of them. */
export const BASE = '/app';

export interface Location {
  path: string;
  params: URLSearchParams;
}

function current(): Location {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) || '/' : '/';
  return { path, params: new URLSearchParams(window.location.search) };
}

const listeners = new Set<() => void>();

export function navigate(to: string, replace = false): void {
  const url = to.startsWith(BASE) ? to : BASE + to;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((listener) => listener());
}

window.addEventListener('popstate', () => listeners.forEach((listener) => listener()));

/** Links inside the app move without a reload (a plain left click on an <a> whose href is under /app). */
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  const href = anchor?.getAttribute('href');
  if (!anchor || !href || anchor.target || !href.startsWith(BASE)) return;
  event.preventDefault();
  navigate(href);
});

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => {
      setLocation(current());
      window.scrollTo(0, 0);
    };
    listeners.add(update);
    // A child's effect may have navigated before this effect subscribed.
    setLocation((seen) => (seen.path === current().path && seen.params.toString() === current().params.toString() ? seen : current()));
    return () => void listeners.delete(update);
  }, []);
  return location;
}

/** Matches `/suppliers/:id` against a path; returns the named segments, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

export const href = (path: string) => BASE + path;
