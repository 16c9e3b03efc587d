import { useEffect, useRef } from 'react'
import { COLORS, type Color, type Palette } from '../../../shared/types'

interface Props {
  /** Where the selection is on screen. */
  rect: DOMRect
  palette: Palette
  onPick: (color: Color) => void
  onClose: () => void
}

/** The small bar over a selection: one button per highlight colour, each saving a bookmark. */
export function SelectionPopover({ rect, palette, onPick, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose()
      // 1 to 4 pick the colours in order, as the buttons show them.
      const color = COLORS[Number(e.key) - 1]
      if (color && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault()
        onPick(color)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose, onPick])

  // Above the selection, or below it near the top; always on screen.
  const top = Math.min(window.innerHeight - 48, rect.top > 56 ? rect.top - 48 : rect.bottom + 8)
  // About 440 px wide with the colour names; kept inside the window however narrow it is.
  const left = Math.max(8, Math.min(window.innerWidth - 448, rect.left + rect.width / 2 - 220))
  return (
    <div
      ref={ref}
      className="selection-popover"
      role="toolbar"
      aria-label="Bookmark the selection"
      style={{ top, left }}
      onMouseDown={(e) => e.preventDefault()}
    >
      {COLORS.map((c, i) => (
        <button
          key={c}
          type="button"
          className="popover-color"
          aria-label={`Bookmark as ${palette[c].name} (${c})`}
          aria-keyshortcuts={String(i + 1)}
          title={`${palette[c].name} (${c}) — ${i + 1}${c === 'yellow' ? ' or B' : ''}`}
          onClick={() => onPick(c)}
        >
          {/* The colour and its name: a dot alone says nothing of what it means. */}
          <span className={`swatch small swatch-${c}`} aria-hidden="true" />
          <span className="popover-color-name">{palette[c].name}</span>
        </button>
      ))}
    </div>
  )
}
