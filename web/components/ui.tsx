import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { ApiError } from '../api';
import { label } from '../format';

/** What went wrong, as the API said it: the problem's title and detail, and each field named. */
export function Problem({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, 'Something went wrong', String(error));
  return (
    <div class="problem" role="alert">
      <strong>{e.title}</strong>
      {e.status ? <span class="muted"> ({e.status})</span> : null}
      <div>{e.detail}</div>
      {e.errors.length > 0 && (
        <ul>
          {e.errors.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code> {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads data when `deps` change; `reload()` loads it again (after an action). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Shows what a load is doing: its error, a placeholder while loading, else the content. */
export function View<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (loaded.error) return <Problem error={loaded.error} />;
  if (loaded.data === undefined)
    return (
      <p class="muted" aria-busy="true">
        Loading…
      </p>
    );
  return <>{children(loaded.data)}</>;
}

/** An action's state: run it, see it busy, see the API's refusal if it refused. */
export function useAction<A extends unknown[], R>(act: (...args: A) => Promise<R>, onDone?: (result: R) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (...args: A) => {
    setBusy(true);
    setError(null);
    try {
      const result = await act(...args);
      onDone?.(result);
      return result;
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, clear: () => setError(null) };
}

const TONES: Record<string, string> = {
  ACTIVE: 'good',
  EXCELLENT: 'good',
  GOOD: 'good',
  GRANTED: 'good',
  ACCEPTED: 'good',
  REWARD: 'good',
  REINSTATE: 'good',
  ADMIT: 'good',
  AUDIT_PASSED: 'good',
  APPEAL_GRANTED: 'good',
  HOLD_LIFTED: 'info',
  WATCH: 'warn',
  WARNING: 'warn',
  PROBATION: 'warn',
  OPEN: 'warn',
  PENDING: 'warn',
  APPLICANT: 'info',
  POOR: 'bad',
  PENALTY: 'bad',
  DELIST: 'bad',
  DELISTED: 'bad',
  SUSPENDED: 'bad',
  REJECTED: 'bad',
  REJECT: 'bad',
  DENIED: 'bad',
  AUDIT_FAILED: 'bad',
};

export function Badge({ value }: { value: string | null | undefined }) {
  if (!value) return <span class="badge">none</span>;
  return <span class={`badge ${TONES[value] ?? ''}`}>{label(value)}</span>;
}

export function Section({
  title,
  id,
  children,
  actions,
}: {
  title: string;
  id?: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <section class="card" aria-labelledby={id ? `${id}-title` : undefined}>
      <div class="card-head">
        <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Focuses the page's main heading when a page opens, so a keyboard or screen-reader user lands on it. */
export function PageTitle({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="muted">{children}</p>;
}
