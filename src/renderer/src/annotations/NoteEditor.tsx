import { focusReader } from '../focusPanes'
import { useEffect, useRef, useState } from 'react'
import { MarkdownView } from './MarkdownView'

interface Props {
  value: string
  label: string
  placeholder: string
  /** Resolves true once the text is on disk. */
  onSave: (text: string) => Promise<boolean>
  /** Start in the editor (a new note). */
  autoEdit?: boolean
}

type Status = 'idle' | 'saving' | 'saved' | 'error'

/** How long typing may pause before the note is saved. */
const AUTOSAVE_MS = 600

/** A note shown as Markdown; click to edit in place; saves by itself and says so. */
export function NoteEditor({ value, label, placeholder, onSave, autoEdit = false }: Props) {
  const [editing, setEditing] = useState(autoEdit)
  const [draft, setDraft] = useState(value)
  const [status, setStatus] = useState<Status>('idle')
  const saved = useRef(value)
  const latest = useRef(value)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const area = useRef<HTMLTextAreaElement>(null)

  // Follow outside changes (undo, another view), unless the reader has words not yet saved.
  useEffect(() => {
    if (editing || latest.current !== saved.current) return
    setDraft(value)
    latest.current = value
    saved.current = value
  }, [value, editing])

  useEffect(() => {
    if (editing) area.current?.focus()
  }, [editing])

  // A new note opens in its editor even when the list showing it arrived before the reply
  // naming it as new (two replies need not come back in the order they were asked).
  useEffect(() => {
    if (autoEdit) setEditing(true)
  }, [autoEdit])

  const save = async (text: string): Promise<void> => {
    clearTimeout(timer.current)
    if (text === saved.current) return
    setStatus('saving')
    const ok = await onSave(text)
    if (ok) saved.current = text
    setStatus(ok ? 'saved' : 'error')
  }

  // Words typed but not yet saved go out at once when the page goes away (reload, quit, the
  // window closing), is hidden, or this editor is taken off screen (another article opened):
  // the autosave's pause must never cost the last words typed.
  const saveRef = useRef(save)
  saveRef.current = save
  useEffect(() => {
    const flush = (): void => {
      if (latest.current !== saved.current) void saveRef.current(latest.current)
    }
    const onHidden = (): void => {
      if (document.visibilityState === 'hidden') flush()
    }
    window.addEventListener('pagehide', flush)
    document.addEventListener('visibilitychange', onHidden)
    return () => {
      window.removeEventListener('pagehide', flush)
      document.removeEventListener('visibilitychange', onHidden)
      clearTimeout(timer.current)
      flush()
    }
  }, [])

  const statusText = { idle: '', saving: 'Saving…', saved: 'Saved', error: 'Not saved' }[status]
  return (
    <div className="note-editor">
      {editing ? (
        <textarea
          ref={area}
          value={draft}
          aria-label={label}
          placeholder={placeholder}
          // Where the box cannot grow with its text (no field-sizing), it starts tall enough.
          rows={Math.max(4, draft.split('\n').length + 1)}
          onChange={(e) => {
            const text = e.target.value
            setDraft(text)
            latest.current = text
            clearTimeout(timer.current)
            timer.current = setTimeout(() => void save(text), AUTOSAVE_MS)
          }}
          onBlur={() => {
            void save(draft)
            setEditing(false)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              // Saved on the way out; reading goes on where it was, never on the page's body.
              e.stopPropagation()
              e.currentTarget.blur()
              focusReader()
            }
          }}
        />
      ) : draft ? (
        <>
          {/* A click on the text edits it (but a click on a link follows the link); the button
              below does the same from the keyboard. Not a button itself: it may hold links. */}
          <div
            className="note-view"
            onClick={(e) => {
              if (!(e.target as HTMLElement).closest('a')) setEditing(true)
            }}
          >
            <MarkdownView text={draft} />
          </div>
          <button
            type="button"
            className="link note-edit"
            aria-label={`${label}: edit`}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
        </>
      ) : (
        <button
          type="button"
          className="note-view empty"
          aria-label={`${label}: add a note`}
          onClick={() => setEditing(true)}
        >
          <span className="placeholder">{placeholder}</span>
        </button>
      )}
      <span className={`save-status save-${status}`} role="status" aria-live="polite">
        {statusText}
        {status === 'error' && (
          <button type="button" className="link" onClick={() => void save(draft)}>
            Retry
          </button>
        )}
      </span>
    </div>
  )
}
