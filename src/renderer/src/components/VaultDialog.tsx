/**
 * The folder Lectern keeps one Markdown file per article in (say, inside an Obsidian vault):
 * choose it, see what the last sync did, and settle files someone else changed.
 */
import { useCallback, useEffect, useState } from 'react'
import type { ConflictChoice, VaultStatus } from '../../../shared/types'
import { api, messageOf } from '../api'
import { Dialog } from './Dialog'

/** While the dialog is open its news is fetched this often (a sync follows each change). */
const POLL_MS = 1500

const CHOICE_LABELS: Record<ConflictChoice, string> = {
  overwrite: 'Use Lectern’s',
  'keep-theirs': 'Keep theirs',
  'write-beside': 'Write Lectern’s beside it',
}

export function VaultDialog({ onClose }: { onClose: () => void }) {
  const [status, setStatus] = useState<VaultStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const refresh = useCallback(() => {
    api()
      .getVaultStatus()
      .then(setStatus, (e: unknown) => setError(messageOf(e)))
  }, [])
  useEffect(() => {
    refresh()
    const timer = setInterval(refresh, POLL_MS)
    return () => clearInterval(timer)
  }, [refresh])

  const run = (work: () => Promise<VaultStatus>): void => {
    setBusy(true)
    setError(null)
    work()
      .then(setStatus, (e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false))
  }

  const last = status?.last
  return (
    <Dialog title="Notes folder" onClose={onClose} className="vault-dialog">
      <p className="state-detail">
        Lectern keeps one Markdown file per article with notes in a folder you choose (inside your
        Obsidian vault, say), updated as you highlight and write. A file someone else changed is
        never overwritten without asking.
      </p>
      {status?.folder ? (
        <p>
          Keeping notes in <code className="vault-folder">{status.folder}</code>
        </p>
      ) : (
        <p>No folder is kept up to date.</p>
      )}
      <p className="vault-actions">
        <button
          type="button"
          className="small-button"
          disabled={busy}
          onClick={() => run(() => api().chooseVaultFolder({}))}
        >
          {status?.folder ? 'Choose another folder…' : 'Choose a folder…'}
        </button>
        {status?.folder && (
          <button
            type="button"
            className="small-button"
            disabled={busy}
            onClick={() => run(() => api().chooseVaultFolder({ stop: true }))}
          >
            Stop keeping it
          </button>
        )}
      </p>
      {(error ?? status?.error) && status?.folder !== null && (
        <p className="vault-error" role="alert">
          {error ?? status?.error}
        </p>
      )}
      {last && status?.folder && (
        <p className="vault-last" role="status">
          Last sync: {last.written.length} written, {last.unchanged} already up to date
          {last.trashed.length ? `, ${last.trashed.length} moved to its trash` : ''}.
        </p>
      )}
      {status && status.conflicts.length > 0 && (
        <section aria-label="Changed outside Lectern">
          <h3 className="vault-heading">Changed outside Lectern</h3>
          <ul className="import-list">
            {status.conflicts.map((c) => (
              <li key={c.articleId} className="import-similar">
                <span className="import-file" title={c.path}>
                  {c.title}
                </span>
                <span className="import-reason">
                  {c.kind === 'changed' ? 'edited since Lectern wrote it' : 'removed'}
                  {c.held ? ' · kept as theirs' : ''}
                </span>
                <span className="import-choices">
                  {c.choices.map((choice) => (
                    <button
                      key={choice}
                      type="button"
                      disabled={busy}
                      onClick={() =>
                        run(() => api().resolveVaultConflict({ articleId: c.articleId, choice }))
                      }
                    >
                      {CHOICE_LABELS[choice]}
                    </button>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Dialog>
  )
}
