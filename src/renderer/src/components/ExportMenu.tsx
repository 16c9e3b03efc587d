import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react'
import { api, messageOf } from '../api'

interface Props {
  articleId: string | null
  /** Tells the reader what happened. */
  onResult: (message: string, error?: boolean) => void
  /** After a restore, the window reloads the reader's data. */
  onRestored: () => void
  /** Opens the notes folder (vault sync) dialog. */
  onVault?: () => void
}

export interface ExportMenuHandle {
  open: () => void
}

type Action = {
  label: string
  hint?: string
  needsArticle?: boolean
  run: () => Promise<string | null>
}

const files = (n: number): string => `${n} ${n === 1 ? 'file' : 'files'}`

/** Export, copy, back up and restore: one menu in the top bar (shortcut `E`). */
export const ExportMenu = forwardRef<ExportMenuHandle, Props>(function ExportMenu(
  { articleId, onResult, onRestored, onVault },
  ref,
) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  useImperativeHandle(ref, () => ({ open: () => setOpen(true) }), [])

  useEffect(() => {
    if (!open) return
    menu.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus()
    const close = (e: MouseEvent): void => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) setOpen(false)
    }
    window.addEventListener('mousedown', close)
    return () => window.removeEventListener('mousedown', close)
  }, [open])

  const actions: Action[] = [
    {
      label: 'Export this article’s notes…',
      hint: 'Markdown file',
      needsArticle: true,
      run: async () => {
        const r = await api().exportArticle({ articleId: articleId as string })
        return r.cancelled ? null : `Exported to ${r.path}`
      },
    },
    {
      label: 'Copy as Markdown',
      needsArticle: true,
      run: async () => {
        const r = await api().copyArticleMarkdown({ articleId: articleId as string })
        return `Copied ${r.chars.toLocaleString()} characters of Markdown.`
      },
    },
    {
      label: 'Export all notes to a folder…',
      hint: 'one file per article',
      run: async () => {
        const r = await api().exportLibrary({})
        return r.cancelled ? null : `Exported ${files(r.files)} to ${r.path}`
      },
    },
    {
      label: 'Export all notes to one file…',
      run: async () => {
        const r = await api().exportLibrary({ single: true })
        return r.cancelled ? null : `Exported to ${r.path}`
      },
    },
    ...(onVault
      ? [
          {
            label: 'Keep notes in a folder…',
            hint: 'Obsidian vault',
            run: async () => {
              onVault()
              return null
            },
          },
        ]
      : []),
    {
      label: 'Back up all data…',
      hint: 'JSON',
      run: async () => {
        const r = await api().exportBackup()
        return r.cancelled ? null : `Backed up to ${r.path}`
      },
    },
    {
      label: 'Restore from a backup…',
      run: async () => {
        const r = await api().importBackup()
        if (r.cancelled) return null
        onRestored()
        return `Restored from ${r.path}: ${r.added} added, ${r.updated} updated, ${r.unchanged} already here.`
      },
    },
  ]

  const run = (action: Action): void => {
    setOpen(false)
    button.current?.focus()
    action.run().then(
      (message) => message && onResult(message),
      (err: unknown) =>
        onResult(`${action.label.replace('…', '')} failed: ${messageOf(err)}`, true),
    )
  }

  return (
    <div className="menu-wrap">
      <button
        ref={button}
        type="button"
        className="small-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title="Export, copy, back up (E)"
      >
        Export ▾
      </button>
      {open && (
        <div
          ref={menu}
          className="menu"
          role="menu"
          aria-label="Export"
          onKeyDown={(e) => {
            const items = [
              ...(menu.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ??
                []),
            ]
            const at = items.indexOf(document.activeElement as HTMLButtonElement)
            if (e.key === 'Escape') {
              e.stopPropagation()
              setOpen(false)
              button.current?.focus()
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault()
              const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length
              items[next]?.focus()
            }
          }}
        >
          {actions.map((a) => (
            <button
              key={a.label}
              type="button"
              role="menuitem"
              disabled={a.needsArticle && !articleId}
              onClick={() => run(a)}
            >
              {a.label}
              {a.hint && <span className="menu-hint">{a.hint}</span>}
            </button>
          ))}
        </div>
      )}
    </div>
  )
})
