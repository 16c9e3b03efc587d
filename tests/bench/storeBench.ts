/**
 * The user store at 0, 10 000 and 100 000 bookmarks: a bookmark save as the app makes it
 * (acknowledged once its log record is datasynced), opening the folder, and merging 10 000
 * changes another computer made. `npm run bench -- --json --only store` prints just this.
 */
import { randomUUID } from 'node:crypto'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openLectern } from '../../src/main/lectern'
import {
  emptyStoreData,
  openUserStore,
  type StoreData,
} from '../../src/main/services/store/userStore'
import { ROOT } from '../host/testHost'
import { percentile } from './metrics'

const SEEDS = join(ROOT, 'seeds')

export interface StoreFigures {
  sizes: {
    bookmarks: number
    /** Wall time of `addBookmark` through the app's handler, acknowledged once durable. */
    saveP50ms: number
    saveP99ms: number
    /** CPU time of the same saves (user + system), per save: fairer on a shared machine. */
    saveCpuMs: number
    openms: number
    snapshotmb: number
  }[]
  /** Merging 10 000 changes from another computer's log into a store of 10 000 bookmarks. */
  merge10kms: number
  note: string
}

const temp = (name: string): Promise<string> =>
  mkdtemp(join(tmpdir(), `lectern-bench-store-${name}-`))

function bookmark(articleId: string, i: number): StoreData['bookmarks'][number] {
  const at = new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString()
  return {
    id: randomUUID(),
    type: 'bookmark',
    articleId,
    color: 'yellow',
    tags: i % 3 ? [] : ['history'],
    note: 'A note with *emphasis*, a [link](https://example.org) and #tags.',
    anchor: {
      quote: {
        exact: 'Vladimir Putin and Benjamin Netanyahu met',
        prefix: 'In Moscow, ',
        suffix: ' to talk',
      },
      position: { paragraph: 2, start: 0, end: 40 },
      textHash: 'a'.repeat(64),
    },
    created: at,
    modified: at,
  }
}

/** A data folder with `count` bookmarks, folded into a snapshot (as after a clean quit). */
async function folderWith(
  count: number,
  articleId: string,
): Promise<{ dataDir: string; stateDir: string }> {
  const dataDir = await temp(`n${count}`)
  const stateDir = await temp('state')
  const data = {
    ...emptyStoreData(),
    version: 3,
    bookmarks: Array.from({ length: count }, (_, i) => bookmark(articleId, i)),
  }
  await writeFile(join(dataDir, 'lectern.json'), JSON.stringify(data))
  // The first open migrates it (version 3) into a snapshot with clocks.
  const store = await openUserStore(dataDir, { stateDir })
  await store.close()
  return { dataDir, stateDir }
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const out = await work()
  return [out, performance.now() - start]
}

export async function storeBench(
  counts: number[] = [0, 10_000, 100_000],
  saves = 1000,
  log: (line: string) => void = () => {},
): Promise<StoreFigures> {
  const probe = await temp('probe')
  const seeds = await openLectern({
    seedsDir: SEEDS,
    dataDir: probe,
    version: 'bench',
    stateDir: await temp('state'),
  })
  const articleId = seeds.library.list()[0]?.id as string
  await seeds.close()
  await rm(probe, { recursive: true, force: true })

  const sizes: StoreFigures['sizes'] = []
  for (const count of counts) {
    log(`store: ${count} bookmarks…`)
    const { dataDir, stateDir } = await folderWith(count, articleId)
    const opens: number[] = []
    for (let i = 0; i < 3; i++) {
      const [store, ms] = await timed(() => openUserStore(dataDir, { stateDir }))
      opens.push(ms)
      await store.close()
    }
    const lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: 'bench', stateDir })
    const handler = lectern.handlers.addBookmark as (a: unknown) => Promise<unknown>
    // Saves are timed once the data just read has been moved out of the young generation: the
    // collector doing that right after opening (tens of ms, at 100 000) is the open's cost.
    ;(globalThis as { gc?: () => void }).gc?.()
    const times: number[] = []
    const cpu = process.cpuUsage()
    for (let i = 0; i < saves; i++) {
      const [, ms] = await timed(() =>
        handler({ articleId, position: { paragraph: 3, start: i % 50, end: (i % 50) + 30 } }),
      )
      times.push(ms)
    }
    const used = process.cpuUsage(cpu)
    await lectern.close()
    const { size } = await import('node:fs/promises').then((fs) =>
      fs.stat(join(dataDir, 'lectern.json')),
    )
    sizes.push({
      bookmarks: count,
      saveP50ms: percentile(times, 50),
      saveP99ms: percentile(times, 99),
      saveCpuMs: (used.user + used.system) / 1000 / saves,
      openms: percentile(opens, 50),
      snapshotmb: size / 2 ** 20,
    })
    await rm(dataDir, { recursive: true, force: true })
  }

  log('store: merging 10 000 changes from another computer…')
  const other = await folderWith(0, articleId)
  const theirs = await openUserStore(other.dataDir, { stateDir: other.stateDir })
  for (let i = 0; i < 10_000; i++) {
    const { tags, ...fields } = bookmark(articleId, i)
    void theirs.save([
      { t: 'put', e: `b:${fields.id}`, f: fields },
      { t: 'tags', e: `b:${fields.id}`, add: tags, rm: [] },
    ])
  }
  await theirs.close()
  const mine = await folderWith(10_000, articleId)
  const store = await openUserStore(mine.dataDir, { stateDir: mine.stateDir })
  await mkdir(join(mine.dataDir, 'journal'), { recursive: true })
  const theirLog = `${theirs.device}.jsonl`
  await copyFile(join(other.dataDir, 'journal', theirLog), join(mine.dataDir, 'journal', theirLog))
  const [merged, merge10kms] = await timed(() => store.refresh())
  if (merged < 10_000) throw new Error(`merged ${merged} records, expected 10 000 or more`)
  await store.close()
  return {
    sizes,
    merge10kms,
    note: 'Saves are acknowledged after fdatasync of the log. On macOS, Node flushes with fsync, which leaves the drive cache unflushed; a full flush (F_FULLFSYNC) would add the drive cache flush, typically several to tens of ms per save on SSDs, not measured here.',
  }
}

export function storeReport(figures: StoreFigures): string {
  const rows = figures.sizes.map(
    (s) =>
      `| ${s.bookmarks.toLocaleString('en')} | ${s.saveP50ms.toFixed(2)} | ${s.saveP99ms.toFixed(2)} | ${s.saveCpuMs.toFixed(2)} | ${s.openms.toFixed(0)} | ${s.snapshotmb.toFixed(1)} |`,
  )
  return [
    '## Store',
    '',
    '| bookmarks | save p50 ms | save p99 ms | save CPU ms | open ms | snapshot MB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Merging 10 000 changes from another computer: ${figures.merge10kms.toFixed(0)} ms.`,
    '',
    figures.note,
  ].join('\n')
}
