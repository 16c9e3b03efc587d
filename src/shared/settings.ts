/**
 * The reader's settings: theme, typography and panes, with their limits and defaults. The
 * schemas that enforce the limits (for the contract and the data file) are in settingsSchema.ts,
 * so the window does not carry a validation library for them.
 */
export const THEMES = ['system', 'light', 'dark', 'sepia'] as const
export type ThemeChoice = (typeof THEMES)[number]

/** `literata` is bundled; `sans` and `system` use the fonts the computer has. */
export const FONTS = ['literata', 'sans', 'system'] as const
export type FontChoice = (typeof FONTS)[number]

/** What each setting may be: the settings panel's sliders use the same numbers. */
export const LIMITS = {
  fontSize: { min: 14, max: 30, step: 1 },
  lineHeight: { min: 1.2, max: 2.2, step: 0.1 },
  columnWidth: { min: 40, max: 100, step: 2 },
  listWidth: { min: 180, max: 480, step: 10 },
  notesWidth: { min: 220, max: 520, step: 10 },
} as const

export interface PaneSettings {
  /** Width of the library pane, in CSS pixels. */
  listWidth: number
  /** Width of the notes pane, in CSS pixels. */
  notesWidth: number
  /** Whether the library pane is shown (outside focus mode). */
  listOpen: boolean
  /** Whether the notes pane is shown (outside focus mode). */
  notesOpen: boolean
  /** Focus mode: only the article, whatever the panes' own state. */
  focus: boolean
}

export interface Settings {
  theme: ThemeChoice
  font: FontChoice
  /** Reading text size in CSS pixels. */
  fontSize: number
  /** Line height of the reading text, as a multiple of its size. */
  lineHeight: number
  /** Longest line of the reading column, in characters (`ch`). */
  columnWidth: number
  panes: PaneSettings
}

/** A change to the settings: any of the fields. */
export type SettingsChange = Partial<Omit<Settings, 'panes'>> & { panes?: Partial<PaneSettings> }

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  font: 'literata',
  fontSize: 18,
  lineHeight: 1.7,
  columnWidth: 68,
  panes: { listWidth: 290, notesWidth: 300, listOpen: true, notesOpen: true, focus: false },
}

/** The settings with a change applied; the change must already be valid. */
export function applySettingsChange(settings: Settings, change: SettingsChange): Settings {
  const { panes, ...rest } = change
  const defined = <T extends object>(o: T): Partial<T> =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
  return {
    ...settings,
    ...defined(rest),
    panes: { ...settings.panes, ...defined(panes ?? {}) },
  }
}

/** True when the reader has never changed a setting. */
export function isDefaultSettings(settings: Settings): boolean {
  const { panes, ...rest } = settings
  const same = <T extends object>(a: T, b: T): boolean =>
    (Object.keys(b) as (keyof T)[]).every((k) => a[k] === b[k])
  const { panes: defaultPanes, ...defaultRest } = DEFAULT_SETTINGS
  return same(rest, defaultRest) && same(panes, defaultPanes)
}
