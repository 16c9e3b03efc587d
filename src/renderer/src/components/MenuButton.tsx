/**
 * A button that opens a menu of buttons: the one behaviour the top bar's and the library's
 * menus share. The first enabled item takes the keyboard, ↑/↓ move round the items, Esc and
 * a choice close the menu and give the keyboard back to the button, a click elsewhere closes it.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type ReactNode } from 'react'

export interface MenuButtonHandle {
  open: () => void
}

interface Props {
  /** The button's face, e.g. "Export ▾". */
  label: ReactNode
  /** The menu's accessible name. */
  name: string
  title?: string
  /** The items; `choose(run)` closes the menu, then runs the item's action. */
  children: (choose: (run: () => void) => void) => ReactNode
}

const ENABLED_ITEMS = 'button:not([disabled])'

export const MenuButton = forwardRef<MenuButtonHandle, Props>(function MenuButton(
  { label, name, title, children },
  ref,
) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  useImperativeHandle(ref, () => ({ open: () => setOpen(true) }), [])

  useEffect(() => {
    if (!open) return
    menu.current?.querySelector<HTMLButtonElement>(ENABLED_ITEMS)?.focus()
    const away = (e: MouseEvent): void => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) setOpen(false)
    }
    document.addEventListener('mousedown', away)
    return () => document.removeEventListener('mousedown', away)
  }, [open])

  const close = (): void => {
    setOpen(false)
    button.current?.focus()
  }
  const choose = (run: () => void): void => {
    close()
    run()
  }

  return (
    <div className="menu-wrap">
      <button
        ref={button}
        type="button"
        className="small-button"
        aria-haspopup="menu"
        aria-expanded={open}
        title={title}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      {open && (
        <div
          ref={menu}
          className="menu"
          role="menu"
          aria-label={name}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation()
              close()
              return
            }
            if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
            e.preventDefault()
            const items = [
              ...(menu.current?.querySelectorAll<HTMLButtonElement>(ENABLED_ITEMS) ?? []),
            ]
            const at = items.indexOf(document.activeElement as HTMLButtonElement)
            const step = e.key === 'ArrowDown' ? 1 : -1
            items[(at + step + items.length) % items.length]?.focus()
          }}
        >
          {children(choose)}
        </div>
      )}
    </div>
  )
})
