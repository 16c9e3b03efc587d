import { useEffect } from 'react'
import type { Toast as ToastData } from '../annotations/useAnnotations'

/** How long a message stays, long enough to reach its Undo button. */
const TOAST_MS = 8000

export function Toast({ toast, onDismiss }: { toast: ToastData | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!toast) return
    const t = setTimeout(onDismiss, toast.error ? TOAST_MS * 2 : TOAST_MS)
    return () => clearTimeout(t)
  }, [toast, onDismiss])
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className={`toast${toast.error ? ' toast-error' : ''}`}>
          <span>{toast.message}</span>
          {toast.undo && (
            <button
              type="button"
              onClick={() => {
                toast.undo?.()
                onDismiss()
              }}
            >
              Undo
            </button>
          )}
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  )
}
