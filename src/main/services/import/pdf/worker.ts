/** The worker that reads PDFs, one message at a time (the pool is html/pool.ts). */
import { parentPort } from 'node:worker_threads'
import type { HtmlJob as Job, HtmlReply as Reply } from '../html/worker'
import { ImportError } from '../types'
import { extractPdf } from './extractPdf'
import { readPdf } from './readPdf'

parentPort?.on('message', (job: Job) => {
  void (async (): Promise<Reply> => {
    try {
      const content = await readPdf(job.bytes)
      const article = extractPdf(content, { path: job.path, url: job.url })
      return { id: job.id, ok: true, article }
    } catch (err) {
      return err instanceof ImportError
        ? { id: job.id, ok: false, message: err.message, reason: err.reason }
        : {
            id: job.id,
            ok: false,
            message: `unreadable: ${err instanceof Error ? err.message : String(err)}`,
            reason: 'internal',
          }
    }
  })().then((reply) => parentPort?.postMessage(reply))
})

// Loaded: from now on the pool times each file (start-up is not a file's cost).
parentPort?.postMessage({ ready: true })
