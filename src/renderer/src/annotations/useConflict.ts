/**
 * A bookmark's note or a note's text edited on two computers that could not be merged: its
 * versions (fetched while `open`), and settling it by keeping one or saving a merged text.
 */
import { useCallback, useEffect, useState } from 'react'
import type { ConflictResolution, ConflictView } from '../../../shared/types'
import { api, messageOf } from '../api'

export interface ConflictState {
  conflict: ConflictView | null
  loading: boolean
  error: string | null
  busy: boolean
  /** Settles it; resolves true once the choice is on disk. */
  resolve: (how: ConflictResolution) => Promise<boolean>
}

export function useConflict(
  id: string,
  open: boolean,
  onSettled: (how: ConflictResolution) => void,
): ConflictState {
  const [conflict, setConflict] = useState<ConflictView | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!open) return
    let live = true
    setLoading(true)
    setError(null)
    api()
      .getConflict({ id })
      .then(
        (found) => live && setConflict(found),
        (err: unknown) => live && setError(messageOf(err)),
      )
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [id, open])

  const resolve = useCallback(
    async (how: ConflictResolution): Promise<boolean> => {
      setBusy(true)
      setError(null)
      try {
        await api().resolveConflict({ id, ...how })
        onSettled(how)
        return true
      } catch (err) {
        setError(`Not saved: ${messageOf(err)}`)
        return false
      } finally {
        setBusy(false)
      }
    },
    [id, onSettled],
  )

  return { conflict, loading, error, busy, resolve }
}
