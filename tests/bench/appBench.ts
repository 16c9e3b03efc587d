/**
 * The app's own hot paths, through the same services the app runs: start-up, a large
 * library's index, durable bookmark saves, Markdown export, and a long article's first paint.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { chromium, type Page } from '@playwright/test'
import { openLectern, type Lectern } from '../../src/main/lectern'
import { SearchIndex } from '../../src/main/services/search/searchIndex'
import { decodeSnapshot, encodeSnapshot } from '../../src/main/services/search/snapshotCodec'
import { DATA_FILE } from '../../src/main/services/store/userStore'
import { ROOT, startTestHost } from '../host/testHost'
import type { BenchDocument } from './cranfield'
import { percentile } from './metrics'

export interface AppFigures {
  /** Opening the services and answering a first search over the seeds, cold. */
  startupms: number
  /** Indexing ~10k articles from scratch, and loading the same index from its snapshot. */
  index10k: { articles: number; rebuildms: number; loadms: number; snapshotmb: number }
  /** Adding one bookmark, acknowledged once on disk, with this many already saved. */
  save: { bookmarks: number; p50ms: number; filemb: number }[]
  /** Writing an article's 10k bookmarks as Markdown. */
  export10kms: number
  /** From choosing a 50k-word article to its text painted in Chromium. */
  firstPaint50kms: number | null
}

const SEEDS = join(ROOT, 'seeds')

async function tempDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `lectern-bench-${name}-`))
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const out = await work()
  return [out, performance.now() - start]
}

async function call<T>(lectern: Lectern, name: string, args: unknown): Promise<T> {
  const handler = (lectern.handlers as Record<string, (a: unknown) => Promise<unknown>>)[name]
  if (!handler) throw new Error(`no handler ${name}`)
  return (await handler(args)) as T
}

/** Must run first in the process: the parsers' first use is part of a real start-up. */
export async function startup(): Promise<number> {
  const dataDir = await tempDir('startup')
  const [lectern, ms] = await timed(async () => {
    const l = await openLectern({ seedsDir: SEEDS, dataDir, version: 'bench' })
    await call(l, 'search', { query: 'russia' })
    return l
  })
  await lectern.close()
  await rm(dataDir, { recursive: true, force: true })
  return ms
}

export function index10k(documents: BenchDocument[]): AppFigures['index10k'] {
  const articles = documents.map((d) => ({
    id: String(d.id),
    title: d.title,
    paragraphs: [d.text],
  }))
  const [rebuilt, rebuildms] = timedSync(() => {
    const index = new SearchIndex()
    for (const a of articles) index.addArticle(a)
    index.rank('warm', 1)
    return index
  })
  const snapshot = encodeSnapshot(rebuilt.toSnapshot(), null)
  const byId = new Map(articles.map((a) => [a.id, a]))
  const [, loadms] = timedSync(() => {
    const { snapshot: decoded } = decodeSnapshot(snapshot)
    const index = SearchIndex.fromSnapshot(decoded, (articleId, paragraph) => {
      return byId.get(articleId)?.paragraphs[paragraph]
    })
    index.rank('warm', 1)
    return index
  })
  return { articles: articles.length, rebuildms, loadms, snapshotmb: snapshot.length / 2 ** 20 }
}

function timedSync<T>(work: () => T): [T, number] {
  const start = performance.now()
  const out = work()
  return [out, performance.now() - start]
}

interface StoreFile {
  bookmarks: { id: string }[]
}

/** A data folder holding `count` copies of one real bookmark (each with its own id). */
async function dataWithBookmarks(count: number): Promise<string> {
  const dataDir = await tempDir('save')
  const lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: 'bench' })
  const articleId = lectern.library.list()[0]?.id as string
  await call(lectern, 'addBookmark', {
    articleId,
    position: { paragraph: 2, start: 0, end: 40 },
    note: 'A note with *emphasis*, a [link](https://example.org) and #tags.',
  })
  await lectern.close()
  const file = join(dataDir, DATA_FILE)
  const data = JSON.parse(await readFile(file, 'utf8')) as StoreFile
  const [one] = data.bookmarks
  data.bookmarks = Array.from({ length: count }, () => ({ ...one, id: randomUUID() }))
  await writeFile(file, JSON.stringify(data))
  return dataDir
}

export async function saves(counts: number[], repeat = 7): Promise<AppFigures['save']> {
  const out: AppFigures['save'] = []
  for (const count of counts) {
    const dataDir = await dataWithBookmarks(count)
    const lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: 'bench' })
    const articleId = lectern.library.list()[0]?.id as string
    const times: number[] = []
    for (let i = 0; i < repeat; i++) {
      const [, ms] = await timed(() =>
        call(lectern, 'addBookmark', {
          articleId,
          position: { paragraph: 3, start: i, end: i + 30 },
        }),
      )
      times.push(ms)
    }
    const size = (await readFile(join(dataDir, DATA_FILE))).length
    await lectern.close()
    await rm(dataDir, { recursive: true, force: true })
    out.push({ bookmarks: count, p50ms: percentile(times, 50), filemb: size / 2 ** 20 })
  }
  return out
}

export async function export10k(): Promise<number> {
  const dataDir = await dataWithBookmarks(10_000)
  const lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: 'bench' })
  const articleId = lectern.library.list()[0]?.id as string
  const out = join(dataDir, 'export.md')
  const [, ms] = await timed(() => lectern.exporter.exportArticle(articleId, out))
  await lectern.close()
  await rm(dataDir, { recursive: true, force: true })
  return ms
}

/** A seeds folder with one article of `words` words made of Cranfield abstracts. */
async function longArticleSeeds(documents: BenchDocument[], words: number): Promise<string> {
  const dir = await tempDir('seeds')
  const paragraphs: string[] = []
  let count = 0
  for (let i = 0; count < words; i++) {
    const text = (documents[i % documents.length] as BenchDocument).text
    if (!text) continue
    paragraphs.push(text)
    count += text.split(/\s+/).length
  }
  await mkdir(dir, { recursive: true })
  await writeFile(
    join(dir, '000_long.txt'),
    `A very long article\n\n\n${paragraphs.join('\n\n')}\n`,
  )
  await cp(join(SEEDS), dir, { recursive: true })
  return dir
}

/** Null, with the reason printed, when no Chromium is installed or the renderer is not built. */
export async function firstPaint(documents: BenchDocument[]): Promise<number | null> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    process.stderr.write('first paint skipped: the renderer is not built (run `npm run build`)\n')
    return null
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  const browser = await chromium
    .launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    })
    .catch(() => null)
  if (!browser) {
    process.stderr.write(`first paint skipped: no Chromium at ${executablePath}\n`)
    return null
  }
  const seedsDir = await longArticleSeeds(documents, 50_000)
  const host = await startTestHost({ seedsDir })
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(host.url)
    const item = page.getByRole('link', { name: /A very long article/ }).first()
    const fallback = page.getByText('A very long article').first()
    const target = (await item.count()) ? item : fallback
    await target.waitFor()
    const times: number[] = []
    for (let i = 0; i < 3; i++) {
      // Away to another article, then back: each time a full render of the long one.
      await page.keyboard.press('j')
      await page.waitForTimeout(200)
      const start = performance.now()
      await target.click()
      await page.getByText('wing in a slipstream').first().waitFor()
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      )
      times.push(performance.now() - start)
    }
    return percentile(times, 50)
  } finally {
    await host.close()
    await browser.close()
    await rm(seedsDir, { recursive: true, force: true })
  }
}
