import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { storeDataSchema } from '../../../../src/main/services/store/schema'
import { openUserStore } from '../../../../src/main/services/store/userStore'
import { makeTempDir, onDiskData, removeTempDirs } from './fixtures'

afterEach(removeTempDirs)
afterAll(() => rm(bundled, { recursive: true, force: true }))

const WRITER = join(import.meta.dirname, 'crashWriter.ts')
const PROJECT = join(import.meta.dirname, '../../../..')
/**
 * Kills. Fewer than the 200 one would like: each run costs an open of the data folder, whose
 * few flushes (backup, log) take a second or more on a loaded shared disk, and this test must
 * stay well under a couple of minutes there. The property it checks holds per kill.
 */
const RUNS = 30
/**
 * The writer and the fold worker, bundled once into plain JavaScript: a process then starts in
 * a few tens of milliseconds instead of seconds of TypeScript loading, so many kills fit.
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
    outdir: bundled,
    logLevel: 'error',
  })
  await writeFile(join(bundled, 'package.json'), '{"type": "module"}')
}, 60_000)

/** A run that prints no acknowledgement within this time has hung or failed. */
const RUN_TIMEOUT_MS = 15_000

interface Writer {
  /** Lets it write, kills it 30–300 ms after its first acknowledgement, and reports. */
  run(): Promise<{ acked: string[]; output: string }>
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
    async run() {
      let killTimer: NodeJS.Timeout | undefined
      const giveUp = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS)
      const killSoonAfterAck = () => {
        if (killTimer || !stdout.includes('ack ')) return
        killTimer = setTimeout(() => child.kill('SIGKILL'), 30 + Math.random() * 270)
      }
      child.stdout.on('data', killSoonAfterAck)
      killSoonAfterAck()
      child.stdin.end('go\n')
      const ended = await closed
      clearTimeout(giveUp)
      clearTimeout(killTimer)
      if (!killTimer || ended !== 'SIGKILL') {
        throw new Error(`writer ended (${String(ended)}) without being killed:\n${stderr}`)
      }
      // Only whole lines count: a line cut off by the kill was not acknowledged.
      const lines = stdout.split('\n').slice(0, -1)
      const acked = lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4))
      return { acked, output: stdout }
    },
  }
}

describe('a writer killed at random', () => {
  it(`never loses an acknowledged update, over ${RUNS} kills`, async () => {
    const dir = await makeTempDir()
    const acked = new Set<string>()
    let next = startWriter(dir)
    try {
      for (let run = 0; run < RUNS; run++) {
        const current = next
        next = startWriter(dir)
        const result = await current.run()
        // A kill in the middle of an append leaves an unfinished save, cut off and reported at
        // the next open; the snapshot itself is never damaged.
        for (const line of result.output.split('\n').filter((l) => l.startsWith('recovered'))) {
          expect(line).toMatch(/unfinished or damaged save/)
        }
        expect(result.acked.length).toBeGreaterThan(0)
        for (const id of result.acked) acked.add(id)

        const onDisk = await onDiskData(dir)
        expect(storeDataSchema.safeParse(onDisk).error).toBeUndefined()
        const ids = new Set(onDisk.bookmarks.map((b) => b.id))
        expect(ids.size).toBe(onDisk.bookmarks.length)
        const missing = [...acked].filter((id) => !ids.has(id))
        expect(missing, `run ${run}`).toEqual([])
      }
    } finally {
      next.discard()
    }

    // The last writer's lock and temporary files are cleared by the next open.
    const store = await openUserStore(dir)
    expect(store.data.bookmarks.length).toBeGreaterThanOrEqual(acked.size)
    await store.close()
    const leftovers = (await readdir(dir)).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))
    expect(leftovers).toEqual([])
    const again = await openUserStore(dir)
    expect(again.recovery).toBeNull()
    await again.close()
  }, 180_000)
})
