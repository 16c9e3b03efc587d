/**
 * The colours of each theme, as CSS custom properties (without the leading `--`). The window
 * sets them on the page; main uses `paper` as the window's background so it never flashes
 * another colour while loading. tests/shared/themes.test.ts checks every text/background pair
 * against WCAG AA.
 */
import type { ThemeChoice } from './settings'

export type ThemeName = Exclude<ThemeChoice, 'system'>

export interface ThemeColors {
  /** The app's background, and the panes'. */
  paper: string
  /** The reading surface, cards and popovers. */
  surface: string
  ink: string
  /** Secondary text: labels, bylines. */
  'ink-soft': string
  /** Tertiary text: counts, hints. Still AA on every background. */
  'ink-faint': string
  /** Borders and separators (not text). */
  rule: string
  accent: string
  'accent-soft': string
  /** The chosen row, hovered buttons. */
  selected: string
  /** The focus ring. */
  focus: string
  /** Search hits. */
  mark: string
  'mark-ink': string
  /** Find in article: every match, and the current one. */
  find: string
  'find-ink': string
  'find-current': string
  'find-current-ink': string
  /** Highlights of bookmarks, painted behind the text, and the text over them. */
  'hl-yellow': string
  'hl-red': string
  'hl-blue': string
  'hl-green': string
  'hl-ink': string
  /** Swatches: the colours as buttons, badges and card edges. */
  'sw-yellow': string
  'sw-red': string
  'sw-blue': string
  'sw-green': string
  danger: string
  'danger-ink': string
  /** Not a colour but themed all the same. */
  shadow: string
  'color-scheme': 'light' | 'dark'
}

export const THEME_COLORS: Record<ThemeName, ThemeColors> = {
  light: {
    paper: '#f7f5f0',
    surface: '#fffdf9',
    ink: '#1f1d1a',
    'ink-soft': '#57524a',
    'ink-faint': '#686257',
    rule: '#e2ddd2',
    accent: '#8a3b12',
    'accent-soft': '#f3e6da',
    selected: '#efe7da',
    focus: '#1a5fb4',
    mark: '#ffe27a',
    'mark-ink': '#1f1d1a',
    find: '#ffd0a8',
    'find-ink': '#1f1d1a',
    'find-current': '#ff9d4d',
    'find-current-ink': '#1f1d1a',
    'hl-yellow': '#fde58a',
    'hl-red': '#f7b9b0',
    'hl-blue': '#b9d7f7',
    'hl-green': '#bfe5b5',
    'hl-ink': '#1f1d1a',
    'sw-yellow': '#e0b21a',
    'sw-red': '#d0503c',
    'sw-blue': '#3b7dd8',
    'sw-green': '#4a9a3d',
    danger: '#b3261e',
    'danger-ink': '#ffffff',
    shadow: '0 8px 28px rgb(40 30 10 / 0.16)',
    'color-scheme': 'light',
  },
  dark: {
    paper: '#1b1a18',
    surface: '#22211e',
    ink: '#e9e4da',
    'ink-soft': '#bdb5a6',
    'ink-faint': '#a39b8c',
    rule: '#3a3732',
    accent: '#f0a46c',
    'accent-soft': '#3b2c20',
    selected: '#34302a',
    focus: '#8ab4f8',
    mark: '#806a10',
    'mark-ink': '#fff8e0',
    find: '#6b4a1f',
    'find-ink': '#f4efe6',
    'find-current': '#e0924a',
    'find-current-ink': '#1b1a18',
    'hl-yellow': '#6b5a14',
    'hl-red': '#6e2f28',
    'hl-blue': '#24446b',
    'hl-green': '#2f5a29',
    'hl-ink': '#f4efe6',
    'sw-yellow': '#e8c34a',
    'sw-red': '#ec7b68',
    'sw-blue': '#77a9ef',
    'sw-green': '#7cc56d',
    danger: '#ff8a80',
    'danger-ink': '#1b1a18',
    shadow: '0 8px 28px rgb(0 0 0 / 0.5)',
    'color-scheme': 'dark',
  },
  sepia: {
    paper: '#f4ecd8',
    surface: '#f9f3e5',
    ink: '#3a2e1f',
    'ink-soft': '#5c4a33',
    'ink-faint': '#6a563c',
    rule: '#ddd0b3',
    accent: '#8a3b12',
    'accent-soft': '#ecdcc4',
    selected: '#eadcc0',
    focus: '#1a5fb4',
    mark: '#f2cf5b',
    'mark-ink': '#3a2e1f',
    find: '#f3c08e',
    'find-ink': '#3a2e1f',
    'find-current': '#e8944a',
    'find-current-ink': '#2e2418',
    'hl-yellow': '#f3d77a',
    'hl-red': '#eeb3a3',
    'hl-blue': '#bcd3e6',
    'hl-green': '#c5dcae',
    'hl-ink': '#2e2418',
    'sw-yellow': '#c9971a',
    'sw-red': '#bf4a36',
    'sw-blue': '#3a72c0',
    'sw-green': '#4a8a3a',
    danger: '#a3271b',
    'danger-ink': '#ffffff',
    shadow: '0 8px 28px rgb(60 40 10 / 0.18)',
    'color-scheme': 'light',
  },
}

/** The theme a choice shows, given whether the system asks for dark. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): ThemeName {
  if (choice === 'system') return systemDark ? 'dark' : 'light'
  return choice
}

/** Human names, for the settings panel and the shortcut that cycles themes. */
export const THEME_LABELS: Record<ThemeChoice, string> = {
  system: 'Follow the system',
  light: 'Light',
  dark: 'Dark',
  sepia: 'Sepia',
}
