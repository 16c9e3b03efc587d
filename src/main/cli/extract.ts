/**
 * `lectern extract <file>... [--json] [--url URL]`: what an import would make of each file,
 * without adding anything to the library.
 */
import { ImportService } from '../services/import/importService'
import {
  blocksToText,
  type Block,
  type ExtractedArticle,
  type OutlinePoint,
} from '../services/import/types'

export type ExtractResult =
  | {
      file: string
      title: string
      author: string | null
      source: string | null
      date: string | null
      url: string | null
      language: string | null
      text: string
      blocks: Block[]
      /** A book's table of contents: titles at block indexes. */
      outline?: OutlinePoint[]
    }
  | { file: string; error: string }

function toResult(file: string, a: ExtractedArticle): ExtractResult {
  return {
    file,
    title: a.title,
    author: a.author ?? null,
    source: a.siteName ?? null,
    date: a.published ?? null,
    url: a.url ?? null,
    language: a.language ?? null,
    text: blocksToText(a.blocks),
    blocks: a.blocks,
    ...(a.outline?.length ? { outline: a.outline } : {}),
  }
}

/** One result per file, in argument order; a file that fails does not stop the others. */
export async function extractFiles(files: string[], url?: string): Promise<ExtractResult[]> {
  const service = new ImportService()
  try {
    const results: ExtractResult[] = []
    for (const file of files) {
      try {
        // An export of many articles gives one result for each, named `export.zip › item`
        // (what the export itself left out, such as deleted items, is no article).
        const archive = /\.(zip|csv)$/i.test(file)
          ? await service.readArchive(file, await service.readFile(file))
          : undefined
        if (archive) {
          for (const item of archive.items)
            results.push(toResult(`${file} › ${item.key}`, item.extracted))
          continue
        }
        results.push(toResult(file, await service.extractFile(file, url ? { url } : {})))
      } catch (err) {
        results.push({ file, error: err instanceof Error ? err.message : String(err) })
      }
    }
    return results
  } finally {
    await service.close()
  }
}

export function printExtracted(results: ExtractResult[]): string {
  return results
    .map((r) => {
      if ('error' in r) return `${r.file}\n  error: ${r.error}\n`
      const meta = [r.author, r.source, r.date, r.url, r.language].filter(Boolean).join(' · ')
      return `${r.file}\n${r.title}\n${meta ? `${meta}\n` : ''}\n${r.text}\n`
    })
    .join('\n')
}
