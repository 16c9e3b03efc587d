/**
 * The reader's settings in the window: a change shows at once and is saved a moment later
 * (a slider or a dragged pane edge sends one save, not one per step). A save that fails says
 * so and puts back what is on disk.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { applySettingsChange, type Settings, type SettingsChange } from '../../../shared/settings'
import { api, messageOf } from '../api'
import { applyAppearance, onSystemThemeChange } from './appearance'

/** How long changes may pause before they are saved. */
const SAVE_AFTER_MS = 300

export interface SettingsControl {
  settings: Settings
  change: (change: SettingsChange) => void
  /** Sends any change still waiting (before the window closes). */
  flush: () => void
}

/** Merges two changes; the later one wins field by field. */
function merge(a: SettingsChange, b: SettingsChange): SettingsChange {
  return { ...a, ...b, panes: { ...a.panes, ...b.panes } }
}

export function useSettings(
  initial: Settings,
  onError: (message: string) => void,
): SettingsControl {
  const [settings, setSettings] = useState(initial)
  const pending = useRef<SettingsChange | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const failed = useRef(onError)
  failed.current = onError

  useEffect(() => applyAppearance(settings), [settings])
  useEffect(() => onSystemThemeChange(() => setSettings((s) => ({ ...s }))), [])

  const flush = useCallback(() => {
    clearTimeout(timer.current)
    const change = pending.current
    pending.current = null
    if (!change) return
    api()
      .saveSettings(change)
      .catch((err: unknown) => {
        failed.current(`Settings not saved: ${messageOf(err)}`)
        void api()
          .getSettings()
          .then(setSettings, () => undefined)
      })
  }, [])

  const change = useCallback(
    (next: SettingsChange) => {
      setSettings((s) => applySettingsChange(s, next))
      pending.current = pending.current ? merge(pending.current, next) : next
      clearTimeout(timer.current)
      timer.current = setTimeout(flush, SAVE_AFTER_MS)
    },
    [flush],
  )

  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => window.removeEventListener('pagehide', flush)
  }, [flush])

  return { settings, change, flush }
}
