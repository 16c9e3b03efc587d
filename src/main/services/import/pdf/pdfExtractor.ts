/** PDFs with a text layer (.pdf), read in a worker of their own (see worker.ts). */
import type { HtmlWorkerPool, WorkerScript } from '../html/pool'
import { ImportError, type Extractor } from '../types'

export const PDF_WORKER: WorkerScript = { source: 'pdf/worker.ts', built: 'pdfWorker.js' }

/** Reading a whole PDF may take longer than a web page: up to this, by default. */
export const PDF_TIMEOUT_MS = 120_000
export const PDF_MEMORY_MB = 512

export const isPdf = (bytes: Uint8Array): boolean =>
  Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')

export function pdfExtractor(pool: HtmlWorkerPool): Extractor {
  return {
    format: 'pdf',
    extensions: ['pdf'],
    async extract({ bytes, path, url }) {
      if (!isPdf(bytes))
        throw new ImportError('not a PDF despite its name: no PDF header', 'wrong-format')
      return pool.extract(bytes, path, url)
    },
  }
}
