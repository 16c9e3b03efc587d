/**
 * The page's own lines among an article's paragraphs (advertisement labels, "Back to top",
 * "Read more", share buttons, loading stand-ins, credit lines), sections of teasers for other
 * pages and the page's table of contents leave; the writer's stay.
 */
import { describe, expect, it } from 'vitest'
import {
  isChromeLine,
  withoutRelatedSections,
  withoutTableOfContents,
} from '../../../../../src/main/services/import/html/chromeLines'
import type { Block } from '../../../../../src/main/services/import/types'

import { para, textOf } from './pages'

describe('isChromeLine', () => {
  it.each([
    'Advertisement',
    'Advertisement - Continue Reading Below',
    'Advertisement (gone after registration)',
    'Advertisement. Scroll to continue reading.',
    "Advertisement - Members don't see this ad",
    '↑ Back to Top',
    '< Back to top',
    'Read more',
    'Learn More »',
    'View all',
    'Read full review',
    'Read reviews',
    'Share on Pinterest',
    'Share this article',
    'Loading prices for your region…',
    'Loading specifications...',
    'Credit: The Spruce Eats',
    '(Image credit: Wareable)',
    'Photo credit: ©iStock.com/gorodenkoff',
    'Photo courtesy Method Architecture',
    'Courtesy of Brand',
  ])('takes %j for a line of the page', (line) => {
    expect(isChromeLine(line)).toBe(true)
  })

  it.each([
    'Read our full review here.',
    'Advertisement revenue fell by a third in 2024, and the paper cut its staff in response to it.',
    'Advertisement for Lucky Strike cigarettes, 1930.',
    'Learn more about the tax rules that apply to a sole trader before you register.',
    'See also',
    'Share',
    'Credits',
    'Credit card fees are charged at 3 % of the amount paid.',
    'Credit: this method was first described by Ada Lovelace in her notes on the Analytical Engine, in 1843.',
    'Loading the van is the part of moving that takes the longest. Start early.',
    'Back to top of the hill we went, tired but happy.',
  ])('leaves %j to the writer', (line) => {
    expect(isChromeLine(line)).toBe(false)
  })
})

describe('chrome lines in an imported article', () => {
  it('leaves out the page’s lines and keeps every paragraph around them', () => {
    const html = `<html><head><title>Stock pot</title></head><body><article><h1>Stock pot</h1>
      ${para(3, 'stock')}<figure><img src="data:image/png;base64,AAAA" alt="A pot"></figure>
      <p>Credit: The Kitchen Pages</p><p>Advertisement - Continue Reading Below</p>
      ${para(3, 'simmering')}<ul><li>Bones</li><li>Onions</li><li>Credit: The Kitchen Pages</li></ul>
      <p><a href="#top">↑ Back to top</a></p><p><a href="/more">Read more</a></p></article></body></html>`
    const text = textOf(html)
    expect(text).not.toMatch(/Credit:|Advertisement|Back to top|Read more/)
    expect(text).toContain('Paragraph 3 about simmering')
    expect(text).toContain('Onions')
  })
})

describe('withoutRelatedSections', () => {
  const heading = (level: number, text: string): Block => ({ type: 'heading', level, text })
  const paragraph = (text: string): Block => ({ type: 'paragraph', text })

  it('drops a section of teasers, its own sub-headings included, and keeps what follows it', () => {
    const blocks = [
      heading(2, 'Stock'),
      paragraph('Simmer the bones for six hours.'),
      heading(2, 'You might also like…'),
      heading(3, 'The best stock pots of 2026'),
      paragraph('We tested twelve pots.'),
      heading(2, 'Storing stock'),
      paragraph('Freeze it in small pots.'),
    ]
    expect(withoutRelatedSections(blocks).map((b) => ('text' in b ? b.text : ''))).toEqual([
      'Stock',
      'Simmer the bones for six hours.',
      'Storing stock',
      'Freeze it in small pots.',
    ])
  })

  // Explicit phrases head teasers; a bare `Related` or `Up next` may head the writer's section.
  it.each([
    ['Related articles', true],
    ['More from Top Gear', true],
    ['MORE FROM CFR', true],
    ['Recommended for you', true],
    ['Read Next', true],
    ['Related', false],
    ['Up next', false],
    ['Related work in the field', false],
    ['More from the survey', false],
    ['More from us', false],
  ])('%j heads teasers: %s', (title, teasers) => {
    const blocks = [paragraph('The article.'), heading(2, title), paragraph('What follows.')]
    expect(withoutRelatedSections(blocks)).toHaveLength(teasers ? 1 : 3)
  })

  it('reads a page end to end: the teasers at its foot leave the imported article', () => {
    const html = `<html><head><title>Stock pot</title></head><body><article><h1>Stock pot</h1>
      ${para(4, 'stock')}<h2>Related articles</h2><h3>Ten soups for winter</h3>
      <p>Our favourite soups for the cold months, from broth to bisque.</p></article></body></html>`
    const text = textOf(html)
    expect(text).toContain('Paragraph 4 about stock')
    expect(text).not.toMatch(/Related articles|Ten soups|favourite soups/)
  })
})

describe('withoutTableOfContents', () => {
  const heading = (text: string): Block => ({ type: 'heading', level: 2, text })
  const paragraph = (text: string): Block => ({ type: 'paragraph', text })
  const item = (text: string): Block => ({ type: 'listItem', text, ordered: false, depth: 0 })
  const texts = (blocks: Block[]): string[] => blocks.map((b) => ('text' in b ? b.text : ''))

  it('drops a list that names the headings after it, and its label', () => {
    const blocks = [
      paragraph('Stock is the base of most soups.'),
      paragraph('Table of Contents'),
      item('1. Bones'),
      item('2 Vegetables'),
      item('Simmering'),
      heading('Bones'),
      paragraph('Roast them first.'),
      heading('Vegetables'),
      heading('Simmering'),
    ]
    expect(texts(withoutTableOfContents(blocks))).toEqual([
      'Stock is the base of most soups.',
      'Bones',
      'Roast them first.',
      'Vegetables',
      'Simmering',
    ])
  })

  it('keeps a list that repeats headings before it, names too few, or has no contents label', () => {
    const summary = [heading('Bones'), heading('Vegetables'), heading('Salt')]
    const recap = [item('Bones'), item('Vegetables'), item('Salt')]
    expect(withoutTableOfContents([...summary, ...recap])).toHaveLength(6)
    const shopping = [item('Bones'), item('Two onions'), item('A leek'), item('Salt')]
    expect(withoutTableOfContents([...shopping, heading('Bones')])).toHaveLength(5)
    // The writer's own preview of the sections, with no contents label over it.
    const preview = [paragraph('This guide covers:'), ...recap, ...summary]
    expect(withoutTableOfContents(preview)).toHaveLength(7)
  })

  it('drops a contents label the page left with no list, and keeps one over a list of its own', () => {
    expect(
      texts(withoutTableOfContents([paragraph('In this article:'), heading('Bones')])),
    ).toEqual(['Bones'])
    const own = [heading('Contents'), item('A pot'), item('Bones'), item('Water')]
    expect(withoutTableOfContents(own)).toHaveLength(4)
  })

  it('reads a page end to end: its contents list leaves the imported article', () => {
    const section = (name: string): string => `<h2>${name}</h2>${para(2, name)}`
    const html = `<html><head><title>Stock pot</title></head><body><article><h1>Stock pot</h1>
      ${para(2, 'stock')}<p>Table of Contents</p><ul><li><a href="#a">Bones</a></li>
      <li><a href="#b">Vegetables</a></li><li><a href="#c">Simmering</a></li></ul>
      ${section('Bones')}${section('Vegetables')}${section('Simmering')}</article></body></html>`
    const text = textOf(html)
    expect(text).not.toContain('Table of Contents')
    expect(text.match(/^Vegetables$/gm)).toHaveLength(1)
    expect(text).toContain('Paragraph 2 about Simmering')
  })
})
