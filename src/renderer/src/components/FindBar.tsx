import { useEffect, useRef, useState, type RefObject } from 'react'
import { clearHighlight, findRanges, setHighlight } from '../highlights'

interface Props {
  /** The element whose text is searched. */
  scope: RefObject<HTMLElement | null>
  /** Changes when the article changes, so matches are found again. */
  contentKey: string
  onClose: () => void
}

/** Find in the open article: all matches highlighted, the current one marked, next/previous. */
export function FindBar({ scope, contentKey, onClose }: Props) {
  const [query, setQuery] = useState('')
  const [ranges, setRanges] = useState<Range[]>([])
  const [current, setCurrent] = useState(0)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    // Opening the bar must not move the article: the reader is finding from where they are.
    input.current?.focus({ preventScroll: true })
    input.current?.select()
  }, [])

  useEffect(() => {
    const found = scope.current ? findRanges(scope.current, query) : []
    setRanges(found)
    // The first match from where the reader is, not from the top of the article.
    const view = scope.current?.closest('.reader-pane')?.getBoundingClientRect()
    const from = view ? found.findIndex((r) => r.getBoundingClientRect().bottom > view.top) : 0
    setCurrent(Math.max(0, from))
  }, [query, scope, contentKey])

  useEffect(() => {
    setHighlight('find', ranges)
    const range = ranges[current]
    setHighlight('find-current', range ? [range] : [])
    range?.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' })
  }, [ranges, current])

  useEffect(
    () => () => {
      clearHighlight('find')
      clearHighlight('find-current')
    },
    [],
  )

  const step = (delta: number): void => {
    if (ranges.length) setCurrent((c) => (c + delta + ranges.length) % ranges.length)
  }

  const status = !query.trim()
    ? ''
    : ranges.length
      ? `${current + 1} of ${ranges.length}`
      : 'No matches'

  return (
    <div className="find-bar" role="search" aria-label="Find in article">
      <input
        ref={input}
        type="search"
        value={query}
        placeholder="Find in article"
        aria-label="Find in article"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            step(e.shiftKey ? -1 : 1)
          } else if (e.key === 'Escape') {
            e.preventDefault()
            onClose()
          }
        }}
      />
      <span className="find-count" aria-live="polite">
        {status}
      </span>
      <button
        type="button"
        onClick={() => step(-1)}
        disabled={!ranges.length}
        aria-label="Previous match"
        title="Previous (Shift+Enter)"
      >
        ↑
      </button>
      <button
        type="button"
        onClick={() => step(1)}
        disabled={!ranges.length}
        aria-label="Next match"
        title="Next (Enter)"
      >
        ↓
      </button>
      <button type="button" onClick={onClose} aria-label="Close find" title="Close (Esc)">
        ✕
      </button>
    </div>
  )
}
