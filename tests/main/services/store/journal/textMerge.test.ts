import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  fromRef,
  mergeText,
  textBefore,
} from '../../../../../src/main/services/store/journal/textMerge'
import {
  applyOp,
  conflictsOf,
  emptyEntity,
  textView,
} from '../../../../../src/main/services/store/journal/entities'
import { formatHlc } from '../../../../../src/main/services/store/journal/hlc'

const BASE = 'The first paragraph says one thing.\n\nThe second says another.\n\nA third.'

describe('merging a text edited on two computers from the same text', () => {
  it('merges a paragraph added at the end with an edit of the last one', () => {
    const here = `${BASE}\n\nA fourth, added here.`
    const there = BASE.replace('A third.', 'A third, edited there.')
    expect(mergeText(BASE, here, there)).toBe(
      `${BASE.replace('A third.', 'A third, edited there.')}\n\nA fourth, added here.`,
    )
  })

  it('merges edits of different paragraphs', () => {
    const here = BASE.replace('one thing', 'one small thing')
    const there = BASE.replace('A third.', 'A third, longer.')
    const merged =
      'The first paragraph says one small thing.\n\nThe second says another.\n\nA third, longer.'
    expect(mergeText(BASE, here, there)).toBe(merged)
    expect(mergeText(BASE, there, here)).toBe(merged)
  })

  it('merges different words of the same paragraph', () => {
    const here = BASE.replace('first paragraph', 'opening paragraph')
    const there = BASE.replace('one thing', 'something')
    expect(mergeText(BASE, here, there)).toBe(
      'The opening paragraph says something.\n\nThe second says another.\n\nA third.',
    )
  })

  it('keeps both when the same words were changed', () => {
    expect(
      mergeText(BASE, BASE.replace('one thing', 'two things'), BASE.replace('one', 'three')),
    ).toBeNull()
  })

  it('keeps both when a paragraph both changed was rewritten by one of them', () => {
    const base = 'We met on Tuesday to talk about the plan for spring.'
    const rewritten = 'Meeting moved; nothing decided yet, ask Sam later on.'
    const touched = 'We met on Tuesday to talk about the plan for summer.'
    expect(mergeText(base, rewritten, touched)).toBeNull()
  })

  it('keeps both when the stretch both changed is long', () => {
    const words = Array.from({ length: 500 }, (_, i) => `w${i}`)
    const base = words.join(' ')
    const here = base.replace('w10 ', 'W10 ')
    const there = base.replace('w400 ', 'W400 ')
    expect(mergeText(base, here, there)).toBeNull()
    // The same edits in a short paragraph merge.
    const short = words.slice(0, 20).join(' ')
    expect(mergeText(short, short.replace('w1 ', 'W1 '), short.replace('w15 ', 'W15 '))).toBe(
      short.replace('w1 ', 'W1 ').replace('w15 ', 'W15 '),
    )
  })

  it('merges a deletion with an edit elsewhere; keeps both when the deleted part was edited', () => {
    const deleted = BASE.replace('\n\nThe second says another.', '')
    const edited = BASE.replace('A third.', 'A third!')
    expect(mergeText(BASE, deleted, edited)).toBe('The first paragraph says one thing.\n\nA third!')
    const editedDeleted = BASE.replace('says another', 'says more')
    expect(mergeText(BASE, deleted, editedDeleted)).toBeNull()
    // Both deleted the same: no conflict.
    expect(mergeText(BASE, deleted, deleted)).toBe(deleted)
  })

  it('merges emoji and right-to-left text', () => {
    const base = 'שלום עולם 👋🏽 and more\n\nمرحبا بالعالم'
    const here = base.replace('👋🏽', '👨‍👩‍👧 🎉')
    const there = base.replace('بالعالم', 'بالعالم الجميل')
    expect(mergeText(base, here, there)).toBe('שלום עולם 👨‍👩‍👧 🎉 and more\n\nمرحبا بالعالم الجميل')
    expect(mergeText(base, here, base.replace('👋🏽', '👍'))).toBeNull()
  })

  it('gives the same text whichever side is which, when it merges', () => {
    const word = fc.constantFrom('a', 'b', 'cat', 'dog', ' ', '\n', '😀', 'שלום', '.')
    const text = fc.array(word, { maxLength: 12 }).map((w) => w.join(''))
    fc.assert(
      fc.property(text, text, text, (base, a, b) => {
        const ab = mergeText(base, a, b)
        const ba = mergeText(base, b, a)
        if (ab !== null && ba !== null) expect(ab).toBe(ba)
        expect(mergeText(base, a, a)).toBe(a)
        expect(mergeText(base, a, base)).toBe(a)
      }),
      { numRuns: 300 },
    )
  })
})

describe('the text an edit was made from', () => {
  it('is named compactly and read back exactly, emoji and all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const ref = fromRef(a, b)
        expect(textBefore(b, ref)).toBe(a)
        // Never splits a character in two.
        expect(ref[2]).toBe(a.slice(ref[0], a.length - ref[1]))
        expect(() => encodeURIComponent(ref[2])).not.toThrow()
      }),
    )
    expect(fromRef('A long note with a tpyo in it.', 'A long note with a typo in it.')).toEqual([
      20,
      8,
      'py',
    ])
  })

  it('is ignored when it does not fit the text', () => {
    expect(textBefore('short', [4, 4, 'x'])).toBeUndefined()
    expect(textBefore('short', undefined)).toBeUndefined()
  })
})

describe('a note whose text two computers edited apart', () => {
  const h = (time: number, device: string): string => formatHlc(time, 0, device)
  const edit = (text: string, from: string | null, replaces: string[]) => ({
    t: 'put' as const,
    e: 'n:one',
    f: { text },
    base: { text: replaces },
    ...(from !== null ? { from: { text: fromRef(from, text) } } : {}),
  })

  it('shows the merge when both were edited from a known text', () => {
    const entity = emptyEntity()
    const first = h(1000, 'aaaaaaaaaaaa')
    applyOp(entity, 'n:one', { t: 'put', e: 'n:one', f: { text: BASE } }, first)
    applyOp(
      entity,
      'n:one',
      edit(BASE.replace('one', 'ONE'), BASE, [first]),
      h(2000, 'aaaaaaaaaaaa'),
    )
    applyOp(
      entity,
      'n:one',
      edit(BASE.replace('third', 'THIRD'), BASE, [first]),
      h(3000, 'bbbbbbbbbbbb'),
    )
    const view = textView(entity, 'text')
    expect(view.text).toBe(BASE.replace('one', 'ONE').replace('third', 'THIRD'))
    expect(view.shown).toHaveLength(2)
    expect(view.base).toBe(BASE)
    expect(conflictsOf(entity, 'n')).toEqual([])
  })

  it('keeps both, as today, when an edit does not say what it was made from', () => {
    const entity = emptyEntity()
    const first = h(1000, 'aaaaaaaaaaaa')
    applyOp(entity, 'n:one', { t: 'put', e: 'n:one', f: { text: BASE } }, first)
    applyOp(
      entity,
      'n:one',
      edit(BASE.replace('one', 'ONE'), null, [first]),
      h(2000, 'aaaaaaaaaaaa'),
    )
    applyOp(
      entity,
      'n:one',
      edit(BASE.replace('third', 'THIRD'), BASE, [first]),
      h(3000, 'bbbbbbbbbbbb'),
    )
    expect(textView(entity, 'text').text).toBe(BASE.replace('third', 'THIRD'))
    expect(conflictsOf(entity, 'n')).toEqual([
      {
        text: BASE.replace('one', 'ONE'),
        device: 'aaaaaaaaaaaa',
        at: new Date(2000).toISOString(),
      },
    ])
  })
})
