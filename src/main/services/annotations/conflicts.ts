/**
 * A bookmark's note or a note's text written on two computers while apart, that merging could
 * not join (see store/journal/entities.ts): its versions, and settling it. Settling is an edit
 * that replaces every version, logged like any other, so every computer ends settled.
 */
import { LecternError } from '../../../shared/reply'
import type { ConflictResolution, ConflictVersion, ConflictView } from '../../../shared/types'
import { deviceOf } from '../store/journal/hlc'
import { timeOf } from '../store/journal/entities'
import type { Op, UserStore } from '../store/userStore'
import { annotationKey as keyOf, findAnnotation } from './items'

/** The versions of `id`'s text, numbered from 1 (the one shown); null when all agree. */
export function conflictView(store: UserStore, id: string): ConflictView | null {
  const item = findAnnotation(store.data, id)
  const view = store.textVersions(keyOf(item))
  const shown = typeof view?.text === 'string' ? view.text : undefined
  const others = (view?.others ?? []).filter((v) => typeof v.v === 'string' && v.v !== shown)
  if (!view || shown === undefined || others.length === 0) return null
  const names = new Map(
    store.syncStatus().computers.map((c) => [c.device, c.name ?? c.device] as const),
  )
  const version = (n: number, text: string, clocks: string[]): ConflictVersion => {
    const device = deviceOf(clocks[0] as string)
    return {
      n,
      text,
      device,
      computer: names.get(device) ?? device,
      at: timeOf(clocks[0] as string),
      mine: clocks.some((h) => deviceOf(h) === store.device),
    }
  }
  return {
    id: item.id,
    type: item.type,
    versions: [
      version(
        1,
        shown,
        view.shown.map((v) => v.h),
      ),
      ...others.map((v, i) => version(i + 2, v.v as string, [v.h])),
    ],
    ...(view.base !== undefined ? { base: view.base } : {}),
  }
}

/** The text a resolution keeps, and the ops that keep it (replacing every version). */
export function resolutionOps(
  store: UserStore,
  id: string,
  how: ConflictResolution,
  now: string,
): Op[] {
  const item = findAnnotation(store.data, id)
  const conflict = conflictView(store, id)
  if (!conflict)
    throw new LecternError('not-found', `The ${item.type} "${id}" has no versions to settle.`)
  let text: string
  if ('text' in how) text = how.text
  else {
    const { keep } = how
    const chosen =
      keep === 'mine'
        ? conflict.versions.find((v) => v.mine)
        : keep === 'theirs'
          ? conflict.versions.find((v) => !v.mine)
          : conflict.versions[keep - 1]
    if (!chosen) {
      throw new LecternError(
        'not-found',
        typeof keep === 'number'
          ? `There is no version ${keep}: there are ${conflict.versions.length}.`
          : keep === 'mine'
            ? 'No version was written on this computer.'
            : 'Every version was written on this computer.',
      )
    }
    text = chosen.text
  }
  const key = keyOf(item)
  const field = item.type === 'bookmark' ? 'note' : 'text'
  const view = store.textVersions(key)
  const every = [...(view?.shown ?? []), ...(view?.others ?? [])].map((v) => v.h)
  return [{ t: 'put', e: key, f: { [field]: text, modified: now }, base: { [field]: every } }]
}
