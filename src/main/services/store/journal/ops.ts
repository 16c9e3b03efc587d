/**
 * What a change log holds. Each line is one record: `{"h": <clock>, "o": [<op>, ...]}`, the ops
 * of one save, applied together or not at all. An op changes one entity:
 * - `b:<id>` a bookmark, `n:<id>` a note: fields, tags, trash and purge;
 * - `r:<articleId>` an article's reading state, `last` the last article read;
 * - `palette` the colour names, `settings` the reader's settings.
 */
import { z } from 'zod'
import { HLC_PATTERN, type Hlc } from './hlc'
import type { FromRef } from './textMerge'

export type EntityKey = string

export type Op =
  /**
   * Sets fields; `base` names, per text field, the versions this edit replaces, and `from` the
   * text it was edited from (`[p, s, was]`: see textMerge.ts), so that it can be merged with an
   * edit made elsewhere from the same text. Records written before `from` existed lack it.
   */
  | {
      t: 'put'
      e: EntityKey
      f: Record<string, unknown>
      base?: Record<string, Hlc[]>
      from?: Record<string, FromRef>
    }
  | { t: 'tags'; e: EntityKey; add: string[]; rm: string[] }
  /** Moves to the trash; `seen` is, per device, the latest edit the trashing device had seen. */
  | { t: 'trash'; e: EntityKey; at: string; seen: Record<string, Hlc> }
  | { t: 'untrash'; e: EntityKey }
  /**
   * Gone for good; `seen` is, per device, the latest edit the purging device had seen: an edit
   * it had not seen brings the item back. Without `seen` (logged before it existed): final.
   */
  | { t: 'purge'; e: EntityKey; seen?: Record<string, Hlc> }
  /** The first record of every log: the computer's name, for `sync-status`. */
  | { t: 'device'; name: string }

export interface LogRecord {
  h: Hlc
  o: Op[]
}

/** The fields each kind of entity has; others are dropped. */
export const FIELDS: Record<string, readonly string[]> = {
  b: ['id', 'type', 'articleId', 'color', 'note', 'anchor', 'created', 'modified'],
  n: ['id', 'type', 'articleId', 'text', 'created', 'modified'],
  r: ['progress', 'paragraph', 'updated', 'archived', 'finished'],
  palette: ['yellow', 'red', 'blue', 'green'],
  settings: ['theme', 'font', 'fontSize', 'lineHeight', 'columnWidth', 'panes'],
  last: ['id'],
}

/**
 * Text fields edited on two computers are merged when both were edited from the same text and
 * their changes do not overlap; otherwise both versions are kept (the other as a conflict).
 */
export const TEXT_FIELDS: Record<string, string> = { b: 'note', n: 'text' }

export function kindOf(key: EntityKey): string {
  const colon = key.indexOf(':')
  return colon < 0 ? key : key.slice(0, colon)
}

export const idOf = (key: EntityKey): string => key.slice(key.indexOf(':') + 1)

const hlc = z.string().regex(HLC_PATTERN)
const entityKey = z
  .string()
  .min(1)
  .refine((key) => {
    const kind = kindOf(key)
    return key.includes(':') ? ['b', 'n', 'r'].includes(kind) && key.length > 2 : kind in FIELDS
  }, 'unknown entity')
const annotationKey = entityKey.refine((key) => /^[bn]:/.test(key), 'not a bookmark or note')

const opSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('put'),
    e: entityKey,
    f: z.record(z.string(), z.unknown()),
    base: z.record(z.string(), z.array(hlc)).optional(),
    from: z
      .record(
        z.string(),
        z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.string()]),
      )
      .optional(),
  }),
  z.object({
    t: z.literal('tags'),
    e: annotationKey,
    add: z.array(z.string()),
    rm: z.array(z.string()),
  }),
  z.object({
    t: z.literal('trash'),
    e: annotationKey,
    at: z.iso.datetime({ offset: true }),
    seen: z.record(z.string(), hlc),
  }),
  z.object({ t: z.literal('untrash'), e: annotationKey }),
  z.object({
    t: z.literal('purge'),
    e: annotationKey,
    seen: z.record(z.string(), hlc).optional(),
  }),
  z.object({ t: z.literal('device'), name: z.string() }),
])

export const logRecordSchema = z.object({ h: hlc, o: z.array(opSchema).min(1) })

/** A log line as a record, or null when it is not one (damaged, or from an unknown format). */
export function parseLogLine(line: string): LogRecord | null {
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch {
    return null
  }
  const parsed = logRecordSchema.safeParse(raw)
  return parsed.success ? (parsed.data as LogRecord) : null
}
