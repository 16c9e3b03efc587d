import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dateOfLine, parseArticle } from '../../../../src/main/services/library/parseArticle'

const SEEDS = join(import.meta.dirname, '../../../../seeds')
const raw = (id: string): string => readFileSync(join(SEEDS, `${id}.txt`), 'utf8')
const seed = (id: string) => parseArticle(id, raw(id))

/** What each bundled article must read as: pinned so a change to a rule shows up here. */
const expected = [
  {
    id: '000_ba4c929e0bb2f9d7',
    title: 'Israel Remains Putin’s ‘Partner!’',
    author: undefined,
    source: undefined,
    date: undefined,
    paragraphs: 12,
    first: /^THE RESPONSE of Russia’s political leadership, led by Vladimir Putin,/,
    last: /^This with the support of the struggling masses .* rule through workers’ soviets!$/,
  },
  {
    id: '001_ab22bda9c27d4d3a',
    title:
      'Netanyahu and Putin agree to expand and deepen military coordination, engaged in a big battle against militant Islam',
    author: 'Michael Karadjis',
    source: 'i24news',
    date: '2015-11-30',
    paragraphs: 14,
    first:
      /^Israeli Prime Minister Benjamin Netanyahu and Russian President Vladmir Putin, November 30 2015$/,
    last: /^"Under the agreements we have with the Russians, .* the one doesn’t bother the other," he said$/,
  },
  {
    id: '002_dac4dfd4f164a684',
    title: 'Broader Look at Russia-Israel Partnership',
    author: 'Akhmet Makhmoudov',
    source: 'Crescent International',
    date: '2020-04-01',
    paragraphs: 21,
    first: /^Being on the opposite sides in Syria .* \(Photo:REUTERS\/Ivan Sekretarev\/Pool\)$/,
    last: /^Overall, the Russian-Israeli alliance is here to stay .* inevitably shaken\.$/,
  },
  {
    id: '003_074f73b336730d63',
    title:
      'Russia-Israel unconditional allies in the war against terror: Russian President Vladimir Putin',
    author: undefined,
    source: undefined,
    date: undefined,
    paragraphs: 9,
    first:
      /^Moscow 8th June, News Cast-‘Israel knows only too well .* growing proximity to Russia\.$/,
    last: /^The visit by the Israeli PM to Russia .* the international observers\.$/,
  },
  {
    id: '004_02c1bed588b60a46',
    title: 'The Close Relations between Putin and Zionism',
    author: undefined,
    source: undefined,
    date: '2024-11-15',
    paragraphs: 22,
    first: /^In the face of the great worldwide repudiation .* The reality is quite different\.$/,
    last: /^But the truth is that Putin is today one of the backers .* genocidal invasion of Gaza\.$/,
  },
]

describe('parseArticle on the bundled seeds', () => {
  it('covers every seed file', () => {
    const ids = readdirSync(SEEDS).map((f) => f.replace(/\.txt$/, ''))
    expect(ids.sort()).toEqual(expected.map((e) => e.id))
  })

  for (const e of expected) {
    describe(e.id, () => {
      const a = seed(e.id)
      it('reads title and metadata', () => {
        expect(a.id).toBe(e.id)
        expect(a.title).toBe(e.title)
        expect(a.author).toBe(e.author)
        expect(a.source).toBe(e.source)
        expect(a.date).toBe(e.date)
      })
      it('keeps the body from first to last paragraph', () => {
        expect(a.paragraphs).toHaveLength(e.paragraphs)
        expect(a.paragraphs[0]).toMatch(e.first)
        expect(a.paragraphs.at(-1)).toMatch(e.last)
      })
      it('counts words and reading time', () => {
        const words = a.paragraphs.join(' ').split(/\s+/).length
        expect(Math.abs(a.words - words) / words).toBeLessThan(0.1)
        expect(a.readingMinutes).toBe(Math.max(1, Math.round(a.words / 230)))
      })
      it('loses no sentence of the body', () => {
        // Every prose line of the file (hard-wrapped or not) from the first paragraph on is
        // in some paragraph, except for the footer, from the first chrome marker near the end.
        const body = a.paragraphs.join('\n').replace(/\s+/g, ' ')
        const all = raw(e.id).split(/\r?\n/)
        const lines = all.slice(
          all.findIndex((l) => l.startsWith((a.paragraphs[0] ?? '').slice(0, 30))),
        )
        const footer = lines.findIndex(
          (l, i) =>
            i > lines.length / 2 &&
            /^(Related Articles|Leave a Reply|Check out our other content|More information about)/.test(
              l,
            ),
        )
        const prose = lines
          .slice(0, footer === -1 ? undefined : footer)
          .map((l) => l.trim())
          .filter((l) => l.split(/\s+/).length >= 9 && l !== a.title && !l.includes(a.title))
        for (const line of prose) {
          expect(body, line).toContain(
            line.replace(/\s+/g, ' ').replace(/\.netanyahu-putin-TASS$/, '.'),
          )
        }
      })
      it('drops site chrome', () => {
        const text = a.paragraphs.join('\n')
        for (const chrome of [
          'Leave a Reply',
          'Privacy Policy',
          'Sign In',
          'Related Articles',
          'More information about',
          'Check out our other content',
          'Most Popular Articles',
          'mkaradjis at gmail.com',
          'Ivan Sekretarev (Pool/AFP)',
          'netanyahu-putin-TASS',
        ]) {
          expect(text).not.toContain(chrome)
        }
      })
    })
  }

  it('re-flows the hard-wrapped mailing-list message into whole paragraphs', () => {
    const a = seed('001_ab22bda9c27d4d3a')
    expect(a.paragraphs).toContain(
      "Israel has reportedly launched more than a dozen air strikes in Syria since 2013, mainly targeting alleged arms transfers to Hezbollah, and Israeli officials were believed to have feared that Russia's intervention could limit their room for maneuver.",
    )
    expect(a.paragraphs.every((p) => !p.includes('\n') && p === p.trim())).toBe(true)
  })

  it('marks short lines between paragraphs as section headings', () => {
    const a = seed('004_02c1bed588b60a46')
    expect(a.headings.map((i) => a.paragraphs[i])).toEqual([
      '“We Support Israel”',
      'Economic, Technological, and Military Ties',
      'Putin’s Reasons',
    ])
    expect(seed('000_ba4c929e0bb2f9d7').headings).toEqual([])
  })
})

describe('parseArticle general rules', () => {
  const prose = (n: number): string =>
    Array.from(
      { length: n },
      (_, i) => `Sentence number ${i} says something worth reading about the matter.`,
    ).join(' ')

  it('takes dates above the title as the date, not the title', () => {
    const a = parseArticle('x', `Tue Mar 3, 2020\n\nThe Real Title\n\n${prose(3)}`)
    expect(a.title).toBe('The Real Title')
    expect(a.date).toBe('2020-03-03')
  })

  it('reads a mailing-list header with CRLF line endings', () => {
    const text = [
      '[Some-List] Subject of the post',
      '',
      'Ann Example ann at example.org',
      'Wed Jan  4 10:00:00 UTC 2023',
      '',
      'First line of a hard wrapped ',
      'paragraph that goes on and on ',
      'and finally ends here.',
      '',
      prose(2),
      '',
      'More information about the Some-List mailing list',
    ].join('\r\n')
    const a = parseArticle('x', text)
    expect(a).toMatchObject({
      title: 'Subject of the post',
      author: 'Ann Example',
      date: '2023-01-04',
    })
    expect(a.source).toBe('Some-List mailing list')
    expect(a.paragraphs[0]).toBe(
      'First line of a hard wrapped paragraph that goes on and on and finally ends here.',
    )
    expect(a.paragraphs).toHaveLength(2)
  })

  it('keeps a chrome-looking line in the first half of the text', () => {
    const a = parseArticle(
      'x',
      `Title\n\n${prose(2)}\n\nRelated articles\n\n${prose(6)}\n\n${prose(6)}`,
    )
    expect(a.paragraphs).toContain('Related articles')
    expect(a.paragraphs).toHaveLength(4)
  })

  it('handles empty and title-only files', () => {
    expect(parseArticle('empty', '')).toMatchObject({
      title: 'empty',
      paragraphs: [],
      words: 0,
      readingMinutes: 1,
    })
    expect(parseArticle('t', 'Just a title\n')).toMatchObject({
      title: 'Just a title',
      paragraphs: [],
    })
  })

  it('keeps markup and scripts as plain text', () => {
    const a = parseArticle('x', `<b>Title</b>\n\n<script>alert(1)</script> ${prose(2)}`)
    expect(a.title).toBe('<b>Title</b>')
    expect(a.paragraphs[0]).toContain('<script>alert(1)</script>')
  })

  it('reads non-Latin text', () => {
    const a = parseArticle(
      'x',
      `Заголовок статьи\n\nПервый абзац текста, в котором достаточно много слов для того, чтобы считаться прозой.\n\nשלום עולם, זוהי פסקה בעברית עם מספיק מילים כדי להיחשב לפרוזה אמיתית לגמרי.`,
    )
    expect(a.title).toBe('Заголовок статьи')
    expect(a.paragraphs).toHaveLength(2)
    expect(a.words).toBeGreaterThan(20)
  })
})

describe('dateOfLine', () => {
  it.each([
    ['Fri Nov 15, 2024', '2024-11-15'],
    ['November 15, 2024', '2024-11-15'],
    ['Mon Nov 30 22:01:53 MST 2015', '2015-11-30'],
    ["Sha'ban 07, 1441 2020-04-01", '2020-04-01'],
    ['Published: 11/30/2015 - 09:10pm, updated: 09:14pm', '2015-11-30'],
  ])('%s → %s', (line, iso) => expect(dateOfLine(line)).toBe(iso))

  it.each([
    'Moscow 8th June, News Cast',
    'In 2014, amid Israel’s bloody attack on Gaza, Putin declared that he supported it',
    'Putin’s Reasons',
  ])('is not a date line: %s', (line) => expect(dateOfLine(line)).toBeUndefined())
})
