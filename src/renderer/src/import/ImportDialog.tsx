/**
 * An import as the reader watches it: how many files, which one now, about how long is
 * left, and Cancel; then what happened to each file: imported, already there (or looking
 * like an article already there: keep both or replace), or failed and why.
 */
import { useState } from 'react'
import type { FileImport } from '../../../shared/types'
import { Dialog } from '../components/Dialog'
import type { Importer, ImportJob } from './useImport'

const plural = (n: number, one: string, many: string): string =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`

/** "about 2 min left", once a couple of files give a pace. */
function timeLeft(job: ImportJob, now: number): string | null {
  if (job.done < 2) return null
  const seconds = Math.round((((now - job.startedAt) / job.done) * (job.total - job.done)) / 1000)
  if (seconds < 5) return 'a few seconds left'
  if (seconds < 60) return `about ${seconds} s left`
  return `about ${Math.round(seconds / 60)} min left`
}

/** The last part of a path, for lists where the whole path would not fit. */
const shortName = (file: string): string => file.split(/[/\\]/).pop() ?? file

export function ImportDialog({
  importer,
  onOpen,
}: {
  importer: Importer
  onOpen: (articleId: string) => void
}) {
  const { job } = importer
  if (!job) return null
  const running = !job.finished
  return (
    <Dialog
      title={running ? 'Importing' : job.cancelled ? 'Import stopped' : 'Import finished'}
      onClose={running ? importer.cancel : importer.close}
      className="import-dialog"
    >
      {running ? <Progress job={job} onCancel={importer.cancel} /> : null}
      <Summary job={job} importer={importer} onOpen={onOpen} />
      {!running && (
        <div className="dialog-actions">
          <button type="button" className="small-button" onClick={importer.close} autoFocus>
            Done
          </button>
        </div>
      )}
    </Dialog>
  )
}

function Progress({ job, onCancel }: { job: ImportJob; onCancel: () => void }) {
  const left = timeLeft(job, Date.now())
  return (
    <div className="import-progress">
      <progress max={job.total} value={job.done} aria-label="Files imported" />
      <p role="status" aria-live="polite">
        {job.done.toLocaleString()} of {plural(job.total, 'file', 'files')}
        {left ? ` · ${left}` : ''}
      </p>
      {job.current && (
        <p className="import-current" title={job.current}>
          Reading {shortName(job.current)}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={job.cancelled}>
          {job.cancelled ? 'Stopping…' : 'Cancel'}
        </button>
      </div>
    </div>
  )
}

function Summary({
  job,
  importer,
  onOpen,
}: {
  job: ImportJob
  importer: Importer
  onOpen: (articleId: string) => void
}) {
  // An export (Omnivore, Pocket…) counts and lists as the articles it held, each on its own.
  const exports = job.results.filter((r) => r.items)
  const results = job.results.flatMap((r) => r.items ?? [r])
  const orphans = exports.flatMap((r) => r.orphans ?? [])
  const by = (status: FileImport['status']): FileImport[] =>
    results.filter((r) => r.status === status)
  const imported = by('imported')
  const already = by('duplicate')
  const similar = by('similar')
  const failed = by('failed')
  if (!job.finished && job.results.length === 0) return null
  return (
    <div className="import-summary">
      {job.finished && (
        <p className="import-counts" role="status">
          {[
            plural(imported.length, 'imported', 'imported'),
            `${(already.length + similar.length).toLocaleString()} already there`,
            plural(failed.length, 'failed', 'failed'),
          ].join(' · ')}
          {job.cancelled && job.done < job.total
            ? ` · stopped after ${job.done} of ${job.total}; the rest were not read`
            : ''}
        </p>
      )}
      {job.finished &&
        exports.map((r) => (
          <p key={r.file} className="import-export">
            <span className="import-file" title={r.file}>
              {shortName(r.file)}
            </span>
            <span className="import-reason">{r.message ?? r.error}</span>
          </p>
        ))}
      {orphans.length > 0 && job.finished && (
        <section aria-label="Highlights not placed">
          <h3>Highlights not found in their article's text</h3>
          <p className="import-note">
            Kept as bookmarks without a place; each article lists them under its notes.
          </p>
          <ul className="import-list">
            {orphans.map((o, i) => (
              <li key={`${o.articleId}-${i}`}>
                <q className="import-quote">{o.quote}</q>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    importer.close()
                    onOpen(o.articleId)
                  }}
                >
                  {o.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {similar.length > 0 && (
        <section aria-label="Look like articles already there">
          <h3>Look like articles already in the library</h3>
          {similar.length > 1 && (
            <p className="import-bulk">
              <BulkButton label="Keep all" items={similar} importer={importer} choice="keep-both" />
              <BulkButton
                label="Replace all"
                items={similar}
                importer={importer}
                choice="replace"
              />
            </p>
          )}
          <ul className="import-list">
            {similar.map((r) => (
              <SimilarRow key={r.file} result={r} importer={importer} />
            ))}
          </ul>
        </section>
      )}
      {failed.length > 0 && (
        <section aria-label="Failed">
          <h3>Not imported</h3>
          <ul className="import-list">
            {failed.map((r) => (
              <li key={r.file} className="import-failed">
                <span className="import-file" title={r.file}>
                  {shortName(r.file)}
                </span>
                <span className="import-reason">{r.error}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {imported.length > 0 && job.finished && (
        <section aria-label="Imported">
          <h3>Imported</h3>
          <ul className="import-list">
            {imported.map((r) => (
              <li key={`${r.file}-${r.articleId}`}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    importer.close()
                    if (r.articleId) onOpen(r.articleId)
                  }}
                >
                  {r.title}
                </button>
                {r.message && <span className="import-reason">{r.message}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {already.length > 0 && job.finished && (
        <section aria-label="Already there">
          <h3>Already in the library</h3>
          <ul className="import-list">
            {already.map((r) => (
              <li key={r.file}>
                <span className="import-file" title={r.file}>
                  {shortName(r.file)}
                </span>
                <span className="import-reason">{r.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}

function SimilarRow({ result, importer }: { result: FileImport; importer: Importer }) {
  const [busy, setBusy] = useState(false)
  const decide = (choice: 'keep-both' | 'replace'): void => {
    setBusy(true)
    void importer.decide(result, choice).finally(() => setBusy(false))
  }
  return (
    <li className="import-similar">
      <span className="import-file" title={result.file}>
        {result.title ?? shortName(result.file)}
      </span>
      <span className="import-reason">{result.message}</span>
      <span className="import-choices">
        <button type="button" disabled={busy} onClick={() => decide('keep-both')}>
          Keep both
        </button>
        <button type="button" disabled={busy} onClick={() => decide('replace')}>
          Replace
        </button>
      </span>
    </li>
  )
}

function BulkButton(props: {
  label: string
  items: FileImport[]
  importer: Importer
  choice: 'keep-both' | 'replace'
}) {
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      disabled={busy}
      onClick={() => {
        setBusy(true)
        void (async () => {
          for (const item of props.items) await props.importer.decide(item, props.choice)
        })().finally(() => setBusy(false))
      }}
    >
      {props.label}
    </button>
  )
}
