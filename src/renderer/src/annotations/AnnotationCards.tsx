import { COLORS, type Note, type Palette, type PlacedBookmark } from '../../../shared/types'
import type { Annotations } from './useAnnotations'
import { ConflictNotice } from './ConflictNotice'
import { NoteEditor } from './NoteEditor'
import { TagEditor } from './TagEditor'

/** Deleting moves to the trash, so it needs no confirmation: Undo is one key away. */
function DeleteButton({ what, onDelete }: { what: string; onDelete: () => void }) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={`Delete ${what}`}
      title="Delete (undo with Ctrl+Z)"
      onClick={onDelete}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <path d="M3 4h10M6 4V2.5h4V4M4.5 4l.7 9.5h5.6l.7-9.5" />
      </svg>
    </button>
  )
}

interface BookmarkProps {
  bookmark: PlacedBookmark
  palette: Palette
  focused: boolean
  annotations: Annotations
  onJump: (b: PlacedBookmark) => void
  /** Just saved: its note opens for typing. */
  autoEdit?: boolean
  /** Its passage is where the reader is reading. */
  atReadingPosition?: boolean
}

/** One saved passage: its quote (click to go there), colour, tags and note. */
export function BookmarkCard({
  bookmark: b,
  palette,
  focused,
  annotations,
  onJump,
  autoEdit,
  atReadingPosition,
}: BookmarkProps) {
  const name = palette[b.color].name
  return (
    <article
      className={`card bookmark-card color-${b.color}${focused ? ' focused' : ''}${atReadingPosition ? ' reading-here' : ''}`}
      data-reading-here={atReadingPosition ? '' : undefined}
      aria-label={`Bookmark, ${name}`}
      data-bookmark-id={b.id}
      aria-current={focused ? 'true' : undefined}
    >
      <button
        type="button"
        className="quote"
        onClick={() => onJump(b)}
        title={b.placed ? 'Show in the article' : undefined}
      >
        <span className="visually-hidden">{name} highlight: </span>
        <blockquote dir="auto">{b.anchor.quote.exact}</blockquote>
      </button>
      {!b.placed && (
        <p className="orphaned" role="note">
          The article's text changed and this passage was not found; the saved quote is kept here.
        </p>
      )}
      <div className="card-tools">
        <div className="colors" role="radiogroup" aria-label="Colour">
          {COLORS.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={c === b.color}
              className={`swatch small swatch-${c}`}
              aria-label={`${palette[c].name} (${c})`}
              title={palette[c].name}
              onClick={() =>
                c !== b.color && void annotations.updateBookmark(b, { id: b.id, color: c })
              }
            />
          ))}
        </div>
        <DeleteButton what="bookmark" onDelete={() => void annotations.remove(b)} />
      </div>
      <TagEditor
        tags={b.tags}
        label="Bookmark tags"
        suggestions={annotations.user?.tags}
        onChange={(tags) => void annotations.updateBookmark(b, { id: b.id, tags })}
      />
      <ConflictNotice item={b} annotations={annotations} />
      <NoteEditor
        value={b.note}
        label="Note on this bookmark"
        placeholder="Add a note…"
        autoEdit={autoEdit}
        onSave={(note) => annotations.updateBookmark(b, { id: b.id, note })}
      />
    </article>
  )
}

interface NoteProps {
  note: Note
  annotations: Annotations
  autoEdit?: boolean
}

/** A note on the article as a whole. */
export function NoteCard({ note, annotations, autoEdit }: NoteProps) {
  return (
    <article className="card note-card" aria-label="Article note" data-note-id={note.id}>
      <div className="card-tools">
        <span className="card-kind">Note</span>
        <DeleteButton what="note" onDelete={() => void annotations.remove(note)} />
      </div>
      <ConflictNotice item={note} annotations={annotations} />
      <NoteEditor
        value={note.text}
        label="Article note"
        placeholder="Write about the article as a whole…"
        autoEdit={autoEdit}
        onSave={(text) => annotations.updateNote(note, { id: note.id, text })}
      />
      <TagEditor
        tags={note.tags}
        label="Note tags"
        suggestions={annotations.user?.tags}
        onChange={(tags) => void annotations.updateNote(note, { id: note.id, tags })}
      />
    </article>
  )
}
