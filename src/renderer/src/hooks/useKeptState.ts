import { useCallback, useState } from 'react'

/** Values kept for the life of the window, by key: a view's state outlives the view. */
const kept = new Map<string, unknown>()

/**
 * Like `useState`, but the value is still there when the component comes back (All notes
 * keeps its filter and order after a visit to an article). Not saved across restarts.
 */
export function useKeptState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => (kept.has(key) ? (kept.get(key) as T) : initial))
  const set = useCallback(
    (next: T) => {
      kept.set(key, next)
      setValue(next)
    },
    [key],
  )
  return [value, set]
}
