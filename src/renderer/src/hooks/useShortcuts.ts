import { useEffect, useRef } from 'react'

export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>

/** True while the person is typing into a field, where single-letter shortcuts must not fire. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

/**
 * Global keyboard shortcuts. Keys are written like `mod+k`, `shift+enter`, `/`, `j`;
 * `mod` is Cmd on macOS and Ctrl elsewhere. Plain keys are ignored while typing.
 */
export function useShortcuts(map: ShortcutMap): void {
  const latest = useRef(map)
  latest.current = map
  useEffect(() => {
    const mac = /Mac|iPhone|iPad/.test(navigator.platform)
    const onKey = (event: KeyboardEvent): void => {
      const mod = mac ? event.metaKey : event.ctrlKey
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key.toLowerCase()
      const name = `${mod ? 'mod+' : ''}${event.shiftKey && event.key.length > 1 ? 'shift+' : ''}${key}`
      const handler = latest.current[name]
      if (!handler) return
      if (!mod && event.key.length === 1 && isTyping(event.target)) return
      if (event.altKey || (!mod && (event.ctrlKey || event.metaKey))) return
      event.preventDefault()
      handler(event)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
