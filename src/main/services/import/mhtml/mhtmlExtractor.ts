/** Single-file web archives (.mht, .mhtml), read in the import worker (see extractMhtml.ts). */
import type { HtmlWorkerPool } from '../html/pool'
import type { Extractor } from '../types'

export function mhtmlExtractor(pool: HtmlWorkerPool): Extractor {
  return {
    format: 'mhtml',
    extensions: ['mht', 'mhtml'],
    extract: ({ bytes, url }) => pool.extract(bytes, undefined, url, undefined, 'mhtml'),
  }
}
