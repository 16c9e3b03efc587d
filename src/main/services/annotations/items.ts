/** Finding a bookmark or note, and the key its changes are logged under. */
import { LecternError } from '../../../shared/reply'
import type { Annotation } from '../../../shared/types'
import type { StoreData } from '../store/userStore'

export function findAnnotation(data: StoreData, id: string): Annotation {
  const found = data.bookmarks.find((b) => b.id === id) ?? data.notes.find((n) => n.id === id)
  if (!found) throw new LecternError('not-found', `No bookmark or note with id "${id}".`)
  return found
}

/** `b:<id>` or `n:<id>`: what the store's log names it. */
export const annotationKey = (item: Annotation): string =>
  `${item.type === 'bookmark' ? 'b' : 'n'}:${item.id}`
