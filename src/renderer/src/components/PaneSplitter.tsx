import { useRef, type KeyboardEvent, type PointerEvent } from 'react'

interface Props {
  /** What it resizes, for its name: "library", "notes". */
  pane: string
  /** The pane's id, for aria-controls. */
  controls: string
  /** Which side of the splitter the pane is on: dragging towards it makes it smaller. */
  side: 'left' | 'right'
  width: number
  min: number
  max: number
  step: number
  onResize: (width: number) => void
}

/**
 * The edge between two panes: drag it, or focus it and use the arrow keys (Home and End for the
 * smallest and largest). A window splitter in the WAI-ARIA sense.
 */
export function PaneSplitter({ pane, controls, side, width, min, max, step, onResize }: Props) {
  const drag = useRef<{ x: number; width: number } | null>(null)
  const clamp = (n: number): number => Math.round(Math.max(min, Math.min(max, n)))
  const grow = side === 'left' ? 1 : -1

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return
    e.preventDefault()
    e.currentTarget.setPointerCapture(e.pointerId)
    e.currentTarget.focus()
    drag.current = { x: e.clientX, width }
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (!drag.current) return
    onResize(clamp(drag.current.width + (e.clientX - drag.current.x) * grow))
  }
  const onPointerUp = (e: PointerEvent<HTMLDivElement>): void => {
    drag.current = null
    e.currentTarget.releasePointerCapture(e.pointerId)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, number> = {
      ArrowLeft: width - step * grow,
      ArrowRight: width + step * grow,
      Home: min,
      End: max,
    }
    const next = moves[e.key]
    if (next === undefined) return
    e.preventDefault()
    onResize(clamp(next))
  }

  return (
    <div
      className={`splitter splitter-${side === 'left' ? 'list' : 'notes'}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize the ${pane}`}
      aria-controls={controls}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={`${pane} ${width} pixels wide`}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  )
}
