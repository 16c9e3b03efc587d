import { useId, useState } from 'react'

interface Props {
  tags: string[]
  onChange: (tags: string[]) => void
  label: string
  /** Tags already used elsewhere, offered as the reader types. */
  suggestions?: readonly string[]
}

/** Tags as removable chips, with a field to add one (Enter or comma). */
export function TagEditor({ tags, onChange, label, suggestions = [] }: Props) {
  const [draft, setDraft] = useState('')
  const listId = useId()
  const offered = suggestions.filter((s) => !tags.includes(s)).slice(0, 50)
  const add = (): void => {
    const tag = draft.trim().replace(/^#/, '')
    setDraft('')
    if (tag && !tags.includes(tag)) onChange([...tags, tag])
  }
  return (
    <div className="tags" aria-label={label} role="group">
      {tags.map((t) => (
        <span key={t} className="tag">
          #{t}
          <button
            type="button"
            aria-label={`Remove tag ${t}`}
            onClick={() => onChange(tags.filter((x) => x !== t))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        className="tag-input"
        value={draft}
        placeholder="+ tag"
        aria-label={`Add a tag to ${label.toLowerCase()}`}
        maxLength={60}
        list={offered.length ? listId : undefined}
        onChange={(e) => setDraft(e.target.value.replace(',', ''))}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault()
            add()
          }
        }}
        onBlur={add}
      />
      {offered.length > 0 && (
        <datalist id={listId}>
          {offered.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </div>
  )
}
