/**
 * The crash test's writer, bundled by it into plain JavaScript and run as
 * `node crashWriter.js <dataDir>`. It loads its modules, then waits for one line on stdin:
 *
 * - `go timed`: open, then save changes until killed from outside (at a random moment);
 * - `go <point> <n>`: open, save changes, and kill itself with SIGKILL at the n-th append of
 *   the log, at `point`: `write` (before its bytes are written), `torn` (half of them written),
 *   `sync` (written, not yet flushed) or `acked` (flushed, the acknowledgement not yet printed);
 * - `go fold <step>`: open, save a few changes, then fold the logs into the snapshot (as the
 *   fold worker does) and kill itself at that step of the snapshot's atomic replacement.
 *
 * Opening the folder recovers from the previous kill; it first prints what it found:
 * `open {"recovery": <problem or null>, "seqs": [...], "bookmarks": n}`, per bookmark the
 * number of its latest change (see POOL). It then prints `ack <n>` once change n has resolved. Waiting for `go`
 * lets the test start the next process while the current one is still writing, so each kill
 * costs one process start and one open.
 */
import * as fsp from 'node:fs/promises'
import type { DurableFs } from '../../../../src/main/services/store/durableFile'
import { foldFolder } from '../../../../src/main/services/store/journal/fold'
import { nodeLogFs, type LogFs } from '../../../../src/main/services/store/journal/logFile'
import { openUserStore, type Op } from '../../../../src/main/services/store/userStore'
import { makeBookmark } from './fixtures'

async function main(): Promise<void> {
  const dataDir = process.argv[2]
  if (!dataDir) throw new Error('usage: crashWriter.js <dataDir>')

  let input = ''
  for await (const chunk of process.stdin.setEncoding('utf8')) {
    input += String(chunk)
    if (input.includes('\n')) break
  }
  const [go, point = 'timed', at = '0'] = input.trim().split(/\s+/)
  if (go !== 'go') process.exit(0)
  const nth = Number(at)

  const die = (): never => {
    process.kill(process.pid, 'SIGKILL')
    throw new Error('not killed')
  }

  /** The log's file operations, killing this process at the chosen point of the n-th append. */
  const logFs: LogFs = {
    async open(path, flags) {
      const handle = await nodeLogFs.open(path, flags)
      let appends = 0
      let written = false
      return {
        async write(buffer, offset, length, position) {
          if (!written) appends++
          written = true
          if (appends === nth && point === 'write') die()
          if (appends === nth && point === 'torn') {
            await handle.write(buffer, offset, Math.ceil(length / 2), position)
            die()
          }
          return handle.write(buffer, offset, length, position)
        },
        async datasync() {
          if (appends === nth && point === 'sync') die()
          await handle.datasync()
          written = false
          if (appends === nth && point === 'acked') die()
        },
        truncate: (length) => handle.truncate(length),
        close: () => handle.close(),
      }
    },
  }

  /**
   * A fold's file operations, killing this process at step `nth` of replacing the snapshot:
   * 0 before the temporary file exists, 1 half written, 2 written but not flushed, 3 flushed but
   * not renamed, 4 renamed, 5 before the folder is opened to be flushed, 6 before it is flushed.
   */
  function foldFs(): DurableFs {
    let step = 0
    const next = async (): Promise<void> => {
      if (step++ === nth) die()
      // Lets a kill land between the operations, not only in them.
      await new Promise((resolve) => setImmediate(resolve))
    }
    return {
      open: (async (path: string, flags: string) => {
        await next()
        const handle = await fsp.open(path, flags)
        return {
          async writeFile(content: string | Uint8Array) {
            const bytes = typeof content === 'string' ? Buffer.from(content) : content
            const half = Math.ceil(bytes.length / 2)
            await handle.write(bytes, 0, half, 0)
            await next()
            await handle.write(bytes, half, bytes.length - half, half)
          },
          async sync() {
            await next()
            await handle.sync()
          },
          close: () => handle.close(),
        }
      }) as unknown as DurableFs['open'],
      rename: async (from, to) => {
        await next()
        await fsp.rename(from, to)
        await next()
      },
      unlink: fsp.unlink,
    }
  }

  /**
   * The changes go round a few bookmarks, so that the data (and each open) stays small over
   * hundreds of kills: change n sets bookmark `bm-<n mod POOL>`'s colour and its `modified` to
   * BASE + n seconds, from which the number is read back. A bookmark's first change creates it.
   */
  const POOL = 24
  const BASE = Date.UTC(2024, 0, 1)
  const COLORS = ['yellow', 'red', 'blue', 'green'] as const
  const seqOf = (iso: string): number => (Date.parse(iso) - BASE) / 1000

  const store = await openUserStore(dataDir, {
    logFs,
    // Folds on the worker every few kilobytes, so that timed kills also land in folds.
    foldAfterBytes: 65_536,
  })

  // What the previous kill left: per bookmark, the number of its latest change.
  const seqs: number[] = Array.from({ length: POOL }, () => -1)
  for (const b of store.data.bookmarks) seqs[Number(b.id.slice(3))] = seqOf(b.modified)
  const report = {
    recovery: store.recovery?.problem ?? null,
    seqs,
    bookmarks: store.data.bookmarks.length,
  }
  process.stdout.write(`open ${JSON.stringify(report)}\n`)

  let next = Math.max(...seqs) + 1
  for (let round = 0; ; round++) {
    if (point === 'fold' && round === 2) await foldFolder(dataDir, store.device, foldFs())
    // Three at once, so some writes carry several changes.
    const batch = [next, next + 1, next + 2].map((seq) => {
      const i = seq % POOL
      const e = `b:bm-${i}`
      const modified = new Date(BASE + seq * 1000).toISOString()
      const color = COLORS[seq % COLORS.length] ?? 'yellow'
      let ops: Op[] = [{ t: 'put', e, f: { modified, color } }]
      if (!store.data.bookmarks.some((b) => b.id === `bm-${i}`)) {
        const { tags, ...fields } = makeBookmark(i, { modified, color })
        ops = [
          { t: 'put', e, f: fields },
          { t: 'tags', e, add: tags, rm: [] },
        ]
      }
      return store.save(ops).then(() => process.stdout.write(`ack ${seq}\n`))
    })
    next += batch.length
    await Promise.all(batch)
  }
}

void main()
