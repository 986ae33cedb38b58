import { useCallback, useEffect, useRef, useState } from "react";

export type Loaded<T> = { status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; data: T };

/**
 * Runs `load` when the view mounts and whenever `deps` change; `reload` runs it again. An answer that
 * arrives after a newer load started is dropped, so a slow first call never overwrites a reload.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const generation = useRef(0);

  const run = useCallback(() => {
    const mine = ++generation.current;
    setState({ status: "loading" });
    load().then(
      (data) => mine === generation.current && setState({ status: "ready", data }),
      (error: unknown) => mine === generation.current && setState({ status: "error", error }),
    );
    // The caller names what the load depends on
  }, deps);

  useEffect(() => {
    run();
    return () => void generation.current++;
  }, [run]);

  const set = useCallback((data: T) => setState({ status: "ready", data }), []);
  return { state, reload: run, set };
}
