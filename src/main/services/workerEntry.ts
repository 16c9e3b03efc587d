/**
 * Where a worker thread's script is. In the app and the CLI it is a bundle of its own beside
 * the running one (electron.vite.config.ts names them); when Lectern runs from source (tests,
 * the benchmark) it is the TypeScript module, loaded through tsx.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export interface WorkerEntry {
  /** A file to run, or, with `eval`, code to run. */
  file: string
  eval: boolean
}

/**
 * @param caller The asking module's `import.meta.url`.
 * @param source The worker's TypeScript module, relative to the asking module's folder.
 * @param built The worker's bundle, e.g. `searchWorker.js`.
 */
export function workerEntry(caller: string, source: string, built: string): WorkerEntry {
  const here = fileURLToPath(caller)
  if (here.endsWith('.ts')) {
    const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
    const tsx = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href
    const worker = pathToFileURL(join(dirname(here), source)).href
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}) })`
    return { file: boot, eval: true }
  }
  // A bundle may sit in a chunks folder below the entries.
  for (let dir = dirname(here), i = 0; i < 3; dir = dirname(dir), i++) {
    const file = join(dir, built)
    if (existsSync(file)) return { file, eval: false }
  }
  throw new Error(`the worker ${built} was not found near ${here}`)
}
