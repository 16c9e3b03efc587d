import { describe, expect, it } from 'vitest'
import { listNumbers } from '../../src/shared/listNumbers'
import { blocksToText, type Block } from '../../src/main/services/import/types'

const item = (text: string, ordered: boolean, depth = 0): Block => ({
  type: 'listItem',
  text,
  ordered,
  depth,
})

describe('ordered list numbers', () => {
  it('counts items at their depth, resumes after a nested list, and restarts after prose', () => {
    const blocks: Block[] = [
      item('Preheat', true),
      item('Sift', true),
      item('flour', false, 1),
      item('sugar', false, 1),
      item('Bake', true),
      { type: 'paragraph', text: 'Then:' },
      item('Cool', true),
    ]
    expect([...listNumbers(blocks)]).toEqual([
      [0, 1],
      [1, 2],
      [4, 3],
      [6, 1],
    ])
  })

  it('does not end a list at a picture between its items', () => {
    const blocks: Block[] = [
      item('One', true),
      { type: 'image', src: 'a.png', alt: '', origin: 'file' },
      item('Two', true),
    ]
    expect(listNumbers(blocks).get(2)).toBe(2)
  })

  it('writes the numbers the reader shows into the plain text, and only for ordered lists', () => {
    const text = blocksToText([item('Preheat', true), item('Bake', true), item('flour', false)])
    expect(text).toBe('1. Preheat\n\n2. Bake\n\nflour')
  })
})
