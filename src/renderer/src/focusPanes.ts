/**
 * F6 and Shift+F6: focus moves from pane to pane (top bar, library, article, notes), skipping
 * hidden ones, and lands on the place in each where work goes on (the search box, the open
 * article's row, the article text, the notes).
 */

/** The panes in order; each has this id on its landmark element. */
export const PANE_IDS = ['pane-top', 'pane-list', 'pane-reader', 'pane-notes'] as const

/** Marks the element inside a pane that should take focus when the pane is entered. */
export const PANE_START = 'data-pane-start'

const visible = (el: HTMLElement): boolean => el.getClientRects().length > 0

export function cyclePanes(delta: 1 | -1, root: Document = document): void {
  const panes = PANE_IDS.map((id) => root.getElementById(id)).filter(
    (el): el is HTMLElement => !!el && visible(el),
  )
  if (panes.length === 0) return
  const at = panes.findIndex((el) => el.contains(root.activeElement))
  const next =
    panes[
      at === -1 ? (delta === 1 ? 0 : panes.length - 1) : (at + delta + panes.length) % panes.length
    ]
  if (!next) return
  const start = next.querySelector<HTMLElement>(`[${PANE_START}]`)
  ;(start && visible(start) ? start : next).focus()
}

/** Puts the keyboard in the article, where the reading keys scroll it. */
export function focusReader(root: Document = document): void {
  root.getElementById('pane-reader')?.focus({ preventScroll: true })
}
