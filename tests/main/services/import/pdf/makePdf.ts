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
  /** An XMP packet, stored as the catalog's `/Metadata` stream. */
  xmp?: string
}

const escape = (s: string): string => s.replace(/[\\()]/g, (c) => `\\${c}`)

export function makePdf(pages: Run[][], options: PdfOptions = {}): Uint8Array {
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
    const content = add(
      `<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`,
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
  const infoEntries = [
    options.title ? `/Title (${escape(options.title)})` : '',
    options.author ? `/Author (${escape(options.author)})` : '',
    '/CreationDate (D:20240315120000Z)',
  ].join(' ')
  const info = add(`<< ${infoEntries} >>`)
  const encrypt = options.passwordProtected
    ? add(
        `<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -44 >>`,
      )
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
    encrypt ? ` /Encrypt ${encrypt} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]` : ''
  } >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

/** Lines of body text laid out down a column, `leading` points apart, from `top`. */
export function column(lines: string[], x: number, top: number, leading = 14, size = 11): Run[] {
  return lines.map((text, i) => ({ text, x, y: top - i * leading, size }))
}
