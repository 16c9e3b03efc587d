/**
 * What makes an export vault-ready: passages across paragraphs quoted as one block that their
 * id names, tags Obsidian accepts (while Lectern keeps the reader's spelling), no empty
 * sections, the source's address, and when each item was made.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createArticleLibrary } from '../../../../src/main/services/library/articleLibrary'
import type { Bookmark } from '../../../../src/shared/types'
import { article } from '../../seedLibrary'
import { obsidianBlocks, readExport, tagsOutsideNotes, textOf } from './readExport'
import { openWorld, type World } from './scenario'

let world: World
afterEach(() => world.close())

const TEXT = [
  'First paragraph, whose end is where the passage starts.',
  '# Second paragraph: a whole one, with Markdown in it > and `code` and *stars*',
  '```',
  'Fourth, where the passage ends.',
]

/** A bookmark over several paragraphs, as the reader will be able to make them. */
function spanning(id: string, exact: string, created: string): Bookmark {
  return {
    id,
    type: 'bookmark',
    articleId: 'span',
    color: 'blue',
    tags: [],
    note: 'A note on the whole passage.',
    anchor: {
      quote: { exact, prefix: '', suffix: '' },
      position: { paragraph: 0, start: 0, end: exact.length },
      textHash: '0'.repeat(64),
    },
    created,
    modified: created,
  }
}

describe('a passage across paragraphs', () => {
  it('is one blockquote of those paragraphs, and its block id names that blockquote', async () => {
    world = await openWorld(createArticleLibrary([article('span', 'Spanning', TEXT)]))
    const exact = ['where the passage starts.', ...TEXT.slice(1, 3), 'Fourth'].join('\n\n')
    // Blank lines at either end and runs of them are written as single paragraph breaks.
    const ragged = `\n\n${TEXT[1]}\n\n\n\n${TEXT[3]}\n\n`
    await world.store.update((data) => {
      data.bookmarks.push(
        spanning('bm-span', exact, '2024-05-01T09:00:00.000Z'),
        spanning('bm-ragged', ragged, '2024-05-01T10:30:59.000Z'),
      )
    })
    const md = world.exporter.articleMarkdown('span')
    const read = readExport(md)
    const blocks = obsidianBlocks(md)
    const quoteOf = (id: string): string[] => {
      const block = blocks.get(`lectern-${id}`)
      if (block?.type !== 'blockquote') throw new Error(`^lectern-${id} names a ${block?.type}`)
      return block.children.map((p) => {
        expect(p.type).toBe('paragraph')
        return textOf(p)
      })
    }
    expect(quoteOf('bm-span')).toEqual(exact.split('\n\n'))
    expect(quoteOf('bm-ragged')).toEqual([TEXT[1], TEXT[3]])
    const span = read.bookmarks.find((b) => b.id === 'bm-span')
    expect(span).toMatchObject({ quote: exact, note: 'A note on the whole passage.' })
    expect(read.bookmarks.map((b) => b.made).sort()).toEqual([
      '2024-05-01 09:00 UTC',
      '2024-05-01 10:30 UTC',
    ])
  })
})

describe('tags', () => {
  it('are written as Obsidian tags in the body and front matter, and kept as typed in Lectern', async () => {
    world = await openWorld(createArticleLibrary([article('t', 'Tagged', ['Some text here.'])]))
    const typed = ['middle east', 'topic/sub', 'Topic / Sub Two', '1984', 'C#', 'snake_case']
    const b = await world.annotations.addBookmark({
      articleId: 't',
      position: { paragraph: 0, start: 0, end: 4 },
      tags: typed,
    })
    await world.annotations.addNote({ articleId: 't', text: 'A note.', tags: ['middle east'] })
    const expected = ['middle-east', 'topic/sub', 'Topic/Sub-Two', '_1984', 'C', 'snake_case']
    const md = world.exporter.articleMarkdown('t')
    const read = readExport(md)
    expect(read.bookmarks[0]?.tags).toEqual(expected)
    expect(read.notes[0]?.tags).toEqual(['middle-east'])
    expect(read.frontMatter.tags).toEqual([...expected].sort())
    expect(new Set(tagsOutsideNotes(md))).toEqual(new Set(expected))
    expect(md).toContain('Tags: #middle-east #topic/sub #Topic/Sub-Two #_1984 #C #snake_case')
    // Lectern itself keeps what the reader typed.
    expect(world.annotations.list('t').bookmarks[0]?.tags).toEqual(typed)
    expect(b.tags).toEqual(typed)
  })
})

describe('sections and front matter', () => {
  it('leaves out a section with nothing in it', async () => {
    world = await openWorld(createArticleLibrary([article('s', 'Sections', ['Text.'])]))
    await world.annotations.addNote({ articleId: 's', text: 'Only a note.' })
    const onlyNote = world.exporter.articleMarkdown('s')
    expect(onlyNote).not.toMatch(/^## Bookmarks$/m)
    expect(onlyNote).toMatch(/^## Notes$/m)
    expect(onlyNote).not.toMatch(/No (bookmarks|notes)\./)
    const [note] = world.annotations.list('s').notes
    await world.annotations.remove(note?.id as string)
    await world.annotations.addBookmark({
      articleId: 's',
      position: { paragraph: 0, start: 0, end: 4 },
    })
    const onlyBookmark = world.exporter.articleMarkdown('s')
    expect(onlyBookmark).toMatch(/^## Bookmarks$/m)
    expect(onlyBookmark).not.toMatch(/^## Notes$/m)
    expect(readExport(onlyBookmark).bookmarks).toHaveLength(1)
  })

  it('carries the address the article came from, where it is known', async () => {
    const url = 'https://example.org/a?b=1&c=#frag'
    world = await openWorld(
      createArticleLibrary([
        { ...article('u', 'With an address', ['Text.']), url },
        article('n', 'Without one', ['Text.']),
      ]),
    )
    for (const articleId of ['u', 'n'])
      await world.annotations.addNote({ articleId, text: 'A note.' })
    expect(readExport(world.exporter.articleMarkdown('u')).frontMatter).toMatchObject({
      url,
      lectern: 'lectern://article/u',
    })
    expect(readExport(world.exporter.articleMarkdown('n')).frontMatter).not.toHaveProperty('url')
  })
})
