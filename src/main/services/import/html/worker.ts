/** The worker that reads HTML pages, one message at a time (see pool.ts). */
import { parentPort } from 'node:worker_threads'
import { decodeHtml } from '../decode'
import { ImportError } from '../types'
import { extractEpub } from '../epub/extractEpub'
import { extractMhtml } from '../mhtml/extractMhtml'
import { extractHtml } from './extractHtml'

export interface HtmlJob {
  id: number
  /** A web page, an EPUB book or a web archive: each is read here, under the pool's limits. */
  format: 'html' | 'epub' | 'mhtml'
  bytes: Uint8Array
  path?: string
  url?: string
  resources?: string[]
}

export type HtmlReply =
  | { id: number; ok: true; article: import('../types').ExtractedArticle }
  | { id: number; ok: false; message: string; reason: ImportError['reason'] | 'internal' }

parentPort?.on('message', (job: HtmlJob) => {
  let reply: HtmlReply
  try {
    const article =
      job.format === 'epub'
        ? extractEpub(job.bytes)
        : job.format === 'mhtml'
          ? extractMhtml(job.bytes, job.url)
          : extractHtml({
              html: decodeHtml(job.bytes),
              path: job.path,
              url: job.url,
              resources: job.resources,
            })
    reply = { id: job.id, ok: true, article }
  } catch (err) {
    reply =
      err instanceof ImportError
        ? { id: job.id, ok: false, message: err.message, reason: err.reason }
        : {
            id: job.id,
            ok: false,
            message: `unreadable: ${err instanceof Error ? err.message : String(err)}`,
            reason: 'internal',
          }
  }
  parentPort?.postMessage(reply)
})

// Loaded: from now on the pool times each page (start-up is not a page's cost).
parentPort?.postMessage({ ready: true })
