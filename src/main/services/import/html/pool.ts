/**
 * Runs HTML extraction off the main thread, in a worker with a memory ceiling and a time
 * limit per page. A page that runs over either is answered with a clear error and its worker
 * is replaced; workers are also replaced every few hundred pages so memory stays flat over a
 * bulk import whatever a page leaves behind.
 */
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { workerEntry } from '../../workerEntry'
import { ImportError, type ExtractedArticle } from '../types'
import type { HtmlJob, HtmlReply } from './worker'

export interface PoolOptions {
  /** Per page, in milliseconds. */
  timeoutMs?: number
  /** Heap ceiling of a worker, in megabytes. */
  memoryMb?: number
  /** Pages a worker reads before it is replaced. */
  recycleAfter?: number
}

interface Pending {
  job: HtmlJob
  resolve: (a: ExtractedArticle) => void
  reject: (e: Error) => void
}

/** Which worker a pool runs: its source (beside this file's folder) and its built bundle. */
export interface WorkerScript {
  /** Relative to the import folder, e.g. `html/worker.ts`. */
  source: string
  /** The bundle's file name next to the app's, e.g. `importWorker.js`. */
  built: string
}

export const HTML_WORKER: WorkerScript = { source: 'html/worker.ts', built: 'importWorker.js' }

/** The script's source is beside this file's folder. */
const workerScript = (script: WorkerScript) =>
  workerEntry(import.meta.url, join('..', script.source), script.built)

export class HtmlWorkerPool {
  private worker: Worker | undefined
  private current: Pending | undefined
  private timer: NodeJS.Timeout | undefined
  private readonly queue: Pending[] = []
  private served = 0
  /** Whether the current worker has loaded and can be timed. */
  private ready = false
  private nextId = 1
  private readonly timeoutMs: number
  private readonly memoryMb: number
  private readonly recycleAfter: number

  constructor(
    options: PoolOptions = {},
    private readonly script: WorkerScript = HTML_WORKER,
  ) {
    this.timeoutMs = options.timeoutMs ?? 20_000
    this.memoryMb = options.memoryMb ?? 768
    this.recycleAfter = options.recycleAfter ?? 200
  }

  extract(
    bytes: Uint8Array,
    path?: string,
    url?: string,
    resources?: string[],
    format: HtmlJob['format'] = 'html',
  ): Promise<ExtractedArticle> {
    return new Promise((resolve, reject) => {
      const job: HtmlJob = {
        id: this.nextId++,
        format,
        bytes,
        ...(path ? { path } : {}),
        ...(url ? { url } : {}),
        ...(resources ? { resources } : {}),
      }
      this.queue.push({ job, resolve, reject })
      this.pump()
    })
  }

  /** Stops the worker; pages still queued are refused. */
  async close(): Promise<void> {
    for (const p of this.queue.splice(0)) p.reject(new Error('the import was stopped'))
    this.current?.reject(new Error('the import was stopped'))
    this.current = undefined
    clearTimeout(this.timer)
    const w = this.worker
    this.worker = undefined
    if (w) await w.terminate()
  }

  private spawn(): Worker {
    const { file, eval: isCode } = workerScript(this.script)
    const worker = new Worker(file, {
      eval: isCode,
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb },
    })
    worker.on('message', (reply: HtmlReply | { ready: true }) => {
      if ('ready' in reply) {
        this.ready = true
        if (this.current && worker === this.worker) this.startTimer(worker, this.timeoutMs)
      } else this.settle(worker, reply)
    })
    worker.on('error', (err) => {
      const oom = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
      this.fail(
        worker,
        oom
          ? new ImportError(
              `too large: reading it needs more than ${this.memoryMb} MB`,
              'too-large',
            )
          : new ImportError(`unreadable: ${err.message}`, 'unreadable'),
      )
    })
    worker.on('exit', () => {
      if (this.worker === worker)
        this.fail(worker, new ImportError('unreadable: the reader stopped', 'unreadable'))
    })
    worker.unref()
    this.served = 0
    this.ready = false
    return worker
  }

  private pump(): void {
    if (this.current || !this.queue.length) return
    if (this.worker && this.served >= this.recycleAfter) {
      void this.worker.terminate()
      this.worker = undefined
    }
    this.worker ??= this.spawn()
    const pending = this.queue.shift() as Pending
    this.current = pending
    this.served++
    const worker = this.worker
    // Until the worker has loaded, a minute more is allowed for its start-up.
    this.startTimer(worker, this.ready ? this.timeoutMs : this.timeoutMs + 60_000)
    worker.postMessage(pending.job)
  }

  private startTimer(worker: Worker, ms: number): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(
      () =>
        this.fail(
          worker,
          new ImportError(`timeout: reading it took over ${this.timeoutMs / 1000} s`, 'timeout'),
        ),
      ms,
    )
  }

  private settle(worker: Worker, reply: HtmlReply): void {
    const pending = this.current
    if (worker !== this.worker || !pending || pending.job.id !== reply.id) return
    clearTimeout(this.timer)
    this.current = undefined
    if (reply.ok) pending.resolve(reply.article)
    else
      pending.reject(
        new ImportError(reply.message, reply.reason === 'internal' ? 'unreadable' : reply.reason),
      )
    this.pump()
  }

  /** Fails the page in hand and replaces the worker that was reading it. */
  private fail(worker: Worker, error: Error): void {
    if (worker !== this.worker) return
    clearTimeout(this.timer)
    this.worker = undefined
    void worker.terminate()
    const pending = this.current
    this.current = undefined
    pending?.reject(error)
    this.pump()
  }
}
