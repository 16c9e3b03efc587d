/** EPUB 2 and 3 books (.epub), read in the import worker (see extractEpub.ts). */
import type { HtmlWorkerPool } from '../html/pool'
import { ImportError, type Extractor } from '../types'
import { looksLikeZip } from '../zip/safeZip'

export function epubExtractor(pool: HtmlWorkerPool): Extractor {
  return {
    format: 'epub',
    extensions: ['epub'],
    async extract({ bytes }) {
      if (!looksLikeZip(bytes))
        throw new ImportError('not an EPUB despite its name: not a zip archive', 'wrong-format')
      return pool.extract(bytes, undefined, undefined, undefined, 'epub')
    },
  }
}
