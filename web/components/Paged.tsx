import { useEffect, useRef, useState } from 'preact/hooks';

import { downloadCsv, type Page } from '../api';
import { Problem, useAction } from './ui';

export interface Paged<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  /** The server has more after what is shown. */
  more: boolean;
  loadMore: () => void;
}

/** A list read page by page from the server's cursor: the first page when `deps` change, the next on `loadMore()`. */
export function usePaged<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, deps: unknown[]): Paged<T> {
  const [state, setState] = useState<{ items: T[]; cursor: string | null; loading: boolean; error: unknown }>({
    items: [],
    cursor: null,
    loading: true,
    error: null,
  });
  // Bumped when deps change: an answer to an older list's request is dropped.
  const generation = useRef(0);
  const load = (cursor: string | null, items: T[]) => {
    const at = generation.current;
    setState({ items, cursor, loading: true, error: null });
    fetchPage(cursor).then(
      (page) =>
        at === generation.current && setState({ items: [...items, ...page.items], cursor: page.nextCursor, loading: false, error: null }),
      (error: unknown) => at === generation.current && setState({ items, cursor, loading: false, error }),
    );
  };
  useEffect(() => {
    generation.current += 1;
    load(null, []);
  }, deps);
  return {
    items: state.items,
    loading: state.loading,
    error: state.error,
    more: state.cursor !== null,
    loadMore: () => load(state.cursor, state.items),
  };
}

/** Under a paged list: how many are shown, and a button for the next page while the server has more. */
export function PagedFooter<T>({ paged, noun }: { paged: Paged<T>; noun: string }) {
  return (
    <div class="paged-footer">
      <Problem error={paged.error} />
      <span class="muted" aria-live="polite">
        {paged.loading
          ? 'Loading…'
          : `${paged.items.length} ${noun}${paged.items.length === 1 ? '' : 's'} shown${paged.more ? ', more to read' : ''}`}
      </span>
      {paged.more && !paged.loading && (
        <button type="button" class="secondary" onClick={paged.loadMore}>
          Show more
        </button>
      )}
    </div>
  );
}

/** A button that downloads the whole list as CSV (the API's `Accept: text/csv`), with the tab's token. */
export function CsvButton({ path, filename }: { path: string; filename: string }) {
  const download = useAction(() => downloadCsv(path, filename));
  return (
    <span class="csv">
      <button type="button" class="secondary" onClick={() => void download.run()} disabled={download.busy}>
        {download.busy ? 'Downloading…' : 'Download CSV'}
      </button>
      <Problem error={download.error} />
    </span>
  );
}
