import type { RecoveryNotice } from '../../../shared/types'

/** Tells the reader that their data file was damaged, and what Lectern did about it. */
export function RecoveryBanner({
  notice,
  onDismiss,
}: {
  notice: RecoveryNotice
  onDismiss: () => void
}) {
  return (
    <div className="banner" role="alert">
      <p>
        <strong>Your notes file could not be read</strong> ({notice.problem}). It was set aside,
        unchanged, as <code>{notice.movedTo}</code>.{' '}
        {notice.restoredFrom ? (
          <>
            Lectern restored the latest good backup, <code>{notice.restoredFrom}</code>.
          </>
        ) : (
          <>No usable backup was found, so Lectern started with empty notes.</>
        )}
      </p>
      <button type="button" className="small-button" onClick={onDismiss}>
        Got it
      </button>
    </div>
  )
}
