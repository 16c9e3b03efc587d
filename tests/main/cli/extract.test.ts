import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../../src/main/cli/run'

const PAGES = join(import.meta.dirname, '../../fixtures/import/pages')

describe('lectern extract', { timeout: 120_000 }, () => {
  it('prints a JSON array in argument order with the documented fields', async () => {
    const md = join(PAGES, 'clipped.md')
    const txt = join(PAGES, 'mailing-list-post.txt')
    const out = JSON.parse(await main(['extract', md, txt, '--json'])) as Record<string, unknown>[]
    expect(out.map((r) => r.file)).toEqual([md, txt])
    for (const r of out)
      expect(Object.keys(r).sort()).toEqual(
        ['author', 'blocks', 'date', 'file', 'language', 'source', 'text', 'title', 'url'].sort(),
      )
    expect(out[0]).toMatchObject({
      title: 'Why cities plant trees',
      author: 'Ana Ruiz',
      date: '2022-07-19',
      url: 'https://www.example.org/articles/city-trees',
      source: null,
      language: null,
    })
    // Blocks separated by a blank line, the title not repeated.
    const text = out[1]?.text as string
    expect(text.split('\n\n').slice(0, 2)).toEqual([
      "The society's records give the last spring frost in our valley as the second week of April in most years, but three of the last ten springs had a hard frost in early May.",
      'I would hold off planting tender seedlings such as tomatoes and beans until the middle of May, and keep fleece handy for the odd cold night.',
    ])
    expect(text).not.toContain('Frost dates for the coming season')
  })

  it('takes --url as the page address and reads HTML in its worker', async () => {
    const page = join(PAGES, 'news-windows-1251.html')
    const [r] = JSON.parse(
      await main(['extract', page, '--json', '--url', 'https://news.example/flood']),
    ) as Record<string, unknown>[]
    expect(r).toMatchObject({
      title: 'Весенний паводок в деревне',
      url: 'https://news.example/flood',
    })
  })

  it('reports each unreadable file and still prints the others (exit code 1)', async () => {
    const good = join(PAGES, 'notes-plain.md')
    const missing = join(PAGES, 'no-such-page.html')
    const err = await main(['extract', missing, good, '--json']).then(
      () => undefined,
      (e: unknown) => e as Error & { output?: string },
    )
    expect(err?.message).toBe('1 of 2 files could not be read')
    const out = JSON.parse(err?.output ?? '[]') as Record<string, unknown>[]
    expect(out[0]).toEqual({ file: missing, error: 'unreadable: no such file' })
    expect(out[1]).toMatchObject({ file: good, title: 'Notes on the harbour walk' })
  })

  it('reads a PDF: its headings and paragraphs, its title from the document', async () => {
    const pdf = join(import.meta.dirname, '../../fixtures/import/pdf/two-columns.pdf')
    const [r] = JSON.parse(await main(['extract', pdf, '--json'])) as Record<string, unknown>[]
    expect(r).toMatchObject({ file: pdf, title: 'The River in Spate' })
    expect((r?.text as string).split('\n\n').slice(0, 2)).toEqual([
      'Before the rain',
      expect.stringMatching(/^For most of the summer .* below the mill\.$/),
    ])
    expect((r?.blocks as { type: string }[])[0]?.type).toBe('heading')
  })

  it('prints text for people without --json', async () => {
    const out = await main(['extract', join(PAGES, 'notes-plain.md')])
    expect(out).toContain('Notes on the harbour walk\n\nThe walk starts at the ferry terminal')
  })

  it('refuses a --url that is not a web address', async () => {
    await expect(main(['extract', 'x.md', '--url', 'file:///etc/passwd'])).rejects.toThrow(
      /--url must be an http\(s\) address/,
    )
  })
})
