import type { ReactNode, Ref } from 'react'
import type { SearchHit } from '../../../shared/types'
import type { Panes } from '../hooks/usePanes'
import { withKeys, type ActionId } from '../shortcuts'
import { ExportMenu, type ExportMenuHandle } from './ExportMenu'
import { SearchBox } from './SearchBox'

interface Props {
  searchInput: Ref<HTMLInputElement>
  exportMenu: Ref<ExportMenuHandle>
  openId: string | null
  allNotes: boolean
  panes: Panes
  onOpenHit: (hit: SearchHit) => void
  onLeaveSearch: () => void
  onToggleAllNotes: () => void
  onExportResult: (message: string, error?: boolean) => void
  onRestored: () => void
  onSettings: () => void
  onHelp: () => void
}

function ToolButton({
  label,
  action,
  pressed,
  controls,
  onClick,
  children,
}: {
  label: string
  action: ActionId
  pressed?: boolean
  controls?: string
  onClick: () => void
  children: ReactNode
}) {
  return (
    <button
      type="button"
      className="tool-button"
      aria-label={label}
      aria-pressed={pressed}
      aria-controls={controls}
      title={withKeys(label, action)}
      onClick={onClick}
    >
      <svg viewBox="0 0 20 20" aria-hidden="true">
        {children}
      </svg>
    </button>
  )
}

/** Search, the views, export, and the buttons for the panes, settings and shortcuts. */
export function TopBar(props: Props) {
  const { panes, allNotes } = props
  return (
    <header className="topbar" id="pane-top">
      <span className="brand">Lectern</span>
      <SearchBox
        ref={props.searchInput}
        onOpenHit={props.onOpenHit}
        onLeave={props.onLeaveSearch}
      />
      <div className="topbar-tools">
        <button
          type="button"
          className="small-button"
          aria-pressed={allNotes}
          title={withKeys('All notes', 'allNotes')}
          onClick={props.onToggleAllNotes}
        >
          All notes
        </button>
        <ExportMenu
          ref={props.exportMenu}
          articleId={props.openId}
          onResult={props.onExportResult}
          onRestored={props.onRestored}
        />
        <span className="tool-group" role="group" aria-label="Panes">
          <ToolButton
            label="Library"
            action="toggleList"
            pressed={panes.list.shown}
            controls="pane-list"
            onClick={panes.toggleList}
          >
            <rect x="2.5" y="3.5" width="15" height="13" rx="1.5" />
            <path d="M7.5 3.5v13" />
          </ToolButton>
          <ToolButton
            label="Notes"
            action="toggleNotes"
            pressed={panes.notes.shown}
            controls="pane-notes"
            onClick={panes.toggleNotes}
          >
            <rect x="2.5" y="3.5" width="15" height="13" rx="1.5" />
            <path d="M12.5 3.5v13" />
          </ToolButton>
          <ToolButton
            label="Focus mode"
            action="focusMode"
            pressed={panes.focus}
            onClick={panes.toggleFocus}
          >
            <path d="M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4" />
          </ToolButton>
        </span>
        <ToolButton label="Reading settings" action="settings" onClick={props.onSettings}>
          <path d="M3 15.5 7 4.5h1l4 11M4.6 11.5h5.8M12.5 15.5l2.5-7 2.5 7M13.3 13.5h3.4" />
        </ToolButton>
        <ToolButton label="Keyboard shortcuts" action="help" onClick={props.onHelp}>
          <rect x="2" y="5.5" width="16" height="9" rx="1.5" />
          <path d="M5 8.5h1M8 8.5h1M11 8.5h1M14 8.5h1M6.5 11.5h7" />
        </ToolButton>
      </div>
    </header>
  )
}
