/**
 * The reader's bookmarks and notes as the window sees them: loaded per article, changed
 * through the contract's calls (each acknowledged only once durable), with an undo stack.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CallArgs } from '../../../shared/contract'
import type {
  Annotation,
  AnnotationList,
  Color,
  Note,
  PlacedBookmark,
  UserState,
} from '../../../shared/types'
import { api, messageOf } from '../api'

export interface Toast {
  id: number
  message: string
  undo?: () => void
  error?: boolean
}

/** Reverses one change; its label says what is undone. */
interface UndoStep {
  label: string
  run: () => Promise<unknown>
}

export interface Annotations {
  user: UserState | null
  /** The reader's state could not be loaded: the window works on without it. */
  userFailed: boolean
  list: AnnotationList | null
  /** Bumped after every change, so library-wide views know to reload. */
  revision: number
  toast: Toast | null
  dismissToast: () => void
  addBookmark: (
    articleId: string,
    position: { paragraph: number; start: number; end: number },
    color?: Color,
  ) => Promise<PlacedBookmark | null>
  /** Resolves true once the change is on disk. */
  updateBookmark: (b: PlacedBookmark, change: CallArgs<'updateBookmark'>) => Promise<boolean>
  addNote: (articleId: string, text?: string) => Promise<Note | null>
  updateNote: (n: Note, change: CallArgs<'updateNote'>) => Promise<boolean>
  remove: (item: Annotation) => Promise<void>
  restore: (item: Annotation) => Promise<void>
  undo: () => void
  renameColor: (color: Color, name: string) => Promise<void>
  dismissRecovery: () => void
  refresh: () => void
  /** Reloads everything after the data changed behind the window's back (a restore). */
  reload: () => void
  say: (message: string, extra?: Partial<Toast>) => void
}

const sayWhat = (item: Annotation): string => (item.type === 'bookmark' ? 'Bookmark' : 'Note')

export function useAnnotations(articleId: string | null): Annotations {
  const [user, setUser] = useState<UserState | null>(null)
  const [userFailed, setUserFailed] = useState(false)
  const [list, setList] = useState<AnnotationList | null>(null)
  const [revision, setRevision] = useState(0)
  const [toast, setToast] = useState<Toast | null>(null)
  const undoStack = useRef<UndoStep[]>([])

  const say = useCallback((message: string, extra: Partial<Toast> = {}) => {
    setToast({ id: Date.now() + Math.random(), message, ...extra })
  }, [])

  const refresh = useCallback(() => {
    api()
      .getUserState()
      .then(setUser, (err: unknown) => {
        setUserFailed(true)
        say(messageOf(err), { error: true })
      })
    if (articleId) {
      api()
        .listAnnotations({ articleId })
        .then(setList, (err: unknown) => say(messageOf(err), { error: true }))
    } else setList(null)
  }, [articleId, say])

  useEffect(refresh, [refresh, revision])

  /** Runs a change; on success records how to undo it, on failure tells the reader. */
  const change = useCallback(
    async <T>(run: () => Promise<T>, undo?: (result: T) => UndoStep): Promise<T | null> => {
      try {
        const result = await run()
        if (undo) undoStack.current = [...undoStack.current.slice(-49), undo(result)]
        setRevision((r) => r + 1)
        return result
      } catch (err) {
        say(`Not saved: ${messageOf(err)}`, { error: true })
        return null
      }
    },
    [say],
  )

  const undo = useCallback(() => {
    const step = undoStack.current.pop()
    if (!step) {
      say('Nothing to undo.')
      return
    }
    step.run().then(
      () => {
        setRevision((r) => r + 1)
        say(`Undone: ${step.label}.`)
      },
      (err: unknown) => say(`Could not undo: ${messageOf(err)}`, { error: true }),
    )
  }, [say])

  const restore = useCallback(
    async (item: Annotation) => {
      await change(
        () => api().restoreAnnotation({ id: item.id }),
        () => ({
          label: `restore ${sayWhat(item).toLowerCase()}`,
          run: () => api().deleteAnnotation({ id: item.id }),
        }),
      )
    },
    [change],
  )

  const remove = useCallback(
    async (item: Annotation) => {
      const done = await change(
        () => api().deleteAnnotation({ id: item.id }),
        () => ({
          label: `delete ${sayWhat(item).toLowerCase()}`,
          run: () => api().restoreAnnotation({ id: item.id }),
        }),
      )
      if (done) say(`${sayWhat(item)} moved to the trash.`, { undo })
    },
    [change, say, undo],
  )

  return {
    user,
    userFailed,
    list,
    revision,
    toast,
    dismissToast: () => setToast(null),
    refresh,
    reload: () => setRevision((r) => r + 1),
    say,
    undo,
    remove,
    restore,
    addBookmark: (id, position, color) =>
      change(
        () => api().addBookmark({ articleId: id, position, ...(color ? { color } : {}) }),
        (b) => ({ label: 'new bookmark', run: () => api().purgeAnnotation({ id: b.id }) }),
      ),
    updateBookmark: async (b, patch) => {
      const done = await change(
        () => api().updateBookmark(patch),
        () => ({
          label: 'bookmark change',
          run: () => api().updateBookmark({ id: b.id, color: b.color, tags: b.tags, note: b.note }),
        }),
      )
      return done !== null
    },
    addNote: (id, text = '') =>
      change(
        () => api().addNote({ articleId: id, text }),
        (n) => ({ label: 'new note', run: () => api().purgeAnnotation({ id: n.id }) }),
      ),
    updateNote: async (n, patch) => {
      const done = await change(
        () => api().updateNote(patch),
        () => ({
          label: 'note change',
          run: () => api().updateNote({ id: n.id, text: n.text, tags: n.tags }),
        }),
      )
      return done !== null
    },
    renameColor: async (color, name) => {
      await change(() => api().renameColor({ color, name }))
    },
    dismissRecovery: () => {
      void api()
        .dismissRecovery()
        .then(() => setUser((u) => (u ? { ...u, recovery: null } : u)))
    },
  }
}
