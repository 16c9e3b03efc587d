/**
 * The mark on a note (or a bookmark's note) edited on two computers while apart, whose changes
 * overlapped so they could not be merged, and the dialog to compare the versions and settle.
 * Versions are shown as plain text: a note's Markdown is what the person wrote, word for word.
 */
import { useCallback, useId, useState } from 'react'
import type { Annotation, ConflictResolution, ConflictVersion } from '../../../shared/types'
import { Dialog } from '../components/Dialog'
import { formatWhen } from '../format'
import type { Annotations } from './useAnnotations'
import { useConflict } from './useConflict'

/** Who wrote a version and when: this computer, or the other by its name (or its id). */
const who = (v: ConflictVersion): string => {
  const computer = v.mine
    ? 'This computer'
    : v.computer === v.device
      ? `Another computer (${v.device})`
      : v.computer
  return `${computer}, ${formatWhen(v.at)}`
}

function VersionCard({
  version,
  busy,
  onKeep,
}: {
  version: ConflictVersion
  busy: boolean
  onKeep: () => void
}) {
  const headingId = useId()
  return (
    <li className="conflict-version" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Version {version.n}
        {version.n === 1 ? ' · shown now' : ''}
      </h3>
      <p className="conflict-who">{who(version)}</p>
      <div
        className="conflict-text"
        dir="auto"
        tabIndex={0}
        aria-label={`Text of version ${version.n}`}
      >
        {version.text || <em>(empty)</em>}
      </div>
      <button
        type="button"
        className="small-button"
        disabled={busy}
        aria-label={`Keep version ${version.n}, from ${who(version)}`}
        onClick={onKeep}
      >
        Keep this version
      </button>
    </li>
  )
}

function CompareDialog({
  item,
  onClose,
  onSettled,
}: {
  item: Annotation
  onClose: () => void
  onSettled: (how: ConflictResolution) => void
}) {
  const { conflict, loading, error, busy, resolve } = useConflict(item.id, true, onSettled)
  const [merged, setMerged] = useState<string | null>(null)
  const mergedId = useId()
  const what = item.type === 'bookmark' ? 'This bookmark’s note' : 'This note'
  const text = merged ?? conflict?.versions[0]?.text ?? ''
  return (
    <Dialog title="Compare versions" onClose={onClose} className="conflict-dialog">
      <p className="state-detail">
        {what} was changed on two computers while they were apart, and the changes overlap. Keep one
        version, or write one from both. Your choice reaches every computer.
      </p>
      {loading && !conflict && <p role="status">Loading the versions…</p>}
      {error && (
        <p className="conflict-error" role="alert">
          {error}
        </p>
      )}
      {conflict && (
        <>
          <ol className="conflict-versions" aria-label="Versions">
            {conflict.versions.map((v) => (
              <VersionCard
                key={v.n}
                version={v}
                busy={busy}
                onKeep={() => void resolve({ keep: v.n })}
              />
            ))}
          </ol>
          {conflict.base !== undefined && (
            <details className="conflict-base">
              <summary>The text both were edited from</summary>
              <div className="conflict-text" dir="auto">
                {conflict.base || <em>(empty)</em>}
              </div>
            </details>
          )}
          <form
            className="conflict-merge"
            onSubmit={(e) => {
              e.preventDefault()
              void resolve({ text })
            }}
          >
            <label htmlFor={mergedId}>Or write one version from both</label>
            <textarea
              id={mergedId}
              dir="auto"
              rows={5}
              value={text}
              onChange={(e) => setMerged(e.target.value)}
            />
            <div className="dialog-actions">
              <button type="submit" className="small-button" disabled={busy}>
                Save this text
              </button>
            </div>
          </form>
        </>
      )}
      {!loading && !error && !conflict && (
        <p role="status">The versions agree now: there is nothing to settle.</p>
      )}
    </Dialog>
  )
}

/** Shown on a card whose text has versions from two computers waiting to be settled. */
export function ConflictNotice({
  item,
  annotations,
}: {
  item: Annotation
  annotations: Annotations
}) {
  const [open, setOpen] = useState(false)
  const { refresh, say } = annotations
  const settled = useCallback(
    (how: ConflictResolution) => {
      setOpen(false)
      refresh()
      say(
        'keep' in how
          ? `Kept version ${String(how.keep)} on every computer.`
          : 'Saved on every computer.',
      )
    },
    [refresh, say],
  )
  if (!item.conflicts?.length) return null
  const versions = item.conflicts.length + 1
  return (
    <div className="conflict-notice" role="group" aria-label="Edited on two computers">
      <p>
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 1.5l6.5 12h-13zM8 6v3.5M8 11.5v.5" />
        </svg>
        <strong>Edited on two computers</strong>
      </p>
      <div className="conflict-actions">
        <button
          type="button"
          className="small-button"
          aria-haspopup="dialog"
          onClick={() => setOpen(true)}
        >
          Compare versions
        </button>
        <span className="conflict-count">{versions} versions</span>
      </div>
      {open && <CompareDialog item={item} onClose={() => setOpen(false)} onSettled={settled} />}
    </div>
  )
}
