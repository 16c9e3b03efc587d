import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractMarkdown } from '../../../../src/main/services/import/markdown/extractMarkdown'
import { blocksToText } from '../../../../src/main/services/import/types'

const PAGES = join(import.meta.dirname, '../../../fixtures/import/pages')
const read = async (name: string): Promise<{ bytes: Uint8Array; path: string }> => {
  const path = join(PAGES, name)
  return { bytes: await readFile(path), path }
}

describe('Markdown extractor', () => {
  it('reads Obsidian Web Clipper front matter and the body as typed blocks', async () => {
    const a = extractMarkdown(await read('clipped.md'))
    expect(a).toMatchObject({
      format: 'markdown',
      title: 'Why cities plant trees',
      author: 'Ana Ruiz',
      published: '2022-07-19',
      url: 'https://www.example.org/articles/city-trees',
      tags: ['clippings', 'urbanism'],
      direction: 'ltr',
    })
    // `source` here is an address, so it is the URL and not a site name.
    expect(a.siteName).toBeUndefined()
    expect(a.blocks).toContainEqual({ type: 'heading', level: 2, text: 'Shade and water' })
    expect(a.blocks).toContainEqual({
      type: 'quote',
      text: 'A city that plants trees today is building its air conditioning for the next century.',
    })
    expect(a.blocks).toContainEqual({
      type: 'listItem',
      text: 'Less storm water',
      ordered: false,
      depth: 0,
    })
    expect(a.blocks).toContainEqual({
      type: 'listItem',
      text: 'especially on clay soils',
      ordered: false,
      depth: 1,
    })
    expect(a.blocks).toContainEqual({ type: 'tableRow', cells: ['Plane', '30 m'], header: false })
    expect(a.blocks).toContainEqual({ type: 'code', text: 'print("shade")', language: 'python' })
    // A picture that is not beside the file is a web address (from the clip's URL), never read.
    expect(a.blocks).toContainEqual({
      type: 'image',
      alt: 'A row of plane trees',
      src: 'https://www.example.org/articles/images/planes.jpg',
      origin: 'web',
    })
    expect(blocksToText(a.blocks)).not.toContain('clippings')
  })

  it('takes the title from a leading # heading when there is no front matter', async () => {
    const a = extractMarkdown(await read('notes-plain.md'))
    expect(a.title).toBe('Notes on the harbour walk')
    expect(a.author).toBeUndefined()
    expect(a.published).toBeUndefined()
    expect(a.blocks[0]).toEqual({
      type: 'paragraph',
      text: 'The walk starts at the ferry terminal and follows the old sea wall for about four kilometres.',
    })
  })

  it('reads Lectern’s own export format (title, author, source, date)', () => {
    const md =
      '---\ntitle: Frost dates\nauthor: Tom Greene\nsource: Gardeners mailing list\ndate: 2024-03-04\n---\n\nThe last frost comes late in the valley.\n'
    const a = extractMarkdown({ bytes: new TextEncoder().encode(md) })
    expect(a).toMatchObject({
      title: 'Frost dates',
      author: 'Tom Greene',
      siteName: 'Gardeners mailing list',
      published: '2024-03-04',
    })
  })

  it('reads the body when the front matter is not valid YAML', () => {
    const md = '---\ntitle: [unclosed\n---\n\n# Kept anyway\n\nThe body is still here.\n'
    const a = extractMarkdown({ bytes: new TextEncoder().encode(md), path: '/notes/kept.md' })
    expect(a.title).toBe('Kept anyway')
    expect(blocksToText(a.blocks)).toBe('The body is still here.')
  })

  it('keeps only the words of raw HTML inside Markdown', () => {
    const md =
      'Intro line for the test.\n\n<div onclick="x()"><script>alert(1)</script>Inline <b>words</b></div>\n'
    const text = blocksToText(extractMarkdown({ bytes: new TextEncoder().encode(md) }).blocks)
    expect(text).toContain('Inline words')
    expect(text).not.toContain('<')
    expect(text).not.toContain('onclick')
  })
})
