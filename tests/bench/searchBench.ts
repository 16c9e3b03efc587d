/** Runs one engine over a corpus and its queries: relevance, latency, build time, memory. */
import { performance } from 'node:perf_hooks'
import type { BenchDocument, BenchQuery } from './cranfield'
import type { Engine } from './engines'
import { averagePrecision, ndcg, percentile, precisionAt, recallAt } from './metrics'

export interface EngineFigures {
  map: number
  ndcg10: number
  p10: number
  recall100: number
  /** How many queries were timed. */
  timed: number
  p50ms: number
  p99ms: number
  /** The same in CPU time of the process (user + system): fairer on a shared machine. */
  p99cpums: number
  buildms: number
  buildcpums: number
  heapmb: number
}

const cpuMs = (used: NodeJS.CpuUsage): number => (used.user + used.system) / 1000

const gc = (): void => (globalThis as { gc?: () => void }).gc?.()

/** Heap and off-heap (WebAssembly memory, buffers) in use, after a collection. */
function memoryInUse(): number {
  gc()
  gc()
  const m = process.memoryUsage()
  return m.heapUsed + m.external
}

export interface RunOptions {
  /** Maps a result id to the judged document it stands for (replicas → original). */
  judgedId?: (id: number) => number
  /** Type-ahead queries instead of whole questions. */
  typeahead?: boolean
  /** Timed passes over the queries (after the relevance pass, which warms up). */
  passes?: number
  /** The engine is built already (type-ahead on the index of the run before). */
  reuseIndex?: boolean
  /** Stop timing after this long (at least 50 queries are timed): slow peers at scale. */
  maxSeconds?: number
}

export function runEngine(
  engine: Engine,
  documents: BenchDocument[],
  queries: BenchQuery[],
  options: RunOptions = {},
): EngineFigures {
  let buildms = 0
  let buildcpums = 0
  let heapmb = 0
  if (!options.reuseIndex) {
    const before = memoryInUse()
    const start = performance.now()
    const cpu = process.cpuUsage()
    engine.build(documents)
    buildms = performance.now() - start
    buildcpums = cpuMs(process.cpuUsage(cpu))
    heapmb = (memoryInUse() - before) / 2 ** 20
  }

  const ask = (text: string): number[] =>
    options.typeahead && engine.typeahead ? engine.typeahead(text, 100) : engine.search(text, 100)
  // Relevance only where each result is a judged document: replicas would crowd the top 100.
  const judge = !options.typeahead && !options.judgedId
  const rankings = judge ? queries.map((q) => ask(q.text)) : []
  // An untimed warm-up pass (at most 10 s) for every engine, after the relevance pass where
  // there is one, so that compilation is over before timing starts.
  const warm = performance.now() + 10_000
  for (const q of queries) if (ask(q.text) && performance.now() > warm) break
  const times: number[] = []
  const cpuTimes: number[] = []
  const deadline = performance.now() + (options.maxSeconds ?? 30) * 1000
  timing: for (let pass = 0; pass < (options.passes ?? 1); pass++) {
    for (const q of queries) {
      const t0 = performance.now()
      const cpu = process.cpuUsage()
      ask(q.text)
      cpuTimes.push(cpuMs(process.cpuUsage(cpu)))
      times.push(performance.now() - t0)
      if (times.length >= 50 && t0 > deadline) break timing
    }
  }

  const mean = (f: (ranking: number[], q: BenchQuery) => number): number =>
    judge
      ? queries.reduce((s, q, i) => s + f(rankings[i] as number[], q), 0) / queries.length
      : Number.NaN
  return {
    map: mean((r, q) => averagePrecision(r, q, 100)),
    ndcg10: mean((r, q) => ndcg(r, q, 10)),
    p10: mean((r, q) => precisionAt(r, q, 10)),
    recall100: mean((r, q) => recallAt(r, q, 100)),
    timed: times.length,
    p50ms: percentile(times, 50),
    p99ms: percentile(times, 99),
    p99cpums: percentile(cpuTimes, 99),
    buildms,
    buildcpums,
    heapmb,
  }
}
