/** Above the library: import, words of the title to look for, which articles, in what order. */
import { useEffect, useRef, useState } from 'react'
import { SHOWS, SORTS, type Library, type LibraryShow, type LibrarySort } from '../hooks/useLibrary'

export function ImportMenu({ onChoose }: { onChoose: (folder: boolean) => void }) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus()
    const away = (e: MouseEvent): void => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) setOpen(false)
    }
    document.addEventListener('mousedown', away)
    return () => document.removeEventListener('mousedown', away)
  }, [open])
  const choose = (folder: boolean): void => {
    setOpen(false)
    button.current?.focus()
    onChoose(folder)
  }
  return (
    <div className="menu-wrap">
      <button
        ref={button}
        type="button"
        className="small-button"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Import saved pages, Markdown and text (or drop them on the window)"
        onClick={() => setOpen((o) => !o)}
      >
        Import ▾
      </button>
      {open && (
        <div
          ref={menu}
          className="menu"
          role="menu"
          aria-label="Import"
          onKeyDown={(e) => {
            const items = [...(menu.current?.querySelectorAll('button') ?? [])]
            const at = items.indexOf(document.activeElement as HTMLButtonElement)
            if (e.key === 'Escape') {
              e.stopPropagation()
              setOpen(false)
              button.current?.focus()
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault()
              items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus()
            }
          }}
        >
          <button type="button" role="menuitem" onClick={() => choose(false)}>
            Import files…
            <span className="menu-hint">.html .md .txt</span>
          </button>
          <button type="button" role="menuitem" onClick={() => choose(true)}>
            Import a folder…
            <span className="menu-hint">and all under it</span>
          </button>
        </div>
      )}
    </div>
  )
}

export function LibraryFilters({ library }: { library: Library }) {
  return (
    <div className="library-filters">
      <input
        type="search"
        className="title-filter"
        placeholder="Filter by title"
        aria-label="Filter the library by title"
        value={library.query}
        onChange={(e) => library.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && library.query) {
            e.stopPropagation()
            library.setQuery('')
          }
        }}
      />
      <div className="library-choices">
        <label>
          <span className="visually-hidden">Show</span>
          <select
            aria-label="Show"
            value={library.show}
            onChange={(e) => library.setShow(e.target.value as LibraryShow)}
          >
            {Object.entries(SHOWS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">Sort by</span>
          <select
            aria-label="Sort by"
            value={library.sort}
            onChange={(e) => library.setSort(e.target.value as LibrarySort)}
          >
            {Object.entries(SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  )
}
