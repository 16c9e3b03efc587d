import { type ReactNode, type Ref, type RefObject } from 'react'
import { useMediaQuery } from '../hooks/useMediaQuery'
import type { SearchHit } from '../../../shared/types'
import type { Panes } from '../hooks/usePanes'
import { withKeys, type ActionId } from '../shortcuts'
import { ExportMenu, type ExportMenuHandle } from './ExportMenu'
import { MenuButton } from './MenuButton'
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
  onVault: () => void
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

/** Below this width the tools fold into one menu, so the bar never scrolls sideways. */
export const TOOLS_FOLD_MAX = 560

/** Search, the views, export, and the buttons for the panes, settings and shortcuts. */
export function TopBar(props: Props) {
  const { panes, allNotes } = props
  const folded = useMediaQuery(`(max-width: ${TOOLS_FOLD_MAX}px)`)
  if (folded)
    return (
      <header className="topbar" id="pane-top">
        <SearchBox
          ref={props.searchInput}
          onOpenHit={props.onOpenHit}
          onLeave={props.onLeaveSearch}
        />
        <div className="topbar-tools">
          {/* Still here, for E and the menu's Export item: only its button is out of sight. */}
          <span className="visually-hidden-tools">
            <ExportMenu
              ref={props.exportMenu}
              articleId={props.openId}
              onResult={props.onExportResult}
              onRestored={props.onRestored}
              onVault={props.onVault}
            />
          </span>
          <ToolsMenu {...props} />
        </div>
      </header>
    )
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
          onVault={props.onVault}
        />
        <span className="tool-group" role="group" aria-label="Panes">
          <ToolButton
            label="Library"
            action="toggleList"
            pressed={panes.list.shown}
            // Names the pane only while it is there to be named.
            controls={panes.list.shown ? 'pane-list' : undefined}
            onClick={panes.toggleList}
          >
            <rect x="2.5" y="3.5" width="15" height="13" rx="1.5" />
            <path d="M7.5 3.5v13" />
          </ToolButton>
          <ToolButton
            label="Notes"
            action="toggleNotes"
            pressed={panes.notes.shown}
            controls={panes.notes.shown && !allNotes ? 'pane-notes' : undefined}
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

/** Every tool of the bar in one menu, for a narrow window (or a large zoom). */
function ToolsMenu(props: Props) {
  const { panes, allNotes } = props
  return (
    <MenuButton label="Menu ▾" name="Menu">
      {(choose) => {
        const item = (
          label: string,
          action: ActionId | null,
          run: () => void,
          pressed?: boolean,
        ): ReactNode => (
          <button
            key={label}
            type="button"
            role={pressed === undefined ? 'menuitem' : 'menuitemcheckbox'}
            aria-checked={pressed}
            title={action ? withKeys(label, action) : label}
            onClick={() => choose(run)}
          >
            {label}
            {pressed && <span className="menu-hint">on</span>}
          </button>
        )
        return (
          <>
            {item('All notes', 'allNotes', props.onToggleAllNotes, allNotes)}
            {item('Export, copy, back up…', 'export', () =>
              (props.exportMenu as RefObject<ExportMenuHandle | null>).current?.open(),
            )}
            {item('Library', 'toggleList', panes.toggleList, panes.list.shown)}
            {item('Notes', 'toggleNotes', panes.toggleNotes, panes.notes.shown)}
            {item('Focus mode', 'focusMode', panes.toggleFocus, panes.focus)}
            {item('Reading settings', 'settings', props.onSettings)}
            {item('Keyboard shortcuts', 'help', props.onHelp)}
          </>
        )
      }}
    </MenuButton>
  )
}
