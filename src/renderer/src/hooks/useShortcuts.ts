import { useEffect, useRef } from 'react'
import { SHORTCUTS, isMac, type ActionId } from '../shortcuts'

export type ActionMap = Partial<Record<ActionId, (event: KeyboardEvent) => void>>

/** True while the person is typing into a field, where single-letter shortcuts must not fire. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

/** The name of a key press as the shortcut table writes it: `mod+k`, `shift+f6`, `?`. */
export function keyName(event: KeyboardEvent): string {
  const mod = isMac() ? event.metaKey : event.ctrlKey
  const key = event.key.toLowerCase()
  // A printed character already says whether Shift was down (`?`, `+`); other keys do not.
  const shift = event.shiftKey && event.key.length > 1 ? 'shift+' : ''
  return `${mod ? 'mod+' : ''}${shift}${key}`
}

const BINDINGS = new Map<string, ActionId>(
  SHORTCUTS.flatMap((s) => s.keys.map((k) => [k, s.action] as const)),
)

/**
 * The global keyboard shortcuts of the table in shortcuts.ts. `mod` is Cmd on macOS and Ctrl
 * elsewhere. Printed keys are ignored while typing; nothing fires while a modal dialog is
 * open (it has its own keys, and Esc closes it).
 */
export function useShortcuts(actions: ActionMap): void {
  const latest = useRef(actions)
  latest.current = actions
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) return
      const name = keyName(event)
      const action = BINDINGS.get(name)
      const handler = action && latest.current[action]
      if (!handler) return
      const mod = name.startsWith('mod+')
      if (!mod && event.key.length === 1 && isTyping(event.target)) return
      if (event.altKey || (!mod && (event.ctrlKey || event.metaKey))) return
      if (document.querySelector('dialog[open]')) return
      event.preventDefault()
      handler(event)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
