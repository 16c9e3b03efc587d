/**
 * One bookmark, note, reading state, palette or settings as the merge sees it: each field's
 * value with the clock of the change that set it. Every change, local or from another computer,
 * only ever moves an entity up (a join), so applying the same changes in any order, any number
 * of times, gives the same entity:
 * - a field takes the value of its latest change;
 * - a tag is there when its latest add is later than its latest removal;
 * - a text field (a bookmark's note, a note's text) keeps every version no later edit replaced:
 *   the latest is shown, merged with those edited from the same text (textView); others conflict;
 * - the trash: the latest trash or untrash wins, but an edit the trashing computer had not seen
 *   brings the item back;
 * - a purge (gone for good) holds against every edit some purge had seen; an edit no purge had
 *   seen brings the item back, with its last state (kept for that). A purge logged before
 *   purges said what they had seen is final.
 */
import { deviceOf, parseHlc, type Hlc } from './hlc'
import { FIELDS, kindOf, TEXT_FIELDS, type Op } from './ops'
import { mergeText, textBefore, type FromRef } from './textMerge'

export interface Version {
  h: Hlc
  v: unknown
  /** The text it was edited from, when the edit said (see FromRef). */
  b?: FromRef
}

const versionOf = (v: unknown, h: Hlc, b: FromRef | undefined): Version =>
  b ? { h, v, b } : { h, v }

export interface Entity {
  /** Each field's winning value. */
  v: Record<string, unknown>
  /** Each field's winning clock. */
  f: Record<string, Hlc>
  /** Per tag: [latest add (`<clock>/<position>`), latest removal], '' for never. */
  t?: Record<string, [string, string]>
  /** The latest trash (`at` set) or untrash (`at` null). */
  d?: { h: Hlc; at: string | null; seen?: Record<string, Hlc> }
  /** Per device, its latest edit of the fields or tags. */
  e?: Record<string, Hlc>
  /** Purged at: the latest purge. */
  x?: Hlc
  /**
   * Per device, the latest edit a purge had seen (the latest over all purges). Absent when
   * purged (`x`) by a purge that said nothing of what it had seen: final.
   */
  xs?: Record<string, Hlc>
  /** Per text field, the versions other than the winner that no edit has replaced. */
  c?: Record<string, Version[]>
  /** Per text field, the versions a later edit replaced. */
  s?: Record<string, Hlc[]>
  /** Per text field, what the winning version was edited from, when known. */
  b?: Record<string, FromRef>
}

export function emptyEntity(): Entity {
  return { v: {}, f: {} }
}

/** A copy that can be changed without touching the original (one level below each part). */
export function copyEntity(entity: Entity): Entity {
  const copy: Entity = { v: { ...entity.v }, f: { ...entity.f } }
  if (entity.t) copy.t = Object.fromEntries(Object.entries(entity.t).map(([k, p]) => [k, [...p]]))
  if (entity.d) copy.d = entity.d
  if (entity.e) copy.e = { ...entity.e }
  if (entity.x) copy.x = entity.x
  if (entity.xs) copy.xs = entity.xs
  if (entity.c) copy.c = { ...entity.c }
  if (entity.s) copy.s = { ...entity.s }
  if (entity.b) copy.b = { ...entity.b }
  return copy
}

const tagAdded = (stamp: string): string => stamp.split('/')[0] ?? ''

function noteEdit(entity: Entity, h: Hlc): void {
  const device = deviceOf(h)
  entity.e ??= {}
  if (!(entity.e[device] && entity.e[device] >= h)) entity.e[device] = h
}

function setField(entity: Entity, field: string, h: Hlc, value: unknown): void {
  const current = entity.f[field]
  if (current !== undefined && current >= h) return
  entity.f[field] = h
  entity.v[field] = value
}

/** Takes in a purge made at `h` that had seen `seen` (final when undefined). */
function notePurge(entity: Entity, h: Hlc, seen: Record<string, Hlc> | undefined): void {
  const final = entity.x !== undefined && entity.xs === undefined
  if (!entity.x || entity.x < h) entity.x = h
  if (final || !seen) {
    delete entity.xs
    return
  }
  const xs = { ...entity.xs }
  for (const [device, at] of Object.entries(seen))
    if (!(xs[device] && xs[device] >= at)) xs[device] = at
  entity.xs = xs
}

/** Recomputes a text field's winner and conflicts from its versions, dropping replaced ones. */
function settleText(entity: Entity, field: string, extra: Version[], replaced: Hlc[]): void {
  const superseded = new Set([...(entity.s?.[field] ?? []), ...replaced])
  const byClock = new Map<Hlc, Version>()
  const winner = entity.f[field]
  if (winner !== undefined)
    byClock.set(winner, versionOf(entity.v[field], winner, entity.b?.[field]))
  for (const version of [...(entity.c?.[field] ?? []), ...extra]) byClock.set(version.h, version)
  const heads = [...byClock.values()]
    .filter((version) => !superseded.has(version.h))
    .sort((a, b) => (a.h < b.h ? 1 : a.h > b.h ? -1 : 0))
  if (superseded.size > 0) (entity.s ??= {})[field] = [...superseded].sort()
  const [first, ...others] = heads
  if (!first) return
  entity.f[field] = first.h
  entity.v[field] = first.v
  if (first.b) (entity.b ??= {})[field] = first.b
  else if (entity.b) {
    delete entity.b[field]
    if (Object.keys(entity.b).length === 0) delete entity.b
  }
  if (others.length > 0) (entity.c ??= {})[field] = others
  else if (entity.c) {
    delete entity.c[field]
    if (Object.keys(entity.c).length === 0) delete entity.c
  }
}

/** Applies one op, made at `h`, to `entity` (changed in place: pass a copy). */
export function applyOp(entity: Entity, key: string, op: Op, h: Hlc): void {
  const kind = kindOf(key)
  switch (op.t) {
    case 'put': {
      const textField = TEXT_FIELDS[kind]
      for (const [field, value] of Object.entries(op.f)) {
        if (!FIELDS[kind]?.includes(field)) continue
        if (field === textField)
          settleText(entity, field, [versionOf(value, h, op.from?.[field])], op.base?.[field] ?? [])
        else setField(entity, field, h, value)
      }
      if (kind === 'b' || kind === 'n') noteEdit(entity, h)
      return
    }
    case 'tags': {
      entity.t ??= {}
      op.add.forEach((tag, position) => {
        const pair = (entity.t![tag] ??= ['', ''])
        const stamp = `${h}/${position.toString().padStart(4, '0')}`
        if (tagAdded(pair[0]) < h) pair[0] = stamp
      })
      for (const tag of op.rm) {
        const pair = (entity.t[tag] ??= ['', ''])
        if (pair[1] < h) pair[1] = h
      }
      noteEdit(entity, h)
      return
    }
    case 'trash':
      if (!entity.d || entity.d.h < h) entity.d = { h, at: op.at, seen: op.seen }
      return
    case 'untrash':
      if (!entity.d || entity.d.h < h) entity.d = { h, at: null }
      return
    case 'purge':
      notePurge(entity, h, op.seen)
      return
    case 'device':
      return
  }
}

/** `a` joined with `b` (changes `a` in place: pass a copy). */
export function joinEntity(a: Entity, b: Entity, kind: string): Entity {
  const textField = TEXT_FIELDS[kind]
  for (const [field, h] of Object.entries(b.f)) {
    if (field !== textField) setField(a, field, h, b.v[field])
  }
  if (textField && (b.f[textField] !== undefined || b.s?.[textField])) {
    const versions = [...(b.c?.[textField] ?? [])]
    const winner = b.f[textField]
    if (winner !== undefined) versions.push(versionOf(b.v[textField], winner, b.b?.[textField]))
    settleText(a, textField, versions, b.s?.[textField] ?? [])
  }
  for (const [tag, [added, removed]] of Object.entries(b.t ?? {})) {
    const pair = ((a.t ??= {})[tag] ??= ['', ''])
    if (
      tagAdded(pair[0]) < tagAdded(added) ||
      (pair[0] < added && tagAdded(pair[0]) === tagAdded(added))
    )
      pair[0] = added
    if (pair[1] < removed) pair[1] = removed
  }
  if (b.d && (!a.d || a.d.h < b.d.h)) a.d = b.d
  for (const h of Object.values(b.e ?? {})) noteEdit(a, h)
  if (b.x) notePurge(a, b.x, b.xs)
  return a
}

export function liveTags(entity: Entity): string[] {
  return Object.entries(entity.t ?? {})
    .filter(([, [added, removed]]) => added !== '' && tagAdded(added) > removed)
    .sort((a, b) => (a[1][0] < b[1][0] ? -1 : a[1][0] > b[1][0] ? 1 : a[0] < b[0] ? -1 : 1))
    .map(([tag]) => tag)
}

/** Whether it is gone for good: purged, and every edit was seen by a purge. */
export function purged(entity: Entity): boolean {
  if (!entity.x) return false
  const seen = entity.xs
  if (!seen) return true
  return Object.entries(entity.e ?? {}).every(([device, h]) => h <= (seen[device] ?? ''))
}

/** When it is in the trash, or undefined: an edit the trasher had not seen brings it back. */
export function trashedAt(entity: Entity): string | undefined {
  const trash = entity.d
  if (!trash?.at) return undefined
  for (const [device, h] of Object.entries(entity.e ?? {})) {
    if (h > (trash.seen?.[device] ?? '')) return undefined
  }
  return trash.at
}

export interface TextConflict {
  text: string
  device: string
  at: string
}

/** A text field as shown: the text, the heads merged into it, and the heads left over. */
export interface TextView {
  text: unknown
  /** The heads the shown text stands for, newest first (more than one when merged). */
  shown: Version[]
  /** What the shown heads were edited from, when known. */
  base?: string
  /** Heads that could not be merged into it, newest first. */
  others: Version[]
}

/**
 * Works out what a text field shows from its heads alone (so every computer with the same heads
 * shows the same): the newest head, merged with each older head edited from the same text whose
 * changes do not overlap with what is merged so far.
 */
export function textView(entity: Entity, field: string): TextView {
  const h = entity.f[field]
  const text = entity.v[field]
  if (h === undefined) return { text, shown: [], others: [] }
  const winner = versionOf(text, h, entity.b?.[field])
  const others = entity.c?.[field] ?? []
  const base = typeof text === 'string' ? textBefore(text, winner.b) : undefined
  const view: TextView = {
    text,
    shown: [winner],
    others: [],
    ...(base !== undefined ? { base } : {}),
  }
  for (const other of others) {
    const merged =
      base !== undefined &&
      typeof view.text === 'string' &&
      typeof other.v === 'string' &&
      textBefore(other.v, other.b) === base
        ? mergeText(base, view.text, other.v)
        : null
    if (merged === null) view.others.push(other)
    else {
      view.text = merged
      view.shown.push(other)
    }
  }
  return view
}

/** When a version was made. */
export const timeOf = (h: Hlc): string => new Date(parseHlc(h)?.time ?? 0).toISOString()

/** The versions of the text field that lost to the shown one and say something else. */
export function conflictsOf(entity: Entity, kind: string): TextConflict[] {
  const field = TEXT_FIELDS[kind]
  return field && entity.c?.[field] ? conflictsIn(textView(entity, field)) : []
}

/** The same, from a view already made. */
export function conflictsIn(view: TextView): TextConflict[] {
  return view.others
    .filter((version) => version.v !== view.text && typeof version.v === 'string')
    .map((version) => ({
      text: version.v as string,
      device: deviceOf(version.h),
      at: timeOf(version.h),
    }))
}
