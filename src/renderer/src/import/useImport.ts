/**
 * Importing, as the window runs it: one file per call (chosen in File ▸ Import, or dropped
 * on the window), so progress is true and Cancel stops before the next file. Dropped files
 * travel as their bytes; the window never names a path for main to read.
 */
import { useCallback, useRef, useState } from 'react'
import type { FileImport, OnSimilar } from '../../../shared/types'
import { api, messageOf } from '../api'
import { droppedFiles, type DroppedItem } from './droppedFiles'

/** The largest file a drop sends (the same limit main applies to every import). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

type Item =
  | { kind: 'chosen'; token: string; index: number; name: string }
  | ({ kind: 'dropped' } & DroppedItem)

export interface ImportJob {
  total: number
  done: number
  /** The file being read now. */
  current: string | null
  startedAt: number
  results: FileImport[]
  /** The reader pressed Cancel: the file being read finishes, no other starts. */
  cancelled: boolean
  finished: boolean
}

export interface Importer {
  job: ImportJob | null
  choose: (folder: boolean) => void
  drop: (data: DataTransfer) => void
  cancel: () => void
  close: () => void
  /** Settles an article that looks like one already there: keep both, or replace the old. */
  decide: (result: FileImport, choice: Exclude<OnSimilar, 'ask'>) => Promise<void>
}

async function base64Of(blob: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as string)
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'))
    reader.readAsDataURL(blob)
  })
  return url.slice(url.indexOf(',') + 1)
}

const mb = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`

async function importItem(item: Item, onSimilar?: OnSimilar): Promise<FileImport> {
  if (item.kind === 'chosen')
    return api().importChosen({
      token: item.token,
      index: item.index,
      ...(onSimilar ? { onSimilar } : {}),
    })
  if (item.file.size > MAX_IMPORT_BYTES)
    return {
      file: item.name,
      status: 'failed',
      error: `over ${mb(MAX_IMPORT_BYTES)}: the file is ${mb(item.file.size)}`,
    }
  let data: string
  let resources: { name: string; data: string }[]
  try {
    data = await base64Of(item.file)
    resources = await Promise.all(
      item.resources.map(async (r) => ({ name: r.name, data: await base64Of(r.file) })),
    )
  } catch (err) {
    return { file: item.name, status: 'failed', error: `unreadable: ${messageOf(err)}` }
  }
  return api().importDropped({
    name: item.name,
    data,
    ...(resources.length ? { resources } : {}),
    ...(onSimilar ? { onSimilar } : {}),
  })
}

export function useImport(options: {
  onImported: () => void
  say: (message: string, extra?: { error?: boolean }) => void
}): Importer {
  const [job, setJob] = useState<ImportJob | null>(null)
  const running = useRef(false)
  const cancelled = useRef(false)
  /** Each result's file, so a "looks like" answer can be imported again with the reader's choice. */
  const sources = useRef(new Map<FileImport, Item>())
  const { onImported, say } = options

  const run = useCallback(
    async (items: Item[]) => {
      running.current = true
      cancelled.current = false
      sources.current = new Map()
      const started = Date.now()
      let current: ImportJob = {
        total: items.length,
        done: 0,
        current: items[0]?.name ?? null,
        startedAt: started,
        results: [],
        cancelled: false,
        finished: false,
      }
      setJob(current)
      for (const item of items) {
        if (cancelled.current) break
        current = { ...current, current: item.name }
        setJob(current)
        let result: FileImport
        try {
          result = await importItem(item)
        } catch (err) {
          result = { file: item.name, status: 'failed', error: messageOf(err) }
        }
        sources.current.set(result, item)
        current = { ...current, done: current.done + 1, results: [...current.results, result] }
        setJob(current)
        if (result.status === 'imported') onImported()
      }
      running.current = false
      setJob({ ...current, current: null, finished: true, cancelled: cancelled.current })
      onImported()
    },
    [onImported],
  )

  const choose = useCallback(
    (folder: boolean) => {
      if (running.current) return
      api()
        .chooseImport({ folder })
        .then((choice) => {
          if (choice.cancelled) return
          if (choice.files.length === 0) {
            say('Nothing to import there: Lectern reads .html, .htm, .xhtml, .md and .txt files.')
            return
          }
          void run(
            choice.files.map((f) => ({
              kind: 'chosen',
              token: choice.token,
              index: f.index,
              name: f.name,
            })),
          )
        })
        .catch((err: unknown) => say(`Could not import: ${messageOf(err)}`, { error: true }))
    },
    [run, say],
  )

  const drop = useCallback(
    (data: DataTransfer) => {
      if (running.current) return
      droppedFiles(data)
        .then((items) => {
          if (items.length === 0) {
            say('Nothing to import there: Lectern reads .html, .htm, .xhtml, .md and .txt files.')
            return
          }
          void run(items.map((i) => ({ kind: 'dropped', ...i })))
        })
        .catch((err: unknown) => say(`Could not read what was dropped: ${messageOf(err)}`))
    },
    [run, say],
  )

  const decide = useCallback(
    async (result: FileImport, choice: Exclude<OnSimilar, 'ask'>) => {
      const item = sources.current.get(result)
      if (!item) return
      let settled: FileImport
      try {
        settled = await importItem(item, choice)
      } catch (err) {
        settled = { file: result.file, status: 'failed', error: messageOf(err) }
      }
      sources.current.set(settled, item)
      setJob((j) => (j ? { ...j, results: j.results.map((r) => (r === result ? settled : r)) } : j))
      onImported()
    },
    [onImported],
  )

  return {
    job,
    choose,
    drop,
    cancel: () => {
      cancelled.current = true
      setJob((j) => (j ? { ...j, cancelled: true } : j))
    },
    close: () => {
      if (!running.current) setJob(null)
    },
    decide,
  }
}
