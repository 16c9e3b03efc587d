import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openUserStore } from '../../../../src/main/services/store/userStore'
import { makeTempDir, removeTempDirs } from './fixtures'

afterEach(removeTempDirs)
afterAll(() => rm(bundled, { recursive: true, force: true }))

const WRITER = join(import.meta.dirname, 'crashWriter.ts')
const PROJECT = join(import.meta.dirname, '../../../..')
const KILLS = 200
/** How many bookmarks the writer's changes go round, as in crashWriter.ts. */
const POOL = 24
const BASE = Date.UTC(2024, 0, 1)
/**
 * The writer and the fold worker, bundled once into plain JavaScript run by `node`: a writer
 * then starts in about a quarter of a second of CPU (most of it Node's own start-up) instead of
 * the extra few hundred milliseconds tsx takes, so each kill costs little more than one process
 * start and one open of the folder (which is where recovery from the previous kill happens).
 */
let bundled = ''
beforeAll(async () => {
  bundled = await mkdtemp(join(tmpdir(), 'lectern-crash-writer-'))
  await build({
    entryPoints: {
      crashWriter: WRITER,
      foldWorker: join(PROJECT, 'src/main/services/store/journal/foldWorker.ts'),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    outdir: bundled,
    logLevel: 'error',
  })
  await writeFile(join(bundled, 'package.json'), '{"type": "module"}')
}, 60_000)

/** A writer that is neither killed nor killing itself within this time has hung or failed. */
const RUN_TIMEOUT_MS = 15_000

/** Where a writer dies: see crashWriter.ts. */
type Plan =
  | { point: 'timed'; fromOpen: boolean; ms: number }
  | { point: 'write' | 'torn' | 'sync' | 'acked'; append: number }
  | { point: 'fold'; step: number }

/** A small seeded generator, so that a failing sequence of kills can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function planOf(next: () => number): Plan {
  const pick = next()
  const int = (n: number) => Math.floor(next() * n)
  // Half at a random moment from outside: mostly while it saves (and folds on its worker),
  // some while it opens and recovers from the previous kill.
  if (pick < 0.4) return { point: 'timed', fromOpen: true, ms: next() * 40 }
  if (pick < 0.5) return { point: 'timed', fromOpen: false, ms: next() * 60 }
  // The rest at each point of the write path and of a fold.
  if (pick < 0.85) {
    const points = ['write', 'torn', 'sync', 'acked'] as const
    return { point: points[int(points.length)] ?? 'write', append: 1 + int(5) }
  }
  return { point: 'fold', step: int(7) }
}

interface OpenReport {
  recovery: string | null
  /** Per bookmark, the number of its latest change; -1 for none. */
  seqs: number[]
  bookmarks: number
}

interface Run {
  /** What the writer found when it opened the folder, if it got that far. */
  opened: OpenReport | null
  acked: string[]
}

interface Writer {
  run(plan: Plan): Promise<Run>
  /** Ends a writer that was never run. */
  discard(): void
}

/** Starts a writer process, which loads its modules and then waits to be told to go. */
function startWriter(dataDir: string): Writer {
  const child = spawn(process.execPath, [join(bundled, 'crashWriter.js'), dataDir], {
    cwd: PROJECT,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const closed = new Promise<NodeJS.Signals | number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolve(signal ?? code))
  })

  return {
    discard: () => child.stdin.end(),
    async run(plan) {
      let killTimer: NodeJS.Timeout | undefined
      const kill = () => child.kill('SIGKILL')
      let hung = false
      const giveUp = setTimeout(() => {
        hung = true
        kill()
      }, RUN_TIMEOUT_MS)
      if (plan.point === 'timed') {
        const armAfterOpen = () => {
          if (killTimer || !stdout.includes('open ')) return
          killTimer = setTimeout(kill, plan.ms)
        }
        if (plan.fromOpen) child.stdout.on('data', armAfterOpen)
        else killTimer = setTimeout(kill, plan.ms)
        child.stdin.end('go timed\n')
      } else {
        const at = plan.point === 'fold' ? plan.step : plan.append
        child.stdin.end(`go ${plan.point} ${at}\n`)
      }
      const ended = await closed
      clearTimeout(giveUp)
      clearTimeout(killTimer)
      if (ended !== 'SIGKILL' || hung || (plan.point === 'timed' && !killTimer)) {
        throw new Error(`writer ended (${String(ended)}) without being killed:\n${stderr}`)
      }
      // Only whole lines count: a line cut off by the kill was not acknowledged.
      const lines = stdout.split('\n').slice(0, -1)
      const open = lines.find((l) => l.startsWith('open '))
      return {
        opened: open ? (JSON.parse(open.slice(5)) as OpenReport) : null,
        acked: lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)),
      }
    },
  }
}

/**
 * Kills a writer `kills` times in one folder, each next writer checking on opening it that
 * every acknowledged change survived; then opens the folder itself and checks it opens clean.
 */
async function killRepeatedly(kills: number, seed: number): Promise<Record<string, number>> {
  const next = random(seed)
  const dir = await makeTempDir()
  /** Per bookmark, the latest acknowledged change: it, or a later one, must be there. */
  const acked: number[] = Array.from({ length: POOL }, () => -1)
  const counts: Record<string, number> = { acks: 0 }
  let writer = startWriter(dir)
  try {
    for (let kill = 0; kill < kills; kill++) {
      const plan = planOf(next)
      const current = writer
      writer = startWriter(dir)
      const run = await current.run(plan)
      const where = `kill ${kill} (${JSON.stringify(plan)}, LECTERN_CRASH_SEED=${seed})`
      counts[plan.point] = (counts[plan.point] ?? 0) + 1
      if (run.opened) {
        // What the previous kill left opens as valid data holding every acknowledged save;
        // at worst the unfinished last save is cut off and reported, never the snapshot.
        const { recovery, seqs, bookmarks } = run.opened
        if (recovery !== null) expect(recovery, where).toMatch(/unfinished or damaged save/)
        const how = recovery === null ? 'opened clean' : 'opened cut'
        counts[how] = (counts[how] ?? 0) + 1
        expect(bookmarks, where).toBe(seqs.filter((n) => n >= 0).length)
        const lost = acked.flatMap((n, i) => ((seqs[i] ?? -1) < n ? [{ bookmark: i, n }] : []))
        expect(lost, where).toEqual([])
      }
      for (const n of run.acked.map(Number)) {
        counts.acks = (counts.acks ?? 0) + 1
        acked[n % POOL] = Math.max(acked[n % POOL] as number, n)
      }
    }
  } finally {
    writer.discard()
  }

  // The last kill's lock and temporary files are cleared by the next open.
  const store = await openUserStore(dir)
  const seqs = Array.from({ length: POOL }, () => -1)
  for (const b of store.data.bookmarks) {
    seqs[Number(b.id.slice(3))] = (Date.parse(b.modified) - BASE) / 1000
  }
  expect(store.data.bookmarks.length).toBe(POOL)
  expect(acked.flatMap((n, i) => ((seqs[i] as number) < n ? [i] : []))).toEqual([])
  await store.close()
  const leftovers = (await readdir(dir)).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))
  expect(leftovers).toEqual([])
  const again = await openUserStore(dir)
  expect(again.recovery).toBeNull()
  await again.close()
  return counts
}

describe('a writer killed at random', () => {
  it(`never loses an acknowledged update, over ${KILLS} kills`, async () => {
    const seed = Number(process.env.LECTERN_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31))
    // Two folders at once, one writer running in each (and the next one starting): both cores.
    const chains = await Promise.all([
      killRepeatedly(KILLS / 2, seed),
      killRepeatedly(KILLS / 2, seed + 1),
    ])
    const counts: Record<string, number> = {}
    for (const chain of chains) {
      for (const [what, n] of Object.entries(chain)) counts[what] = (counts[what] ?? 0) + n
    }
    // Every point was hit; most kills came after the writer had opened the folder and reported.
    for (const point of ['acked', 'fold', 'sync', 'timed', 'torn', 'write']) {
      expect(counts[point], point).toBeGreaterThan(0)
    }
    expect((counts['opened clean'] ?? 0) + (counts['opened cut'] ?? 0)).toBeGreaterThan(KILLS / 2)
    expect(counts.acks).toBeGreaterThan(KILLS)
  }, 300_000)
})
