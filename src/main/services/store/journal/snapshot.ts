/**
 * `lectern.json`, the readable snapshot: the data as plain JSON (what lowdb and people read),
 * and under `sync` what merging needs: each entity's clocks, and how far each computer's log
 * is folded in. A bookmark's or note's field values are not repeated there: they are its record.
 */
import { z } from 'zod'
import { DamagedFileError } from '../damagedFileError'
import { migrate, STORE_VERSION, type StoreData } from '../schema'
import type { Entity } from './entities'
import { formatHlc } from './hlc'
import { FIELDS, kindOf, type EntityKey } from './ops'
import { entitiesOfPlainData, JournalState } from './state'

export interface SnapshotSync {
  entities: Record<EntityKey, Partial<Entity>>
  /** Per log file name: the bytes of it the snapshot holds. */
  folded: Record<string, number>
  /** The latest clock in it. */
  latest: string
}

const syncSchema = z.object({
  entities: z.record(z.string(), z.object({}).passthrough()),
  folded: z.record(z.string(), z.number().int().nonnegative()),
  latest: z.string().default(''),
})

export function snapshotText(state: JournalState, folded: Record<string, number>): string {
  const entities: Record<EntityKey, Partial<Entity>> = {}
  for (const [key, entity] of state.entities) {
    const { v, f, ...clocks } = entity
    // Most items were last changed all at once: one clock stands for every field.
    const one = Object.values(f)
    const compact =
      one.length > 0 && one.every((h) => h === one[0]) ? { F: one[0], ...clocks } : { f, ...clocks }
    // Values kept here too: for what is not shown (a purged item, kept whole in case an edit it
    // had not seen brings it back; an item still arriving), and for an item with versions of its
    // text kept, whose record shows them merged.
    entities[key] = state.shows(key) && !entity.c ? compact : { v, ...compact }
  }
  const sync: SnapshotSync = { entities, folded, latest: state.latest }
  // The data indented for people to read; the clocks on one line, for machines.
  const data = JSON.stringify({ ...state.data, version: STORE_VERSION }, null, 1)
  return `${data.slice(0, data.lastIndexOf('}'))}, "sync": ${JSON.stringify(sync)}\n}\n`
}

export interface LoadedSnapshot {
  state: JournalState
  folded: Record<string, number>
  /** The version the file was written in, when older than this one's. */
  migratedFrom: number | null
}

/** A snapshot's JSON as state; `device` dates the clocks of data written before logs existed. */
export function stateOfSnapshot(raw: unknown, device: string): LoadedSnapshot {
  const data = migrate(raw)
  const version = (raw as { version: number }).version
  const state = new JournalState(data)
  if (version < STORE_VERSION) {
    for (const [key, entity] of entitiesOfPlainData(data, (t) => formatHlc(t, 0, device))) {
      state.entities.set(key, entity)
      for (const h of Object.values(entity.f)) if (h > state.latest) state.latest = h
    }
    return { state, folded: {}, migratedFrom: version }
  }
  const parsed = syncSchema.safeParse(
    (raw as { sync?: unknown }).sync ?? { entities: {}, folded: {} },
  )
  if (!parsed.success) throw new DamagedFileError('wrong shape: sync: not clocks and offsets')
  const records = new Map<EntityKey, Record<string, unknown>>()
  for (const b of data.bookmarks) records.set(`b:${b.id}`, b as unknown as Record<string, unknown>)
  for (const n of data.notes) records.set(`n:${n.id}`, n as unknown as Record<string, unknown>)
  for (const [key, meta] of Object.entries(parsed.data.entities)) {
    const { F, ...rest } = meta as Partial<Entity> & { F?: string }
    const entity = { f: {}, ...rest } as Entity
    const record = records.get(key)
    if (!entity.v) {
      entity.v = {}
      for (const field of FIELDS[kindOf(key)] ?? []) {
        if (record?.[field] !== undefined) entity.v[field] = record[field]
      }
    }
    if (F) entity.f = Object.fromEntries(Object.keys(entity.v).map((field) => [field, F]))
    state.entities.set(key, entity)
  }
  // Records with no clocks (added to the file by hand): as if written at their `modified`.
  const unclocked: StoreData = {
    ...data,
    bookmarks: data.bookmarks.filter((b) => !state.entities.has(`b:${b.id}`)),
    notes: data.notes.filter((n) => !state.entities.has(`n:${n.id}`)),
    reading: { articles: {} },
  }
  for (const [key, entity] of entitiesOfPlainData(unclocked, (t) => formatHlc(t, 0, device))) {
    if (!state.entities.has(key)) state.entities.set(key, entity)
  }
  state.latest = parsed.data.latest
  return { state, folded: parsed.data.folded, migratedFrom: null }
}
