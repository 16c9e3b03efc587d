/** Runs a fold (fold.ts) on a worker thread, so the app's thread stays free while it writes. */
import { Worker } from 'node:worker_threads'
import { workerEntry } from '../../workerEntry'
import type { FoldResult } from './fold'

const workerScript = () => workerEntry(import.meta.url, 'foldWorker.ts', 'foldWorker.js')

export function runFold(dataDir: string, device: string): Promise<FoldResult> {
  const entry = workerScript()
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.file, { eval: entry.eval, workerData: { dataDir, device } })
    worker.once('message', (reply: { ok: boolean; error?: string } & FoldResult) => {
      if (reply.ok) resolve(reply)
      else reject(new Error(reply.error))
      void worker.terminate()
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the fold worker stopped (code ${code})`))
    })
  })
}
