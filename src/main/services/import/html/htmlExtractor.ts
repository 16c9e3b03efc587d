/** Saved web pages (.html, .htm, .xhtml), read in a worker (see pool.ts). */
import { assertText } from '../decode'
import { ImportError, type Extractor } from '../types'
import type { HtmlWorkerPool } from './pool'

/** Something with tags in its first 64 KB: a page, not a renamed text or data file. */
function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 64 * 1024)).toString('latin1')
  return /<(!doctype|html|head|body|meta|title|div|p|article|main|section|h[1-6]|table|span|a)[\s>/]/i.test(
    head,
  )
}

export function htmlExtractor(pool: HtmlWorkerPool): Extractor {
  return {
    format: 'html',
    extensions: ['html', 'htm', 'xhtml', 'xht', 'shtml'],
    async extract({ bytes, path, url, resources }) {
      // UTF-16 pages are recognised by their BOM and decoded in the worker.
      const utf16 =
        (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
      assertText(bytes, 'HTML')
      if (!utf16 && !looksLikeHtml(bytes))
        throw new ImportError('not HTML despite its name: no markup found', 'wrong-format')
      return pool.extract(bytes, path, url, resources)
    },
  }
}
