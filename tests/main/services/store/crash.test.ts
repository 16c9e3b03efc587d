import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { storeDataSchema } from '../../../../src/main/services/store/schema'
import { openUserStore } from '../../../../src/main/services/store/userStore'
import { makeTempDir, removeTempDirs } from './fixtures'

afterEach(removeTempDirs)

const WRITER = join(import.meta.dirname, 'crashWriter.ts')
const PROJECT = join(import.meta.dirname, '../../../..')
const RUNS = 50
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
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], {
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
    const path = join(dir, 'lectern.json')
    const acked = new Set<string>()
    let next = startWriter(dir)
    try {
      for (let run = 0; run < RUNS; run++) {
        const current = next
        next = startWriter(dir)
        const result = await current.run()
        expect(result.output).not.toContain('recovered')
        expect(result.acked.length).toBeGreaterThan(0)
        for (const id of result.acked) acked.add(id)

        const parsed = storeDataSchema.safeParse(JSON.parse(await readFile(path, 'utf8')))
        expect(parsed.error).toBeUndefined()
        const ids = new Set(parsed.data?.bookmarks.map((b) => b.id))
        expect(ids.size).toBe(parsed.data?.bookmarks.length)
        const missing = [...acked].filter((id) => !ids.has(id))
        expect(missing, `run ${run}`).toEqual([])
      }
    } finally {
      next.discard()
    }

    // The last writer's lock and temporary files are cleared by the next open.
    const store = await openUserStore(dir)
    expect(store.recovery).toBeNull()
    expect(store.data.bookmarks.length).toBeGreaterThanOrEqual(acked.size)
    await store.close()
    const leftovers = (await readdir(dir)).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))
    expect(leftovers).toEqual([])
  }, 120_000)
})
