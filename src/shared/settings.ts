/**
 * The reader's settings: theme, typography and panes. One definition, with its limits, for the
 * contract (which refuses anything outside them), the data file and the window.
 */
import { z } from 'zod'

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

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  font: 'literata',
  fontSize: 18,
  lineHeight: 1.7,
  columnWidth: 68,
  panes: { listWidth: 290, notesWidth: 300, listOpen: true, notesOpen: true, focus: false },
}

const within = (name: string, { min, max }: { min: number; max: number }, int = true) => {
  const n = int ? z.number().int(`${name} is a whole number`) : z.number()
  return n.min(min, `${name} is at least ${min}`).max(max, `${name} is at most ${max}`)
}

const fields = {
  theme: z.enum(THEMES),
  font: z.enum(FONTS),
  fontSize: within('fontSize', LIMITS.fontSize),
  lineHeight: within('lineHeight', LIMITS.lineHeight, false),
  columnWidth: within('columnWidth', LIMITS.columnWidth),
}
const paneFields = {
  listWidth: within('listWidth', LIMITS.listWidth),
  notesWidth: within('notesWidth', LIMITS.notesWidth),
  listOpen: z.boolean(),
  notesOpen: z.boolean(),
  focus: z.boolean(),
}

/**
 * A change to the settings, as the window sends it: any of the fields, each checked against
 * its limits; an unknown field is an error, not ignored.
 */
export const settingsChangeSchema = z.strictObject({
  theme: fields.theme.optional(),
  font: fields.font.optional(),
  fontSize: fields.fontSize.optional(),
  lineHeight: fields.lineHeight.optional(),
  columnWidth: fields.columnWidth.optional(),
  panes: z
    .strictObject({
      listWidth: paneFields.listWidth.optional(),
      notesWidth: paneFields.notesWidth.optional(),
      listOpen: paneFields.listOpen.optional(),
      notesOpen: paneFields.notesOpen.optional(),
      focus: paneFields.focus.optional(),
    })
    .optional(),
})
export type SettingsChange = z.input<typeof settingsChangeSchema>

/**
 * Settings as the data file keeps them. A value that is missing or out of bounds (a file
 * edited by hand, say) falls back to its default alone: a bad setting never makes the whole
 * data file unreadable.
 */
export const storedSettingsSchema = z
  .object({
    theme: fields.theme.catch(DEFAULT_SETTINGS.theme),
    font: fields.font.catch(DEFAULT_SETTINGS.font),
    fontSize: fields.fontSize.catch(DEFAULT_SETTINGS.fontSize),
    lineHeight: fields.lineHeight.catch(DEFAULT_SETTINGS.lineHeight),
    columnWidth: fields.columnWidth.catch(DEFAULT_SETTINGS.columnWidth),
    panes: z
      .object({
        listWidth: paneFields.listWidth.catch(DEFAULT_SETTINGS.panes.listWidth),
        notesWidth: paneFields.notesWidth.catch(DEFAULT_SETTINGS.panes.notesWidth),
        listOpen: paneFields.listOpen.catch(DEFAULT_SETTINGS.panes.listOpen),
        notesOpen: paneFields.notesOpen.catch(DEFAULT_SETTINGS.panes.notesOpen),
        focus: paneFields.focus.catch(DEFAULT_SETTINGS.panes.focus),
      })
      .catch(() => ({ ...DEFAULT_SETTINGS.panes })),
  })
  .catch(() => structuredClone(DEFAULT_SETTINGS))

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
