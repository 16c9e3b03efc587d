/**
 * Which side panes show, and how. In a wide window they sit beside the article, each shown or
 * hidden as the reader last left it (kept in the settings). In a narrow one (a small window, or
 * a large zoom) there is no room beside the article: the notes, and in a very narrow one the
 * library too, slide over it when asked for and go away again, without changing the setting.
 */
import { useState } from 'react'
import type { PaneSettings, SettingsChange } from '../../../shared/settings'
import { useMediaQuery } from './useMediaQuery'

export type PaneMode = 'docked' | 'drawer'

export interface Panes {
  list: { shown: boolean; mode: PaneMode }
  notes: { shown: boolean; mode: PaneMode }
  focus: boolean
  toggleList: () => void
  toggleNotes: () => void
  toggleFocus: () => void
  /** Closes the panes that slide over the article; true if one was open. */
  closeDrawers: () => boolean
}

/** Below these widths (in CSS pixels) a pane no longer fits beside the article. */
export const NOTES_DOCK_MIN = 961
export const LIST_DOCK_MIN = 641
/**
 * The notes sit beside the article only while its lines keep at least this many characters;
 * fewer, and reading suffers more than the notes help (they slide over the article instead).
 */
export const MIN_LINE_CHARS = 55
/** A character of the reading font (its `ch`) in em, and what the reader pane adds around the text. */
const CH_EM = 0.55
const READER_PADDING = 64
const SPLITTERS = 12

/** The narrowest window in which the notes dock beside the article, for these settings. */
export function notesDockWidth(panes: PaneSettings, fontSize: number, listDocked: boolean): number {
  const list = listDocked && panes.listOpen && !panes.focus ? panes.listWidth : 0
  const article = Math.ceil(MIN_LINE_CHARS * CH_EM * fontSize) + READER_PADDING
  return Math.max(NOTES_DOCK_MIN, list + panes.notesWidth + SPLITTERS + article)
}

export function usePanes(
  panes: PaneSettings,
  change: (c: SettingsChange) => void,
  fontSize: number,
): Panes {
  const listDocked = useMediaQuery(`(min-width: ${LIST_DOCK_MIN}px)`)
  const notesDocked = useMediaQuery(`(min-width: ${notesDockWidth(panes, fontSize, listDocked)}px)`)
  const [drawer, setDrawer] = useState<'list' | 'notes' | null>(null)
  const { focus } = panes

  const toggle = (which: 'list' | 'notes', docked: boolean): void => {
    if (!docked) {
      setDrawer((d) => (d === which ? null : which))
      return
    }
    const key = which === 'list' ? 'listOpen' : 'notesOpen'
    // Asking for a pane in focus mode leaves focus mode, with that pane shown.
    if (focus) change({ panes: { focus: false, [key]: true } })
    else change({ panes: { [key]: !panes[key] } })
  }

  const closeDrawers = (): boolean => {
    setDrawer(null)
    return drawer !== null
  }

  const shown = (which: 'list' | 'notes', docked: boolean, open: boolean): boolean =>
    docked ? open && !focus : drawer === which

  return {
    list: {
      shown: shown('list', listDocked, panes.listOpen),
      mode: listDocked ? 'docked' : 'drawer',
    },
    notes: {
      shown: shown('notes', notesDocked, panes.notesOpen),
      mode: notesDocked ? 'docked' : 'drawer',
    },
    focus,
    toggleList: () => toggle('list', listDocked),
    toggleNotes: () => toggle('notes', notesDocked),
    toggleFocus: () => {
      setDrawer(null)
      change({ panes: { focus: !focus } })
    },
    closeDrawers,
  }
}
