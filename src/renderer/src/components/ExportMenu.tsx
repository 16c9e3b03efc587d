import { forwardRef } from 'react'
import { api, messageOf } from '../api'
import { MenuButton, type MenuButtonHandle } from './MenuButton'

interface Props {
  articleId: string | null
  /** Tells the reader what happened. */
  onResult: (message: string, error?: boolean) => void
  /** After a restore, the window reloads the reader's data. */
  onRestored: () => void
  /** Opens the notes folder (vault sync) dialog. */
  onVault?: () => void
}

export type ExportMenuHandle = MenuButtonHandle

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
    action.run().then(
      (message) => message && onResult(message),
      (err: unknown) =>
        onResult(`${action.label.replace('…', '')} failed: ${messageOf(err)}`, true),
    )
  }

  return (
    <MenuButton ref={ref} label="Export ▾" name="Export" title="Export, copy, back up (E)">
      {(choose) =>
        actions.map((a) => (
          <button
            key={a.label}
            type="button"
            role="menuitem"
            disabled={a.needsArticle && !articleId}
            onClick={() => choose(() => run(a))}
          >
            {a.label}
            {a.hint && <span className="menu-hint">{a.hint}</span>}
          </button>
        ))
      }
    </MenuButton>
  )
})
