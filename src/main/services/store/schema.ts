/**
 * The shape of the data file, checked field by field on every read (and on every change), and
 * the migrations from earlier versions of it. Unknown fields are dropped.
 */
import { z } from 'zod'
import {
  COLORS,
  DEFAULT_PALETTE,
  type Bookmark,
  type Note,
  type Palette,
  type ReadingState,
} from '../../../shared/types'
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings'
import { storedSettingsSchema } from '../../../shared/settingsSchema'
import { DamagedFileError } from './damagedFileError'

export const STORE_VERSION = 4

export interface StoreData {
  version: 4
  bookmarks: Bookmark[]
  notes: Note[]
  palette: Palette
  reading: ReadingState
  /** Theme, typography and panes (since version 3). */
  settings: Settings
}

export function emptyStoreData(): StoreData {
  return {
    version: STORE_VERSION,
    bookmarks: [],
    notes: [],
    palette: structuredClone(DEFAULT_PALETTE),
    reading: { articles: {} },
    settings: structuredClone(DEFAULT_SETTINGS),
  }
}

const id = z.string().min(1)
const isoDate = z.iso.datetime({ offset: true })
const offset = z.number().int().nonnegative()
const tags = z.array(z.string())

const anchorSchema = z.object({
  quote: z.object({ exact: z.string(), prefix: z.string(), suffix: z.string() }),
  position: z
    .object({ paragraph: offset, start: offset, end: offset, endParagraph: offset.optional() })
    .refine(
      (p) =>
        p.endParagraph === undefined
          ? p.start <= p.end
          : p.endParagraph > p.paragraph || (p.endParagraph === p.paragraph && p.start <= p.end),
      { message: 'the passage must not end before it starts' },
    ),
  textHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest'),
})

const conflicts = z
  .array(z.object({ text: z.string(), device: z.string(), at: isoDate }))
  .optional()

export const bookmarkSchema = z.object({
  id,
  type: z.literal('bookmark'),
  articleId: id,
  color: z.enum(COLORS),
  tags,
  note: z.string(),
  anchor: anchorSchema,
  created: isoDate,
  modified: isoDate,
  deleted: isoDate.optional(),
  conflicts,
})

export const noteSchema = z.object({
  id,
  type: z.literal('note'),
  articleId: id,
  text: z.string(),
  tags,
  created: isoDate,
  modified: isoDate,
  deleted: isoDate.optional(),
  conflicts,
})

const colorName = z.object({ name: z.string() })
export const paletteSchema = z.object({
  yellow: colorName,
  red: colorName,
  blue: colorName,
  green: colorName,
})

export const articleReadingSchema = z.object({
  progress: z.number().min(0).max(1),
  paragraph: offset,
  updated: isoDate,
  archived: isoDate.optional(),
  finished: isoDate.optional(),
})

const readingSchema = z.object({
  lastArticleId: id.optional(),
  articles: z.record(id, articleReadingSchema),
})

export const storeDataSchema = z.object({
  version: z.literal(STORE_VERSION),
  bookmarks: z.array(bookmarkSchema),
  notes: z.array(noteSchema),
  palette: paletteSchema,
  reading: readingSchema,
  settings: storedSettingsSchema,
})

/** Version 3 was the whole store in one file, rewritten on every change; no change logs. */
const storeDataV3Schema = storeDataSchema.extend({ version: z.literal(3) })

/** Version 2 had no settings. */
const storeDataV2Schema = storeDataSchema.omit({ settings: true }).extend({ version: z.literal(2) })

/** Version 1 had no tags, palette or reading state; tags are accepted if present. */
const storeDataV1Schema = z.object({
  version: z.literal(1),
  bookmarks: z.array(bookmarkSchema.extend({ tags: tags.default([]) })),
  notes: z.array(noteSchema.extend({ tags: tags.default([]) })),
})

// The schema and the shared types must describe the same data.
type Parsed = z.output<typeof storeDataSchema>
const _parsedIsStoreData = (p: Parsed): StoreData => p
const _storeDataIsParsed = (d: StoreData): Parsed => d

/** A short account of what does not fit the schema, e.g. `bookmarks: expected array…`. */
function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length ? `${issue.path.join('.')}: ` : ''
    return `${where}${issue.message}`
  })
  const more = error.issues.length - shown.length
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '')
}

/** Checks data that is already the current version (e.g. after a change); throws with the issues found. */
export function parseStoreData(raw: unknown): StoreData {
  const result = storeDataSchema.safeParse(raw)
  if (!result.success) throw new DamagedFileError(`wrong shape: ${describeIssues(result.error)}`)
  return result.data
}

/** Turns the JSON of a data file of any known version into current data. */
export function migrate(raw: unknown): StoreData {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DamagedFileError('wrong shape: not a JSON object')
  }
  const version: unknown = (raw as { version?: unknown }).version
  if (version === undefined) throw new DamagedFileError('wrong shape: no version number')
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new DamagedFileError(`wrong shape: unknown version ${JSON.stringify(version)}`)
  }
  if (version > STORE_VERSION) {
    throw new DamagedFileError(
      `written by a newer Lectern (data format version ${version}; this Lectern reads up to version ${STORE_VERSION})`,
    )
  }
  if (version === STORE_VERSION) return parseStoreData(raw)
  if (version === 3) return { ...parseOrThrow(storeDataV3Schema, raw), version: STORE_VERSION }
  if (version === 2) {
    const { version: _v2, ...v2 } = parseOrThrow(storeDataV2Schema, raw)
    return { ...emptyStoreData(), ...v2 }
  }
  const { bookmarks, notes } = parseOrThrow(storeDataV1Schema, raw)
  return { ...emptyStoreData(), bookmarks, notes }
}

function parseOrThrow<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw)
  if (!result.success) throw new DamagedFileError(`wrong shape: ${describeIssues(result.error)}`)
  return result.data
}
