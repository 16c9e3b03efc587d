/** Data shapes that cross the renderer/main boundary. Plain JSON only. */

/** What the article list needs: everything about an article except its text. */
export interface ArticleSummary {
  /** File name without extension, e.g. `000_ba4c929e0bb2f9d7`; stable across runs. */
  id: string
  title: string
  author?: string
  /** Publication, site or mailing list the text names. */
  source?: string
  /** ISO `YYYY-MM-DD`, only when the text states a full date. */
  date?: string
  words: number
  readingMinutes: number
}

export interface Article extends ArticleSummary {
  /** Body text, one entry per paragraph, re-flowed and free of site chrome. */
  paragraphs: string[]
  /** Indices into `paragraphs` of the short lines that act as section headings. */
  headings: number[]
}

/** A character range `[start, end)` inside a string. */
export type Range = [start: number, end: number]

export interface SearchHit {
  articleId: string
  title: string
  /** 0-based paragraph index; -1 when only the title matched. */
  paragraph: number
  /** Plain-text excerpt of the paragraph around the best match. */
  snippet: string
  /** Where the matched words sit in `snippet`. */
  marks: Range[]
  score: number
}

export interface SearchResult {
  query: string
  hits: SearchHit[]
}

export interface AppInfo {
  version: string
  dataDir: string
  articleCount: number
}
