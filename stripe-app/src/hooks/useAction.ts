import { useCallback, useState } from "react";

/** A write started from a button: pending while it runs, its error kept to show under the button. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  const [state, setState] = useState<{ pending: boolean; error: unknown }>({ pending: false, error: null });
  const run = useCallback(
    async (...args: A) => {
      setState({ pending: true, error: null });
      try {
        await action(...args);
        setState({ pending: false, error: null });
      } catch (error) {
        setState({ pending: false, error });
      }
    },
    [action],
  );
  return { run, ...state };
}
