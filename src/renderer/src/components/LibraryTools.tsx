/** Above the library: import, words of the title to look for, which articles, in what order. */
import { MenuButton } from './MenuButton'
import { SHOWS, SORTS, type Library, type LibraryShow, type LibrarySort } from '../hooks/useLibrary'

export function ImportMenu({ onChoose }: { onChoose: (folder: boolean) => void }) {
  return (
    <MenuButton
      label="Import ▾"
      name="Import"
      title="Import saved pages, books, PDFs, Markdown, text and read-it-later exports (or drop them on the window)"
    >
      {(choose) => (
        <>
          <button type="button" role="menuitem" onClick={() => choose(() => onChoose(false))}>
            Import files…
            <span className="menu-hint">pages, EPUB, PDF, .md…</span>
          </button>
          <button type="button" role="menuitem" onClick={() => choose(() => onChoose(true))}>
            Import a folder…
            <span className="menu-hint">and all under it</span>
          </button>
        </>
      )}
    </MenuButton>
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
