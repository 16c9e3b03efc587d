/**
 * Opens a PDF with pdf.js (the legacy build, which runs on Node 20) and takes out what
 * extraction needs: each page's positioned text runs with their size and weight, and the
 * document's metadata. Runs in the PDF worker (see worker.ts), never on the main thread.
 */
import { ImportError } from '../types'

/** One run of text as the page places it, in PDF units (points, y upwards). */
export interface PdfTextRun {
  text: string
  x: number
  /** Baseline. */
  y: number
  width: number
  /** Font size on the page. */
  size: number
  font: string
  bold: boolean
}

export interface PdfPage {
  width: number
  height: number
  runs: PdfTextRun[]
}

export interface PdfMetadata {
  /** The document information dictionary's Title, Author, Subject, CreationDate… */
  info: Record<string, string>
  /** XMP values by name (`dc:title`, `dc:creator`, `xmp:createdate`…). */
  xmp: Record<string, string>
}

export interface PdfContent {
  pageCount: number
  pages: PdfPage[]
  metadata: PdfMetadata
}

/** More pages than this are refused before any is read. */
export const MAX_PDF_PAGES = 1_000

import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
let pdfjs: Promise<PdfJs> | undefined

/**
 * pdf.js expects a few browser globals even to read text; `DOMMatrix` is needed when the
 * module loads, though only drawing uses it. Its worker code is loaded into this thread
 * (`globalThis.pdfjsWorker`) so no second worker or script path is involved.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const g = globalThis as Record<string, unknown>
    g.DOMMatrix ??= class DOMMatrix {
      a = 1
      b = 0
      c = 0
      d = 1
      e = 0
      f = 0
    }
    // Its load-time warnings about drawing support (not used here) are not the reader's business.
    const log = console.log
    console.log = () => {}
    try {
      g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
      const lib = await import('pdfjs-dist/legacy/build/pdf.mjs')
      return lib
    } finally {
      console.log = log
    }
  })()
  return pdfjs
}

const BOLD_NAME = /bold|black|heavy|semibold|demi|[-,]bd\b|-b$/i

export async function readPdf(
  bytes: Uint8Array,
  options: { maxPages?: number } = {},
): Promise<PdfContent> {
  const maxPages = options.maxPages ?? MAX_PDF_PAGES
  assertComplete(bytes)
  const lib = await loadPdfJs()
  const task = lib.getDocument({
    // pdf.js takes ownership of the buffer it is given; the caller keeps its own.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    fontExtraProperties: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  })
  let doc: PDFDocumentProxy
  try {
    doc = await task.promise
  } catch (err) {
    await task.destroy().catch(() => undefined)
    throw openError(err)
  }
  try {
    if (doc.numPages > maxPages)
      throw new ImportError(
        `too long: ${doc.numPages.toLocaleString('en')} pages; Lectern imports PDFs of up to ${maxPages.toLocaleString('en')} pages`,
        'too-large',
      )
    const metadata = await readMetadata(doc)
    const pages: PdfPage[] = []
    const known = new Map<string, boolean>()
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const [, , width, height] = page.view as [number, number, number, number]
      const content = await page.getTextContent()
      const items = content.items.filter(
        (i): i is Extract<(typeof content.items)[number], { str: string }> => 'str' in i,
      )
      // Weight is only in the font's name, which pdf.js hands over once the page's
      // drawing instructions are read: done only on pages with fonts not seen before.
      if (items.some((i) => i.str.trim() && !known.has(i.fontName))) {
        await page.getOperatorList()
        for (const i of items) {
          if (known.has(i.fontName)) continue
          const font = page.commonObjs.has(i.fontName)
            ? (page.commonObjs.get(i.fontName) as {
                name?: string
                bold?: boolean
                black?: boolean
              })
            : undefined
          known.set(
            i.fontName,
            Boolean(font?.bold || font?.black || BOLD_NAME.test(font?.name ?? '')),
          )
        }
      }
      const runs: PdfTextRun[] = []
      for (const i of items) {
        if (!i.str) continue
        const [a, b, c, d, e, f] = i.transform as number[]
        // Rotated or vertical runs (margin notes, stamps) are left out of the reading text.
        if (Math.abs(b ?? 0) > 0.01 || Math.abs(c ?? 0) > 0.01 || (a ?? 0) <= 0) continue
        runs.push({
          text: i.str,
          x: e ?? 0,
          y: f ?? 0,
          width: i.width,
          size: Math.abs(d ?? 0) || i.height,
          font: i.fontName,
          bold: known.get(i.fontName) ?? false,
        })
      }
      pages.push({ width, height, runs })
      page.cleanup()
    }
    return { pageCount: doc.numPages, pages, metadata }
  } finally {
    await doc.destroy()
  }
}

/**
 * A file cut short (an interrupted download) has no end-of-file marker in its last
 * kilobyte. pdf.js would read what it can; a reader would get half a document unawares.
 */
function assertComplete(bytes: Uint8Array): void {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1')
  if (!head.includes('%PDF-'))
    throw new ImportError('not a PDF despite its name: no PDF header', 'wrong-format')
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 1024))).toString('latin1')
  if (!tail.includes('%%EOF'))
    throw new ImportError(
      'damaged: the PDF is cut short (it has no end); it may not have finished downloading',
      'unreadable',
    )
}

function openError(err: unknown): ImportError {
  const name = (err as { name?: string }).name
  const message = err instanceof Error ? err.message : String(err)
  if (name === 'PasswordException')
    return new ImportError(
      'encrypted: this PDF needs a password to open; Lectern imports PDFs without one',
      'unsupported',
    )
  if (name === 'InvalidPDFException')
    return new ImportError(`damaged: pdf.js cannot read this PDF (${message})`, 'unreadable')
  return new ImportError(`damaged: ${message}`, 'unreadable')
}

async function readMetadata(doc: PDFDocumentProxy): Promise<PdfMetadata> {
  const info: Record<string, string> = {}
  const xmp: Record<string, string> = {}
  try {
    const meta = await doc.getMetadata()
    for (const [k, v] of Object.entries(meta.info ?? {}))
      if (typeof v === 'string' && v.trim()) info[k] = v.trim()
    for (const [k, v] of (meta.metadata ?? []) as Iterable<[string, unknown]>) {
      const value = Array.isArray(v) ? v.join(', ') : v
      if (typeof value === 'string' && value.trim()) xmp[k.toLowerCase()] = value.trim()
    }
  } catch {
    // Damaged metadata leaves the text readable; the title then comes from the pages.
  }
  return { info, xmp }
}
