/**
 * Bytes to text. HTML follows the HTML standard's sniffing (BOM, then `<meta charset>` or
 * `http-equiv` in the first 1024 bytes) with jsdom's own libraries; when a page names no
 * charset, valid UTF-8 is taken as UTF-8 (as most pages are today), a charset named later
 * in the head is honoured, and anything else is windows-1252, the web's legacy default.
 */
import { TextDecoder, labelToName } from '@exodus/bytes/encoding.js'
import sniffHtmlEncoding from 'html-encoding-sniffer'
import { ImportError } from './types'

const UTF8_BOM = [0xef, 0xbb, 0xbf]

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** A charset a page declares past the first 1024 bytes (long heads are common). */
function lateCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 64 * 1024))
  const end = head.search(/<body[\s>]/i)
  const match = (end > 0 ? head.slice(0, end) : head).match(
    /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i,
  )
  return match?.[1] ? labelToName(match[1]) : null
}

export function htmlEncoding(bytes: Uint8Array, declared?: string): string {
  const sniffed = sniffHtmlEncoding(bytes, {
    defaultEncoding: null,
    ...(declared ? { transportLayerEncodingLabel: declared } : {}),
  })
  if (sniffed) return sniffed
  if (isUtf8(bytes)) return 'UTF-8'
  return lateCharset(bytes) ?? 'windows-1252'
}

export function decodeHtml(bytes: Uint8Array): string {
  const encoding = htmlEncoding(bytes)
  // A meta tag claiming UTF-16 in an ASCII-compatible file is wrong by definition.
  const name = /^UTF-16/i.test(encoding) && bytes[1] !== 0 && bytes[0] !== 0 ? 'UTF-8' : encoding
  return new TextDecoder(name).decode(bytes).replace(/^\uFEFF/, '')
}

/** Plain text and Markdown: a BOM, else UTF-8 when valid, else windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  const bom = sniffHtmlEncoding(bytes, { xml: true, defaultEncoding: null })
  const name = bom ?? (isUtf8(bytes) ? 'UTF-8' : 'windows-1252')
  const start = UTF8_BOM.every((b, i) => bytes[i] === b) ? 3 : 0
  return new TextDecoder(name).decode(bytes.subarray(start)).replace(/^\uFEFF/, '')
}

/**
 * Refuses bytes that are not text: NUL bytes or many control characters near the start
 * (images, archives, executables renamed `.html`). UTF-16 text has NULs, so a BOM is let through.
 */
export function assertText(bytes: Uint8Array, what: string): void {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return
  const sample = bytes.subarray(0, 8192)
  let control = 0
  for (const b of sample) {
    if (b === 0) throw new ImportError(`not ${what} despite its name: binary data`, 'wrong-format')
    if (b < 9 || (b > 13 && b < 32)) control++
  }
  if (control > sample.length / 20)
    throw new ImportError(`not ${what} despite its name: binary data`, 'wrong-format')
}
