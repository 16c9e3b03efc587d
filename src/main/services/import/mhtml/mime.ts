/**
 * A small MIME reader for single-file web archives (`.mht`, `.mhtml`: Chrome's "Webpage,
 * Single File", Internet Explorer's "Web Archive"): headers unfolded, multipart bodies split
 * on their boundary (nested ones too), and each part's body decoded from base64 or
 * quoted-printable. Bytes are handled as latin1 text, one character per byte, so nothing is
 * lost before a part is decoded in its own charset. Mail parsers do more (addresses,
 * encoded words, streaming); an archive needs only this.
 */
import { ImportError } from '../types'

export interface MimePart {
  /** Header names in lower case; values unfolded. */
  headers: Map<string, string>
  /** `type/subtype` in lower case. */
  type: string
  /** Parameters of Content-Type (`charset`, `boundary`, …), names in lower case. */
  params: Map<string, string>
  /** The body, its transfer encoding undone. */
  body: Uint8Array
}

const MAX_PARTS = 10_000
const MAX_DEPTH = 8

/** `text/html; charset="utf-8"` → the type and its parameters. */
export function parseContentType(value: string | undefined): {
  type: string
  params: Map<string, string>
} {
  const [type = '', ...rest] = (value ?? 'text/plain').split(';')
  const params = new Map<string, string>()
  for (const p of rest) {
    const eq = p.indexOf('=')
    if (eq < 0) continue
    const name = p.slice(0, eq).trim().toLowerCase()
    const raw = p.slice(eq + 1).trim()
    params.set(name, raw.startsWith('"') ? raw.slice(1, raw.lastIndexOf('"')) : raw)
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params }
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>()
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim())
  }
  return headers
}

/** Quoted-printable (RFC 2045): `=XX` bytes and `=` soft line breaks. */
export function decodeQuotedPrintable(text: string): Uint8Array {
  const soft = text.replace(/=\r?\n/g, '')
  const out = new Uint8Array(soft.length)
  let n = 0
  for (let i = 0; i < soft.length; i++) {
    const c = soft.charCodeAt(i)
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      out[n++] = parseInt(soft.slice(i + 1, i + 3), 16)
      i += 2
    } else out[n++] = c & 0xff
  }
  return out.subarray(0, n)
}

function decodeBody(raw: string, encoding: string | undefined): Uint8Array {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(raw.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64')
    case 'quoted-printable':
      return decodeQuotedPrintable(raw)
    default:
      return Buffer.from(raw, 'latin1')
  }
}

/** Every leaf part of a MIME message, in order (multipart containers opened), and the message's own headers. */
export function readMime(bytes: Uint8Array): { headers: Map<string, string>; parts: MimePart[] } {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const parts: MimePart[] = []
  let top = new Map<string, string>()
  const visit = (entity: string, depth: number): void => {
    const split = /\r?\n\r?\n/.exec(entity)
    const headerText = split ? entity.slice(0, split.index) : entity
    const bodyText = split ? entity.slice(split.index + split[0].length) : ''
    const headers = parseHeaders(headerText)
    if (depth === 0) top = headers
    const { type, params } = parseContentType(headers.get('content-type'))
    const boundary = params.get('boundary')
    if (type.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
      const delimiter = `--${boundary}`
      const pieces = bodyText.split(delimiter)
      // Before the first delimiter is the preamble; after the one ending in `--`, the epilogue.
      for (const piece of pieces.slice(1)) {
        if (piece.startsWith('--')) break
        if (parts.length >= MAX_PARTS)
          throw new ImportError(`refused: the web archive has over ${MAX_PARTS} parts`, 'too-large')
        visit(piece.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, ''), depth + 1)
      }
      return
    }
    parts.push({
      headers,
      type,
      params,
      body: decodeBody(bodyText, headers.get('content-transfer-encoding')),
    })
  }
  visit(text, 0)
  return { headers: top, parts }
}
