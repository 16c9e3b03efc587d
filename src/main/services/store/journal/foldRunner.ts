/** Runs a fold (fold.ts) on a worker thread, so the app's thread stays free while it writes. */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { FoldResult } from './fold'

/**
 * The worker's script: the built `foldWorker.js` near this bundle, or, when Lectern runs from
 * source (tests, the benchmark), the TypeScript worker loaded through tsx.
 */
function workerEntry(): { file: string; eval: boolean } {
  const here = fileURLToPath(import.meta.url)
  if (here.endsWith('.ts')) {
    const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
    const tsx = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href
    const worker = pathToFileURL(join(dirname(here), 'foldWorker.ts')).href
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}) })`
    return { file: boot, eval: true }
  }
  for (let dir = dirname(here), i = 0; i < 3; dir = dirname(dir), i++) {
    const file = join(dir, 'foldWorker.js')
    if (existsSync(file)) return { file, eval: false }
  }
  throw new Error(`the fold worker (foldWorker.js) was not found near ${here}`)
}

export function runFold(dataDir: string, device: string): Promise<FoldResult> {
  const entry = workerEntry()
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
