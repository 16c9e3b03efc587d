/**
 * Every keyboard shortcut, in one table: the key bindings and the shortcut sheet (`?`) are
 * both made from it, so the sheet can never tell of a key that does not work.
 */

export type ActionId =
  | 'next'
  | 'previous'
  | 'search'
  | 'find'
  | 'bookmark'
  | 'nextHighlight'
  | 'previousHighlight'
  | 'note'
  | 'export'
  | 'undo'
  | 'allNotes'
  | 'toggleList'
  | 'toggleNotes'
  | 'focusMode'
  | 'nextPane'
  | 'previousPane'
  | 'nextTheme'
  | 'largerText'
  | 'smallerText'
  | 'settings'
  | 'help'
  | 'close'

export interface Shortcut {
  action: ActionId
  /** As useShortcuts names keys: `mod+k`, `shift+f6`, `j`, `?`. The first is shown first. */
  keys: string[]
  label: string
  group: ShortcutGroup
}

export type ShortcutGroup = 'Reading' | 'Bookmarks and notes' | 'Panes' | 'Appearance' | 'Help'

export const SHORTCUTS: Shortcut[] = [
  { action: 'next', keys: ['j'], label: 'Next article', group: 'Reading' },
  { action: 'previous', keys: ['k'], label: 'Previous article', group: 'Reading' },
  { action: 'search', keys: ['mod+k', '/'], label: 'Search everything', group: 'Reading' },
  { action: 'find', keys: ['mod+f'], label: 'Find in this article', group: 'Reading' },
  {
    action: 'bookmark',
    keys: ['b'],
    label: 'Bookmark the selected words',
    group: 'Bookmarks and notes',
  },
  { action: 'note', keys: ['n'], label: 'New note on this article', group: 'Bookmarks and notes' },
  {
    action: 'nextHighlight',
    keys: ['.'],
    label: 'Next bookmark in the article',
    group: 'Bookmarks and notes',
  },
  {
    action: 'previousHighlight',
    keys: [','],
    label: 'Previous bookmark in the article',
    group: 'Bookmarks and notes',
  },
  {
    action: 'allNotes',
    keys: ['a'],
    label: 'All notes, or back to the article',
    group: 'Bookmarks and notes',
  },
  { action: 'export', keys: ['e'], label: 'Export, copy, back up', group: 'Bookmarks and notes' },
  {
    action: 'undo',
    keys: ['mod+z'],
    label: 'Undo the last bookmark or note change',
    group: 'Bookmarks and notes',
  },
  { action: 'toggleList', keys: ['['], label: 'Show or hide the library', group: 'Panes' },
  { action: 'toggleNotes', keys: [']'], label: 'Show or hide the notes', group: 'Panes' },
  { action: 'focusMode', keys: ['f'], label: 'Focus mode: only the article', group: 'Panes' },
  { action: 'nextPane', keys: ['f6'], label: 'Move to the next pane', group: 'Panes' },
  {
    action: 'previousPane',
    keys: ['shift+f6'],
    label: 'Move to the previous pane',
    group: 'Panes',
  },
  { action: 'nextTheme', keys: ['t'], label: 'Next theme', group: 'Appearance' },
  { action: 'largerText', keys: ['=', '+'], label: 'Larger text', group: 'Appearance' },
  { action: 'smallerText', keys: ['-'], label: 'Smaller text', group: 'Appearance' },
  { action: 'settings', keys: ['mod+,'], label: 'Reading settings', group: 'Appearance' },
  { action: 'help', keys: ['?'], label: 'This list of shortcuts', group: 'Help' },
  {
    action: 'close',
    keys: ['escape'],
    label: 'Close a menu, popover, dialog or the find bar',
    group: 'Help',
  },
]

/** Keys that work in one place only, shown on the sheet for completeness. */
export const LOCAL_KEYS: { keys: string[]; label: string }[] = [
  { keys: ['arrowup', 'arrowdown', 'home', 'end'], label: 'Move through the library' },
  { keys: ['enter'], label: 'Open the article, or the search result' },
  { keys: ['enter', 'shift+enter'], label: 'Next or previous match, in find' },
  { keys: ['1', '2', '3', '4'], label: 'Pick a colour, in the bar over a selection' },
  { keys: ['arrowleft', 'arrowright'], label: 'Resize a pane, on its edge' },
]

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform)

const KEY_NAMES: Record<string, string> = {
  escape: 'Esc',
  enter: 'Enter',
  arrowup: '↑',
  arrowdown: '↓',
  arrowleft: '←',
  arrowright: '→',
  home: 'Home',
  end: 'End',
  f6: 'F6',
}

/** `mod+k` → ["Ctrl", "K"] (or ["⌘", "K"] on a Mac). */
export function keyParts(key: string): string[] {
  return key.split(/\+(?=.)/).map((part) => {
    if (part === 'mod') return isMac() ? '⌘' : 'Ctrl'
    if (part === 'shift') return isMac() ? '⇧' : 'Shift'
    return KEY_NAMES[part] ?? (part.length === 1 ? part.toUpperCase() : part)
  })
}

/** For titles and labels: `Ctrl+K`. */
export const keyLabel = (key: string): string => keyParts(key).join('+')

/** The keys of an action, for a button's title: "Export (E)". */
export function withKeys(label: string, action: ActionId): string {
  const keys = SHORTCUTS.find((s) => s.action === action)?.keys ?? []
  return keys.length ? `${label} (${keys.map(keyLabel).join(' or ')})` : label
}
