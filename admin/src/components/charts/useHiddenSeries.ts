import { useCallback, useState } from 'react';

/** The series the reader switched off by pressing their legend entry. */
export function useHiddenSeries() {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const toggle = useCallback(
    (key: string) =>
      setHidden((h) => {
        const next = new Set(h);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    []
  );
  return { hidden, toggle };
}
