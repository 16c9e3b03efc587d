/**
 * The import section's EPUB figures: every book of `../shared/bench/epub/`, read in process
 * (a warm reader, as the import worker is after its first book): wall and CPU time, what was
 * made of it, and word F1 of its text against the book's own XHTML.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { extractEpub } from '../../src/main/services/import/epub/extractEpub'
import { blocksToText } from '../../src/main/services/import/types'
import { bookWords, wordF1 } from './epubTruth'

export const EPUB_BENCH = join(import.meta.dirname, '..', '..', '..', 'shared', 'bench', 'epub')

export interface EpubFigures {
  book: string
  /** Median of three reads. */
  wallms: number
  cpums: number
  paragraphs: number
  words: number
  outline: number
  sections: number
  pictures: number
  f1: number
}

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

export function epubBench(
  log: (s: string) => void = () => {},
): EpubFigures[] | { skipped: string } {
  if (!existsSync(EPUB_BENCH)) return { skipped: `no books at ${EPUB_BENCH}` }
  const files = readdirSync(EPUB_BENCH)
    .filter((f) => f.endsWith('.epub'))
    .sort()
  // One book first, so the figures are a warm reader's.
  if (files[0]) extractEpub(readFileSync(join(EPUB_BENCH, files[0])))
  return files.map((book) => {
    log(`epub: ${book}…`)
    const bytes = readFileSync(join(EPUB_BENCH, book))
    const walls: number[] = []
    const cpus: number[] = []
    let article = extractEpub(bytes)
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      article = extractEpub(bytes)
      const cpu = process.cpuUsage(c0)
      walls.push(performance.now() - t0)
      cpus.push((cpu.user + cpu.system) / 1000)
    }
    const text = blocksToText(article.blocks)
    const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
    return {
      book,
      wallms: Math.round(median(walls)),
      cpums: Math.round(median(cpus)),
      paragraphs: article.blocks.filter((b) => b.type !== 'image').length,
      words: words.length,
      outline: article.outline?.length ?? 0,
      sections: article.sections?.length ?? 0,
      pictures: article.files?.size ?? 0,
      f1: Math.round(wordF1(words, bookWords(join(EPUB_BENCH, book))) * 1000) / 1000,
    }
  })
}

/**
 * A whole import of moby-dick into a fresh library, as the app does it: read in the import
 * worker (warmed by one small book first), its pictures and article folder written durably.
 */
export async function mobyImportBench(): Promise<
  { wallms: number; cpums: number; paragraphs: number } | undefined
> {
  const moby = join(EPUB_BENCH, 'moby-dick.epub')
  if (!existsSync(moby)) return undefined
  const { mkdtemp, rm } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const { openLectern } = await import('../../src/main/lectern')
  const dataDir = await mkdtemp(join(tmpdir(), 'lectern-bench-epub-'))
  const lectern = await openLectern({
    seedsDir: join(import.meta.dirname, '..', '..', 'seeds'),
    dataDir,
    version: 'bench',
  })
  try {
    await lectern.importer().importFile(join(EPUB_BENCH, 'trees.epub'))
    const t0 = performance.now()
    const c0 = process.cpuUsage() // the whole process: the worker's threads too
    const result = await lectern.importer().importFile(moby)
    const wallms = Math.round(performance.now() - t0)
    const cpu = process.cpuUsage(c0)
    const cpums = Math.round((cpu.user + cpu.system) / 1000)
    if (result.status !== 'imported') throw new Error(`moby-dick: ${result.error ?? result.status}`)
    return {
      wallms,
      cpums,
      paragraphs: lectern.library.get(result.articleId as string).paragraphs.length,
    }
  } finally {
    await lectern.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

export function epubReport(
  r: EpubFigures[] | { skipped: string },
  moby?: { wallms: number; cpums: number; paragraphs: number },
): string {
  if ('skipped' in r) return `EPUB books: skipped (${r.skipped})`
  const rows = r.map(
    (b) =>
      `  ${b.book.padEnd(32)} ${String(b.wallms).padStart(6)} ${String(b.cpums).padStart(6)} ${String(b.paragraphs).padStart(6)} ${String(b.words).padStart(7)} ${String(b.outline).padStart(5)} ${String(b.sections).padStart(5)} ${String(b.pictures).padStart(4)} ${b.f1.toFixed(3).padStart(6)}`,
  )
  return [
    'EPUB books (../shared/bench/epub; median of 3 warm reads; F1 = words against the XHTML)',
    `  ${'book'.padEnd(32)} ${'wall ms'.padStart(6)} ${'cpu ms'.padStart(6)} ${'paras'.padStart(6)} ${'words'.padStart(7)} ${'toc'.padStart(5)} ${'parts'.padStart(5)} ${'pics'.padStart(4)} ${'F1'.padStart(6)}`,
    ...rows,
    ...(moby
      ? [
          `  moby-dick imported into a library (worker, pictures, folder written): ${moby.wallms} ms wall, ${moby.cpums} ms CPU, ${moby.paragraphs} paragraphs`,
        ]
      : []),
  ].join('\n')
}
