import { useState } from 'react'

interface Props {
  tags: string[]
  onChange: (tags: string[]) => void
  label: string
}

/** Tags as removable chips, with a field to add one (Enter or comma). */
export function TagEditor({ tags, onChange, label }: Props) {
  const [draft, setDraft] = useState('')
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
        onChange={(e) => setDraft(e.target.value.replace(',', ''))}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault()
            add()
          }
        }}
        onBlur={add}
      />
    </div>
  )
}
