import { useCallback, useState } from "react";
import { useLoad } from "./useLoad";

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

interface Pages<T, P> {
  first: P;
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paged listing: the first page loads like useLoad, `loadMore` appends the next one. `replace`
 * swaps one item for its new state after a write, so the vendor keeps the pages already shown.
 */
export function usePages<T extends { id: string }, P extends Page<T>>(loadPage: (cursor?: string) => Promise<P>, deps: readonly unknown[]) {
  const { state, reload, set } = useLoad<Pages<T, P>>(
    () => loadPage().then((first) => ({ first, items: first.data, nextCursor: first.nextCursor })),
    deps,
  );
  const [more, setMore] = useState<{ pending: boolean; error: unknown }>({ pending: false, error: null });

  const loadMore = useCallback(async () => {
    if (state.status !== "ready" || !state.data.nextCursor) return;
    const shown = state.data;
    setMore({ pending: true, error: null });
    try {
      const next = await loadPage(shown.nextCursor ?? undefined);
      set({ ...shown, items: [...shown.items, ...next.data], nextCursor: next.nextCursor });
      setMore({ pending: false, error: null });
    } catch (error) {
      setMore({ pending: false, error });
    }
  }, [state, loadPage, set]);

  const replace = useCallback(
    (item: T) => {
      if (state.status !== "ready") return;
      set({ ...state.data, items: state.data.items.map((shown) => (shown.id === item.id ? item : shown)) });
    },
    [state, set],
  );

  return { state, reload, loadMore, more, replace };
}
