/** Tags rewritten to Obsidian's documented rule, checked against that rule for any input. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { obsidianTag, obsidianTags } from '../../../../src/main/services/export/obsidianTags'
import { isObsidianTag } from './readExport'

describe('obsidianTag', () => {
  it.each([
    ['middle east', 'middle-east'],
    ['  middle   east  ', 'middle-east'],
    ['topic/sub', 'topic/sub'],
    ['topic / sub / leaf', 'topic/sub/leaf'],
    ['/topic//sub/', 'topic/sub'],
    ['a · b', 'a-b'],
    ['C#', 'C'],
    ['x<y>', 'x-y'],
    ['snake_case', 'snake_case'],
    ['_under_', 'under'],
    ['**bold**', 'bold'],
    ['1984', '_1984'],
    ['2024/05', '_2024/05'],
    ['y1984', 'y1984'],
    ['עברית', 'עברית'],
    ['שָׁלוֹם', 'שָׁלוֹם'],
    ['e\u0301', 'é'],
    ['Straße', 'Straße'],
    ['😀', ''],
    ['---', ''],
    ['~', ''],
  ])('%j → %j', (tag, expected) => {
    expect(obsidianTag(tag)).toBe(expected)
  })

  it('always gives a valid Obsidian tag, or nothing, and is stable once applied', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'grapheme' }), (tag) => {
        const out = obsidianTag(tag)
        if (out !== '') expect(isObsidianTag(out)).toBe(true)
        expect(obsidianTag(out)).toBe(out)
      }),
    )
  })

  it('keeps each tag once, in order, dropping those with nothing left', () => {
    expect(obsidianTags(['middle east', 'middle-east', '😀', 'b', 'a'])).toEqual([
      'middle-east',
      'b',
      'a',
    ])
  })
})
