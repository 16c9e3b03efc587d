/**
 * `lectern://` links: built and parsed back to the same target for any id, strict about
 * anything else, and routed against what the library holds.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadArticleLibrary } from '../../../../src/main/services/library/articleLibrary'
import {
  lecternLink,
  lecternLinkInArgs,
  linkLookup,
  LecternLinkError,
  parseLecternLink,
  routeLecternLink,
  type LecternTarget,
  type LinkLookup,
} from '../../../../src/main/services/links/lecternLink'
import { passage, SEED_IDS, openWorld } from '../export/scenario'
import { SEEDS } from '../../seedLibrary'

describe('lecternLink and parseLecternLink', () => {
  it('writes readable links', () => {
    expect(lecternLink({ articleId: '000_ba4c929e0bb2f9d7' })).toBe(
      'lectern://article/000_ba4c929e0bb2f9d7',
    )
    expect(lecternLink({ articleId: 'a', bookmarkId: 'bm-1', paragraph: 4 })).toBe(
      'lectern://article/a?bookmark=bm-1&paragraph=4',
    )
    expect(lecternLink({ articleId: 'a', noteId: 'n 1' })).toBe('lectern://article/a?note=n+1')
  })

  it('parses back what it wrote, whatever the ids hold', () => {
    const id = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' })
    fc.assert(
      fc.property(
        id,
        fc.option(id, { nil: undefined }),
        fc.option(fc.nat({ max: 100_000 }), { nil: undefined }),
        fc.boolean(),
        (articleId, itemId, paragraph, isNote) => {
          const target: LecternTarget = { articleId }
          if (itemId !== undefined) target[isNote ? 'noteId' : 'bookmarkId'] = itemId
          if (paragraph !== undefined) target.paragraph = paragraph
          const link = lecternLink(target)
          // Nothing that could end a Markdown link or an autolink early.
          expect(link).not.toMatch(/[\s()<>[\]\\]/)
          expect(parseLecternLink(link)).toEqual(target)
        },
      ),
    )
  })

  it.each(['.', '..', 'a.b'])(
    'keeps an id of dots (%s), which a URL would take as a path step',
    (articleId) => {
      expect(parseLecternLink(lecternLink({ articleId }))).toEqual({ articleId })
    },
  )

  it('takes the scheme in any case, as operating systems may pass it', () => {
    expect(parseLecternLink('LECTERN://article/x?paragraph=2')).toEqual({
      articleId: 'x',
      paragraph: 2,
    })
  })

  it.each([
    ['', 'does not start'],
    ['https://article/x', 'does not start'],
    ['lectern://', 'names no article'],
    ['lectern://settings/x', 'names no article'],
    ['lectern://article/', 'names no article'],
    ['lectern://article/a/b', 'names no article'],
    ['lectern://user:pw@article/x', 'unexpected parts'],
    ['lectern://article/x?paragraph=-1', 'not a whole number'],
    ['lectern://article/x?paragraph=1e3', 'not a whole number'],
    ['lectern://article/x?bookmark=', 'empty "bookmark"'],
    ['lectern://article/x?bookmark=a&bookmark=b', 'given twice'],
    ['lectern://article/x?bookmark=a&note=b', 'both a bookmark and a note'],
    ['lectern://article/x?file=/etc/passwd', 'unknown part "file"'],
    ['lectern://article/%E0%A4%A', 'malformed article id'],
    [`lectern://article/${'x'.repeat(3000)}`, 'too long'],
  ])('refuses %j', (link, why) => {
    expect(() => parseLecternLink(link)).toThrow(LecternLinkError)
    expect(() => parseLecternLink(link)).toThrow(why)
  })

  it('finds the link among process arguments', () => {
    const argv = ['/opt/Lectern/lectern', '--no-sandbox', 'lectern://article/a?note=n']
    expect(lecternLinkInArgs(argv)).toBe('lectern://article/a?note=n')
    expect(lecternLinkInArgs(['/opt/Lectern/lectern', '.'])).toBeUndefined()
  })
})

describe('routeLecternLink', () => {
  const lookup: LinkLookup = {
    hasArticle: (id) => id === 'a' || id === 'b',
    bookmark: (id) =>
      ({
        'bm-live': { articleId: 'a', paragraph: 7 },
        'bm-orphan': { articleId: 'a', paragraph: null },
      })[id],
    note: (id) => (id === 'n-live' ? { articleId: 'a' } : undefined),
  }
  const route = (target: LecternTarget) => routeLecternLink(lecternLink(target), lookup)

  it('opens a live bookmark at its current paragraph, not the one the link remembers', () => {
    expect(route({ articleId: 'a', bookmarkId: 'bm-live', paragraph: 3 })).toEqual({
      articleId: 'a',
      bookmarkId: 'bm-live',
      paragraph: 7,
    })
  })

  it('opens a bookmark gone to the trash at the remembered paragraph, and says so', () => {
    expect(route({ articleId: 'a', bookmarkId: 'bm-gone', paragraph: 3 })).toEqual({
      articleId: 'a',
      paragraph: 3,
      notice: 'The linked bookmark is no longer here.',
    })
    // A bookmark of another article is not followed into it.
    expect(route({ articleId: 'b', bookmarkId: 'bm-live' })).toMatchObject({
      articleId: 'b',
      notice: expect.any(String),
    })
  })

  it('keeps an orphaned bookmark selected and falls back to the remembered paragraph', () => {
    expect(route({ articleId: 'a', bookmarkId: 'bm-orphan', paragraph: 2 })).toEqual({
      articleId: 'a',
      bookmarkId: 'bm-orphan',
      paragraph: 2,
      notice: 'The bookmarked passage is no longer found.',
    })
  })

  it('opens notes, paragraphs and articles', () => {
    expect(route({ articleId: 'a', noteId: 'n-live' })).toEqual({
      articleId: 'a',
      noteId: 'n-live',
    })
    expect(route({ articleId: 'a', noteId: 'n-gone' })).toMatchObject({
      articleId: 'a',
      notice: 'The linked note is no longer here.',
    })
    expect(route({ articleId: 'b', paragraph: 9 })).toEqual({ articleId: 'b', paragraph: 9 })
    expect(route({ articleId: 'b' })).toEqual({ articleId: 'b' })
  })

  it('refuses an article that is not in the library', () => {
    expect(() => route({ articleId: 'zzz' })).toThrow('not in this library')
  })
})

describe('linkLookup', () => {
  it('routes the links an export writes back to the live passage or note', async () => {
    const world = await openWorld(await loadArticleLibrary(SEEDS))
    try {
      const article = world.library.get(SEED_IDS[2])
      const b = await world.annotations.addBookmark({
        articleId: article.id,
        position: passage(article, 3, (article.paragraphs[3] as string).slice(0, 20)),
      })
      const n = await world.annotations.addNote({ articleId: article.id, text: 'A note.' })
      const lookup = linkLookup(world)
      const link = lecternLink({ articleId: article.id, bookmarkId: b.id, paragraph: 3 })
      expect(routeLecternLink(link, lookup)).toEqual({
        articleId: article.id,
        bookmarkId: b.id,
        paragraph: 3,
      })
      expect(
        routeLecternLink(lecternLink({ articleId: article.id, noteId: n.id }), lookup),
      ).toEqual({ articleId: article.id, noteId: n.id })
      // In Lectern's trash, the bookmark is no longer followed; its paragraph still is.
      await world.annotations.remove(b.id)
      expect(routeLecternLink(link, lookup)).toMatchObject({ articleId: article.id, paragraph: 3 })
      expect(routeLecternLink(link, lookup)).not.toHaveProperty('bookmarkId')
    } finally {
      await world.close()
    }
  })
})
