import { useEffect, useRef } from 'react'
import { SHORTCUTS, isMac, type ActionId } from '../shortcuts'

export type ActionMap = Partial<Record<ActionId, (event: KeyboardEvent) => void>>

/** Inputs that take no typing: the app's keys still work while one has focus. */
const NOT_TYPED = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'radio',
  'range',
  'reset',
  'submit',
])

/** True while the person is typing into a field: the keys are the field's, not the app's. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el) return false
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true
  return el.tagName === 'INPUT' && !NOT_TYPED.has((el as HTMLInputElement).type)
}

/**
 * The only keys the app takes from a text field: they mean nothing to the field, and they are
 * how one leaves it. Everything else, Ctrl/Cmd+Z above all, is the field's own (its text undo).
 */
const TAKEN_FROM_FIELDS = new Set(['escape', 'f6', 'shift+f6'])

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
 * elsewhere. While typing in a field only Esc and F6 are taken from it; nothing fires while a
 * modal dialog is open (it has its own keys, and Esc closes it).
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
      if (isTyping(event.target) && !TAKEN_FROM_FIELDS.has(name)) return
      const mod = name.startsWith('mod+')
      if (event.altKey || (!mod && (event.ctrlKey || event.metaKey))) return
      if (document.querySelector('dialog[open]')) return
      event.preventDefault()
      handler(event)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
