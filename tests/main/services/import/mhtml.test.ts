import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportService } from '../../../../src/main/services/import/importService'
import { decodeQuotedPrintable, readMime } from '../../../../src/main/services/import/mhtml/mime'
import { blocksToText, ImportError } from '../../../../src/main/services/import/types'

const FIXTURES = join(import.meta.dirname, '../../../fixtures/import/mhtml')
const service = new ImportService({ timeoutMs: 120_000 })
afterAll(() => service.close())

describe('MIME', () => {
  it('undoes quoted-printable: escapes, soft line breaks, and an = that escapes nothing', () => {
    const bytes = decodeQuotedPrintable('caf=C3=A9 au =\r\nlait =3D 2=ZZ')
    expect(new TextDecoder().decode(bytes)).toBe('café au lait = 2=ZZ')
  })

  it('opens nested multiparts and decodes base64 parts', () => {
    const message = [
      'Content-Type: multipart/related; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain',
      '',
      'plain',
      '--inner--',
      '--outer',
      'Content-Type: image/gif',
      'Content-Transfer-Encoding: base64',
      'Content-Location: https://x.example/a.gif',
      '',
      Buffer.from('GIF89a-bytes').toString('base64'),
      '--outer--',
    ].join('\r\n')
    const { parts } = readMime(new TextEncoder().encode(message))
    expect(parts.map((p) => p.type)).toEqual(['text/plain', 'image/gif'])
    expect(Buffer.from(parts[1]?.body ?? []).toString()).toBe('GIF89a-bytes')
    expect(parts[1]?.headers.get('content-location')).toBe('https://x.example/a.gif')
  })
})

describe('single-file web archives', { timeout: 120_000 }, () => {
  it('reads a Chrome archive: the article, its metadata, and the pictures it carries', async () => {
    const a = await service.extractFile(join(FIXTURES, 'keepers-log.mhtml'))
    expect(a.format).toBe('mhtml')
    expect(a.title).toBe('The keeper’s winter log')
    expect(a.author).toBe('Ann Lowry')
    expect(a.url).toBe('https://harbour.example/2024/keepers-log')
    const text = blocksToText(a.blocks)
    // Quoted-printable with soft line breaks and UTF-8 punctuation, whole again.
    expect(text).toContain('its entries written in a small, careful hand that grows larger')
    expect(text).toContain('“No ships. Fog.”')
    expect(text).not.toMatch(/Home|Archive|About/)
    const images = a.blocks.filter((b) => b.type === 'image')
    // A picture the archive does not hold stays on the web, never fetched.
    expect(images.at(-1)).toMatchObject({
      src: 'https://elsewhere.example/tracker.gif',
      origin: 'web',
    })
    expect(images.slice(0, -1)).toEqual([
      {
        type: 'image',
        alt: 'The lamp room',
        src: 'https://harbour.example/img/lamp.png',
        origin: 'embedded',
      },
      {
        type: 'image',
        alt: 'The keeper’s signature',
        src: 'cid:frame-1@mhtml.blink',
        origin: 'embedded',
      },
    ])
    const lamp = a.files?.get('https://harbour.example/img/lamp.png')
    expect(
      Buffer.from(lamp ?? [])
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG')
    expect(a.files?.has('cid:frame-1@mhtml.blink')).toBe(true)
  })

  it('decodes a part in the charset its header names', async () => {
    const a = await service.extractFile(join(FIXTURES, 'journal-windows-1251.mht'))
    expect(a.title).toBe('Зимний журнал')
    expect(blocksToText(a.blocks)).toContain('«Кораблей нет. Туман.»')
  })

  it('refuses a file that is not MIME, and an archive with no page', async () => {
    const notMime = await service
      .extractBytes('x.mhtml', new TextEncoder().encode('just some words, no headers'))
      .catch((e: unknown) => e)
    expect(notMime).toBeInstanceOf(ImportError)
    expect((notMime as ImportError).message).toMatch(/^not a web archive despite its name/)
    const noPage = await service
      .extractBytes(
        'x.mht',
        new TextEncoder().encode('MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello'),
      )
      .catch((e: unknown) => e)
    expect((noPage as ImportError).message).toBe('empty: the web archive holds no page')
  })

  it('imports into the library with its pictures copied in', async () => {
    const { mkdtemp } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { openLectern } = await import('../../../../src/main/lectern')
    const lectern = await openLectern({
      seedsDir: join(import.meta.dirname, '../../../../seeds'),
      dataDir: await mkdtemp(join(tmpdir(), 'lectern-mhtml-')),
      version: 't',
    })
    try {
      const done = await lectern.importer().importFile(join(FIXTURES, 'keepers-log.mhtml'))
      expect(done.status).toBe('imported')
      const article = lectern.library.get(done.articleId as string)
      expect(article.images?.map((i) => i.file)).toEqual(['images/1.png', 'images/2.png'])
      expect(
        await readFile(join(lectern.dataDir, 'library/articles', article.id, 'original.mhtml')),
      ).toBeTruthy()
    } finally {
      await lectern.close()
    }
  })
})
