import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportService } from '../../../../src/main/services/import/importService'
import { blocksToText, type Block } from '../../../../src/main/services/import/types'

const PAGES = join(import.meta.dirname, '../../../fixtures/import/pages')
const service = new ImportService({ timeoutMs: 120_000 })
afterAll(() => service.close())

const text = (blocks: Block[]): string => blocksToText(blocks)

describe('HTML extractor', { timeout: 120_000 }, () => {
  it('reads a "Web page, complete" with its picture from the _files folder', async () => {
    const path = join(PAGES, 'saved-complete', 'River rising.html')
    const a = await service.extractFile(path)
    expect(a).toMatchObject({
      format: 'html',
      title: 'The river is rising',
      author: 'Maria Lopez',
      siteName: 'The Valley Courier',
      published: '2023-05-02',
      language: 'en',
      direction: 'ltr',
    })
    const image = a.blocks.find((b) => b.type === 'image')
    expect(image).toEqual({
      type: 'image',
      alt: 'The mill steps under water',
      src: join(PAGES, 'saved-complete', 'River rising_files', 'flood.png'),
      origin: 'file',
    })
    expect(a.blocks).toContainEqual({ type: 'caption', text: 'The old mill on Tuesday morning.' })
    expect(a.blocks).toContainEqual({ type: 'heading', level: 2, text: 'What the council decided' })
    expect(a.blocks).toContainEqual({
      type: 'listItem',
      text: 'The school hall is open all night.',
      ordered: false,
      depth: 0,
    })
    const body = text(a.blocks)
    expect(body).toContain('Forecasters expect the water to peak on Thursday')
    // Site chrome goes; the title is not repeated in the body.
    for (const chrome of ['We use cookies', 'Related stories', 'Privacy policy', 'Sport'])
      expect(body).not.toContain(chrome)
    expect(body).not.toMatch(/^The river is rising/)
  })

  it('reads a SingleFile page: inlined picture, code, table, <time> date, canonical URL', async () => {
    const a = await service.extractFile(join(PAGES, 'bread-singlefile.html'))
    expect(a).toMatchObject({
      title: 'Baking bread at home',
      author: 'Sam Baker',
      published: '2024-01-05',
      url: 'https://blog.example.net/posts/bread',
    })
    const image = a.blocks.find((b) => b.type === 'image')
    expect(image).toMatchObject({ origin: 'embedded', alt: 'A loaf on the cooling rack' })
    expect(image?.type === 'image' && image.src?.startsWith('data:image/png;base64,')).toBe(true)
    expect(a.blocks).toContainEqual({
      type: 'code',
      text: '500 g flour\n350 g water\n10 g salt',
      language: 'text',
    })
    expect(a.blocks).toContainEqual({ type: 'tableRow', cells: ['Step', 'Time'], header: true })
    expect(a.blocks).toContainEqual({
      type: 'tableRow',
      cells: ['Bake', '45 minutes'],
      header: false,
    })
  })

  it('decodes a windows-1251 page named by http-equiv', async () => {
    const a = await service.extractFile(join(PAGES, 'news-windows-1251.html'))
    expect(a.title).toBe('Весенний паводок в деревне')
    expect(text(a.blocks)).toContain('Река поднималась три дня')
    expect(text(a.blocks)).not.toContain('\ufffd')
  })

  it('decodes a Shift_JIS page named by <meta charset>', async () => {
    const a = await service.extractFile(join(PAGES, 'sakura-shift_jis.html'))
    expect(a.title).toBe('春の桜だより')
    expect(a.language).toBe('ja')
    expect(text(a.blocks)).toContain('今年の桜は例年より一週間早く咲き始めました')
  })

  it('reads a right-to-left Hebrew article with its JSON-LD metadata', async () => {
    const a = await service.extractFile(join(PAGES, 'library-hebrew.html'))
    expect(a).toMatchObject({
      title: 'הספרייה העירונית נפתחת מחדש',
      author: 'נועה לוי',
      siteName: 'חדשות העיר',
      published: '2024-03-14',
      url: 'https://example.org/news/library-reopens',
      language: 'he',
      direction: 'rtl',
    })
    expect(a.blocks.some((b) => b.type === 'quote' && b.text.includes('ספרייה היא המקום'))).toBe(
      true,
    )
  })

  it('tells the direction from the letters when the page does not declare it', async () => {
    const html = `<html><head><title>مقال</title></head><body><article><p>${'هذا نص عربي طويل عن المكتبة الجديدة في المدينة. '.repeat(12)}</p></article></body></html>`
    const a = await service.extractBytes('arabic.html', new TextEncoder().encode(html))
    expect(a.direction).toBe('rtl')
  })

  it('keeps a whole forum thread, not only its first post', async () => {
    const post = (who: string, words: string): string =>
      `<div class="post"><div class="author">${who}</div><div class="content"><p>${words}</p></div></div>`
    const replies = ['Ada', 'Brian', 'Chen', 'Dora'].map((who, i) =>
      post(
        who,
        `Reply number ${i + 1}: I had the same trouble with the boiler pressure dropping overnight and it turned out to be a leaking valve under the sink.`,
      ),
    )
    const html = `<html><head><title>Boiler loses pressure - Home forum</title></head><body><nav><a href="/">Forums</a></nav>
      <div class="thread">${post('Olga', 'My boiler loses pressure every night. It drops from 1.5 bar to under 1 by the morning and I have to top it up before the heating will run. What should I check first?')}${replies.join('')}</div></body></html>`
    const a = await service.extractBytes('thread.html', new TextEncoder().encode(html))
    const body = text(a.blocks)
    expect(body).toContain('My boiler loses pressure every night')
    for (let i = 1; i <= 4; i++) expect(body).toContain(`Reply number ${i}`)
    expect(body).toContain('Dora')
  })
})
