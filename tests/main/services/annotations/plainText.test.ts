import { describe, expect, it } from 'vitest'
import { plainText } from '../../../../src/main/services/annotations/plainText'

describe('a note as plain text', () => {
  it('drops Markdown syntax and keeps the words, a block to a line', () => {
    expect(
      plainText(
        '## Why\n\nThis is **key**: see [the report](https://example.org/r) and `code`.\n\n- first\n- second *point*\n\n> quoted\n\n![a chart](chart.png)',
      ),
    ).toBe('Why\nThis is key: see the report and code.\nfirst\nsecond point\nquoted\na chart')
  })

  it('leaves text without Markdown as it is, and drops raw HTML tags', () => {
    expect(plainText('just words, 3 of them')).toBe('just words, 3 of them')
    expect(plainText('a <b>bold</b> claim')).toBe('a bold claim')
  })
})
