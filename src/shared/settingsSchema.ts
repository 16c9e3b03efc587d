/**
 * The schemas that hold the settings to their limits: strict for a change the window sends
 * (anything unknown or out of bounds is refused), forgiving for the data file.
 */
import { z } from 'zod'
import { DEFAULT_SETTINGS, FONTS, LIMITS, THEMES, type SettingsChange } from './settings'

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
// The schema and the shared type must describe the same change.
const _schemaIsChange = (c: z.output<typeof settingsChangeSchema>): SettingsChange => c

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
