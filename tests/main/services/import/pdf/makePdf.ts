import { createHash } from 'node:crypto'

/**
 * A minimal PDF writer for tests: pages of text runs placed exactly where a test wants them,
 * in Helvetica and Helvetica-Bold (standard fonts, nothing embedded), with a correct
 * cross-reference table. Small enough to write 2 000 pages in milliseconds.
 */

export interface Run {
  text: string
  x: number
  /** Baseline, from the bottom of an A4 page (842 pt high). */
  y: number
  size?: number
  bold?: boolean
}

export interface PdfOptions {
  title?: string
  author?: string
  /** An `/Encrypt` dictionary whose user password is not empty: it cannot be opened. */
  passwordProtected?: boolean
  /**
   * Encrypted (RC4, 40-bit: the standard security handler, revision 2) with an owner
   * password but an empty user password: any reader opens it without asking.
   */
  encryptedOpenToAll?: boolean
  /** An XMP packet, stored as the catalog's `/Metadata` stream. */
  xmp?: string
}

const escape = (s: string): string => s.replace(/[\\()]/g, (c) => `\\${c}`)

/** RC4, which Node's OpenSSL 3 no longer offers: a few lines. */
function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i)
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 255
    ;[s[i], s[j]] = [s[j] as number, s[i] as number]
  }
  const out = Buffer.alloc(data.length)
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255
    j = (j + (s[i] as number)) & 255
    ;[s[i], s[j]] = [s[j] as number, s[i] as number]
    out[n] = (data[n] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 255] as number)
  }
  return out
}

const md5 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('md5')
  for (const p of parts) h.update(p)
  return h.digest()
}

const PADDING = Buffer.from(
  '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a',
  'hex',
)
const FILE_ID = Buffer.alloc(16, 1)

/** The standard security handler, revision 2, empty user password. */
function security(ownerPassword: string) {
  const P = -44
  const owner = Buffer.concat([Buffer.from(ownerPassword, 'latin1'), PADDING]).subarray(0, 32)
  const O = rc4(md5(owner).subarray(0, 5), PADDING)
  const p = Buffer.alloc(4)
  p.writeInt32LE(P)
  const key = md5(PADDING, O, p, FILE_ID).subarray(0, 5)
  const U = rc4(key, PADDING)
  const objectKey = (num: number): Buffer =>
    md5(key, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10)
  return {
    dictionary: `<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${U.toString('hex')}> /P ${P} >>`,
    encrypt: (num: number, data: string): string =>
      rc4(objectKey(num), Buffer.from(data, 'latin1')).toString('latin1'),
  }
}

export function makePdf(pages: Run[][], options: PdfOptions = {}): Uint8Array {
  const sec = options.encryptedOpenToAll ? security('owner secret') : undefined
  const objects: string[] = []
  const add = (body: string): number => objects.push(body)
  const catalog = add('') // filled in once the page tree's number is known
  const tree = add('')
  const regular = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>')
  const kids: number[] = []
  for (const runs of pages) {
    const ops = runs
      .map(
        (r) =>
          `BT /${r.bold ? 'F2' : 'F1'} ${r.size ?? 11} Tf ${r.x} ${r.y} Td (${escape(r.text)}) Tj ET`,
      )
      .join('\n')
    const data = sec ? sec.encrypt(objects.length + 1, ops) : ops
    const content = add(
      `<< /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`,
    )
    kids.push(
      add(
        `<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 595 842] /Contents ${content} 0 R /Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> >>`,
      ),
    )
  }
  const xmp = options.xmp
    ? add(
        `<< /Type /Metadata /Subtype /XML /Length ${Buffer.byteLength(options.xmp, 'utf8')} >>\nstream\n${Buffer.from(options.xmp, 'utf8').toString('latin1')}\nendstream`,
      )
    : undefined
  objects[catalog - 1] =
    `<< /Type /Catalog /Pages ${tree} 0 R${xmp ? ` /Metadata ${xmp} 0 R` : ''} >>`
  objects[tree - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`
  const infoNumber = objects.length + 1
  const str = (value: string): string =>
    sec
      ? `<${Buffer.from(sec.encrypt(infoNumber, value), 'latin1').toString('hex')}>`
      : `(${escape(value)})`
  const infoEntries = [
    options.title ? `/Title ${str(options.title)}` : '',
    options.author ? `/Author ${str(options.author)}` : '',
    `/CreationDate ${str('D:20240315120000Z')}`,
  ].join(' ')
  const info = add(`<< ${infoEntries} >>`)
  const encrypt = options.passwordProtected
    ? add(
        `<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -44 >>`,
      )
    : sec
      ? add(sec.dictionary)
      : undefined

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'))
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(out, 'latin1')
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R${
    encrypt
      ? ` /Encrypt ${encrypt} 0 R /ID [<${FILE_ID.toString('hex')}> <${FILE_ID.toString('hex')}>]`
      : ''
  } >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

/** Lines of body text laid out down a column, `leading` points apart, from `top`. */
export function column(lines: string[], x: number, top: number, leading = 14, size = 11): Run[] {
  return lines.map((text, i) => ({ text, x, y: top - i * leading, size }))
}
