/**
 * The merged state: every entity (see entities.ts) and, kept in step with them one record at a
 * time, the plain data the rest of Lectern reads (`StoreData`). A change touches, checks and
 * re-renders only the entities it names.
 */
import { LecternError } from '../../../../shared/reply'
import { DEFAULT_PALETTE } from '../../../../shared/types'
import { DEFAULT_SETTINGS } from '../../../../shared/settings'
import { storedSettingsSchema } from '../../../../shared/settingsSchema'
import {
  articleReadingSchema,
  bookmarkSchema,
  emptyStoreData,
  noteSchema,
  paletteSchema,
  type StoreData,
} from '../schema'
import {
  applyOp,
  conflictsIn,
  textView,
  copyEntity,
  emptyEntity,
  joinEntity,
  liveTags,
  purged,
  trashedAt,
  type Entity,
} from './entities'
import type { Hlc } from './hlc'
import { FIELDS, idOf, kindOf, TEXT_FIELDS, type EntityKey, type LogRecord } from './ops'

type Rendered = { ok: true; value: unknown } | { ok: false; problem: string }

function describe(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]
  return issue ? `${issue.path.map(String).join('.') || 'value'}: ${issue.message}` : 'invalid'
}

/** The plain value an entity stands for, checked; `value` undefined when there is none to show. */
function render(key: EntityKey, entity: Entity): Rendered {
  const kind = kindOf(key)
  const defined = Object.fromEntries(
    Object.entries(entity.v).filter(([, value]) => value !== null && value !== undefined),
  )
  if (kind === 'b' || kind === 'n') {
    if (purged(entity)) return { ok: true, value: undefined }
    const deleted = trashedAt(entity)
    const field = TEXT_FIELDS[kind] as string
    // Versions edited on two computers from the same text show merged; the rest conflict.
    const view = entity.c?.[field] ? textView(entity, field) : undefined
    const conflicts = view ? conflictsIn(view) : []
    const text = view?.text
    const record = {
      ...defined,
      ...(typeof text === 'string' ? { [field]: text } : {}),
      tags: liveTags(entity),
      ...(deleted ? { deleted } : {}),
      ...(conflicts.length ? { conflicts } : {}),
    }
    const parsed = (kind === 'b' ? bookmarkSchema : noteSchema).safeParse(record)
    if (!parsed.success) return { ok: false, problem: describe(parsed.error) }
    if (parsed.data.id !== idOf(key)) return { ok: false, problem: 'id: does not match' }
    return { ok: true, value: parsed.data }
  }
  if (kind === 'r') {
    if (defined.progress === undefined) return { ok: true, value: undefined }
    const parsed = articleReadingSchema.safeParse(defined)
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, problem: describe(parsed.error) }
  }
  if (kind === 'palette') {
    const parsed = paletteSchema.safeParse({ ...DEFAULT_PALETTE, ...defined })
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, problem: describe(parsed.error) }
  }
  if (kind === 'settings') {
    return { ok: true, value: storedSettingsSchema.parse({ ...DEFAULT_SETTINGS, ...defined }) }
  }
  return { ok: true, value: typeof defined.id === 'string' && defined.id ? defined.id : undefined }
}

export class JournalState {
  readonly entities = new Map<EntityKey, Entity>()
  readonly data: StoreData
  /** The latest clock of any change applied: a device's clock must not fall behind it. */
  latest: Hlc = ''
  /** Where each bookmark and note is in `data`'s arrays. */
  private readonly at = { b: new Map<string, number>(), n: new Map<string, number>() }

  constructor(data: StoreData = emptyStoreData()) {
    this.data = data
    data.bookmarks.forEach((b, i) => this.at.b.set(b.id, i))
    data.notes.forEach((n, i) => this.at.n.set(n.id, i))
  }

  entity(key: EntityKey): Entity | undefined {
    return this.entities.get(key)
  }

  /** Whether a bookmark or note is in `data` (complete, valid and not purged). */
  shows(key: EntityKey): boolean {
    const kind = kindOf(key)
    return (kind === 'b' || kind === 'n') && this.at[kind].has(idOf(key))
  }

  /**
   * Applies a record. A local one is refused as a whole (nothing changes, LecternError thrown)
   * when it would leave an entity it touches invalid; another computer's is taken as it is, and
   * an entity that is not complete yet (its creation has not arrived) waits out of sight.
   */
  apply(record: LogRecord, local: boolean): void {
    if (record.h > this.latest) this.latest = record.h
    const touched = new Map<EntityKey, Entity>()
    for (const op of record.o) {
      if (op.t === 'device') continue
      let entity = touched.get(op.e)
      if (!entity) {
        const current = this.entities.get(op.e)
        entity = current ? copyEntity(current) : emptyEntity()
        touched.set(op.e, entity)
      }
      applyOp(entity, op.e, op, record.h)
    }
    const rendered = new Map<EntityKey, Rendered>()
    for (const [key, entity] of touched) {
      const result = render(key, entity)
      if (local && !result.ok) {
        throw new LecternError(
          'internal',
          `The change would leave the data invalid: ${result.problem}`,
        )
      }
      rendered.set(key, result)
    }
    for (const [key, entity] of touched) {
      this.entities.set(key, entity)
      this.show(key, rendered.get(key) as Rendered)
    }
  }

  /** Joins an entity from elsewhere (another copy of the snapshot) into this state. */
  join(key: EntityKey, other: Entity): void {
    const current = this.entities.get(key)
    const joined = current ? joinEntity(copyEntity(current), other, kindOf(key)) : copyEntity(other)
    this.entities.set(key, joined)
    this.show(key, render(key, joined))
  }

  /** Puts an entity's rendering into `data` (or takes it out). */
  private show(key: EntityKey, rendered: Rendered): void {
    const value = rendered.ok ? rendered.value : undefined
    const kind = kindOf(key)
    if (kind === 'b' || kind === 'n') {
      const list = (kind === 'b' ? this.data.bookmarks : this.data.notes) as unknown[]
      const positions = this.at[kind]
      const id = idOf(key)
      const position = positions.get(id)
      if (value !== undefined) {
        if (position === undefined) {
          positions.set(id, list.length)
          list.push(value)
        } else list[position] = value
      } else if (position !== undefined) {
        list.splice(position, 1)
        positions.delete(id)
        for (let i = position; i < list.length; i++)
          positions.set((list[i] as { id: string }).id, i)
      }
      return
    }
    if (kind === 'r') {
      const articles = this.data.reading.articles
      if (value === undefined) delete articles[idOf(key)]
      else articles[idOf(key)] = value as StoreData['reading']['articles'][string]
    } else if (kind === 'last') {
      if (value === undefined) delete this.data.reading.lastArticleId
      else this.data.reading.lastArticleId = value as string
    } else if (kind === 'palette' && value !== undefined) {
      this.data.palette = value as StoreData['palette']
    } else if (kind === 'settings' && value !== undefined) {
      this.data.settings = value as StoreData['settings']
    }
  }
}

/**
 * The entities of data that has no clocks (a version 3 file, a backup restored): each field at
 * the time its record says it was last changed, so any later change on any computer wins.
 */
export function entitiesOfPlainData(
  data: StoreData,
  clock: (time: number) => Hlc,
): Map<EntityKey, Entity> {
  const entities = new Map<EntityKey, Entity>()
  const timeOf = (iso: string | undefined): number => {
    const time = iso ? Date.parse(iso) : NaN
    return Number.isFinite(time) ? time : 0
  }
  for (const item of [...data.bookmarks, ...data.notes]) {
    const kind = item.type === 'bookmark' ? 'b' : 'n'
    const h = clock(timeOf(item.modified))
    const entity = emptyEntity()
    for (const field of FIELDS[kind] ?? []) {
      const value = (item as unknown as Record<string, unknown>)[field]
      if (value === undefined) continue
      entity.v[field] = value
      entity.f[field] = h
    }
    entity.t = Object.fromEntries(
      item.tags.map((tag, i) => [
        tag,
        [`${h}/${i.toString().padStart(4, '0')}`, ''] as [string, string],
      ]),
    )
    if (item.deleted) entity.d = { h: clock(timeOf(item.deleted)), at: item.deleted, seen: {} }
    entities.set(`${kind}:${item.id}`, entity)
  }
  for (const [articleId, reading] of Object.entries(data.reading.articles)) {
    const h = clock(timeOf(reading.updated))
    const entity = emptyEntity()
    for (const [field, value] of Object.entries(reading)) {
      entity.v[field] = value
      entity.f[field] = h
    }
    entities.set(`r:${articleId}`, entity)
  }
  const whole = (key: string, values: Record<string, unknown>): void => {
    const entity = emptyEntity()
    for (const [field, value] of Object.entries(values)) {
      entity.v[field] = value
      entity.f[field] = clock(0)
    }
    entities.set(key, entity)
  }
  whole('palette', data.palette)
  whole('settings', data.settings as unknown as Record<string, unknown>)
  if (data.reading.lastArticleId) whole('last', { id: data.reading.lastArticleId })
  return entities
}
