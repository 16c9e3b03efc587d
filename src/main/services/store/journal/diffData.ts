/**
 * For the rare change made to all the data at once (restoring a backup, tests): the ops that
 * turn `before` into `after`. Each record is compared field by field, so only what changed is
 * logged. Costs time in proportion to the data: everyday saves use ops directly.
 */
import { LecternError } from '../../../../shared/reply'
import type { StoreData } from '../schema'
import { FIELDS, type Op } from './ops'

/** A copy of the data a change may mutate freely; records and anchors are copied, not shared. */
export function draftOf(data: StoreData): StoreData {
  const copyRecord = <T extends { tags: string[]; anchor?: unknown }>(record: T): T => ({
    ...record,
    tags: [...record.tags],
    ...(record.anchor ? { anchor: structuredClone(record.anchor) } : {}),
  })
  return {
    version: data.version,
    bookmarks: data.bookmarks.map(copyRecord),
    notes: data.notes.map(copyRecord),
    palette: structuredClone(data.palette),
    reading: structuredClone(data.reading),
    settings: structuredClone(data.settings),
  }
}

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b)

type Plain = Record<string, unknown>

function fieldChanges(kind: string, before: Plain | undefined, after: Plain): Plain {
  const changed: Plain = {}
  for (const field of FIELDS[kind] ?? []) {
    const value = after[field] === undefined ? null : after[field]
    const old = before?.[field] === undefined ? null : before[field]
    if (!same(value, old)) changed[field] = value
  }
  return changed
}

function annotationOps(kind: 'b' | 'n', before: unknown[], after: unknown): Op[] {
  if (!Array.isArray(after)) {
    throw new LecternError(
      'internal',
      `The change would leave the data invalid: ${kind === 'b' ? 'bookmarks' : 'notes'} is not a list`,
    )
  }
  const ops: Op[] = []
  const old = new Map((before as Plain[]).map((record) => [record.id as string, record]))
  const kept = new Set<string>()
  for (const record of after as Plain[]) {
    if (typeof record !== 'object' || record === null || typeof record.id !== 'string') {
      throw new LecternError(
        'internal',
        'The change would leave the data invalid: a record has no id',
      )
    }
    const e = `${kind}:${record.id}`
    const previous = old.get(record.id)
    kept.add(record.id)
    const fields = fieldChanges(kind, previous, record)
    if (Object.keys(fields).length > 0) ops.push({ t: 'put', e, f: fields })
    const tags = Array.isArray(record.tags) ? (record.tags as string[]) : []
    const oldTags = (previous?.tags as string[] | undefined) ?? []
    const add = tags.filter((t) => !oldTags.includes(t))
    const rm = oldTags.filter((t) => !tags.includes(t))
    if (add.length || rm.length || !previous)
      ops.push({ t: 'tags', e, add: previous ? add : tags, rm })
    if (record.deleted !== previous?.deleted) {
      ops.push(
        typeof record.deleted === 'string'
          ? { t: 'trash', e, at: record.deleted, seen: {} }
          : { t: 'untrash', e },
      )
    }
  }
  for (const id of old.keys()) if (!kept.has(id)) ops.push({ t: 'purge', e: `${kind}:${id}` })
  return ops
}

export function diffData(before: StoreData, after: StoreData): Op[] {
  const ops = [
    ...annotationOps('b', before.bookmarks, after.bookmarks),
    ...annotationOps('n', before.notes, after.notes),
  ]
  const articles = after.reading?.articles ?? {}
  for (const id of new Set([...Object.keys(before.reading.articles), ...Object.keys(articles)])) {
    const fields = fieldChanges(
      'r',
      before.reading.articles[id] as Plain | undefined,
      (articles[id] ?? {}) as Plain,
    )
    if (Object.keys(fields).length > 0) ops.push({ t: 'put', e: `r:${id}`, f: fields })
  }
  if (after.reading?.lastArticleId !== before.reading.lastArticleId) {
    ops.push({ t: 'put', e: 'last', f: { id: after.reading?.lastArticleId ?? null } })
  }
  for (const key of ['palette', 'settings'] as const) {
    const fields = fieldChanges(key, before[key] as unknown as Plain, (after[key] ?? {}) as Plain)
    if (Object.keys(fields).length > 0) ops.push({ t: 'put', e: key, f: fields })
  }
  return ops
}
