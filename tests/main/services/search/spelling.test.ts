import { describe, expect, it } from 'vitest'
import {
  better,
  editDistance,
  editsAllowed,
  nearest,
  SpellingVocabulary,
  type Correction,
} from '../../../../src/main/services/search/spelling'

describe('spelling', () => {
  it('counts edits, a swap of neighbours as one, and gives up past the limit', () => {
    expect(editDistance('netanyahoo', 'netanyahu', 2)).toBe(2)
    expect(editDistance('putni', 'putin', 2)).toBe(1)
    expect(editDistance('israel', 'israel', 2)).toBe(0)
    expect(editDistance('syria', 'syrian', 2)).toBe(1)
    expect(editDistance('moscow', 'hanukkah', 2)).toBe(3)
  })

  it('counts as the full table of edits does, whatever the words’ lengths and order', () => {
    /** Optimal string alignment over the whole table, with no early stop. */
    const full = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      )
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          const cost = a[i - 1] === b[j - 1] ? 0 : 1
          let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
            v = Math.min(v, d[i - 2]![j - 2]! + 1)
          d[i]![j] = v
        }
      }
      return d[a.length]![b.length]!
    }
    let seed = 9
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const word = (): string =>
      Array.from(
        { length: Math.floor(random() * 14) },
        () => 'abcé'[Math.floor(random() * 4)],
      ).join('')
    for (let t = 0; t < 3000; t++) {
      const [a, b, max] = [word(), word(), Math.floor(random() * 4)]
      expect(editDistance(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(full(a, b), max + 1))
    }
  })

  it('allows one edit in a short word, two in a longer one, none in one of two letters', () => {
    expect([2, 3, 4, 5, 10].map(editsAllowed)).toEqual([0, 1, 1, 2, 2])
  })

  it('picks the nearest word, then the commonest', () => {
    const words: [string, number][] = [
      ['netanyahu', 30],
      ['netanyahus', 1],
      ['putin', 60],
      ['puting', 90],
    ]
    expect(nearest('netanyahoo', words)?.word).toBe('netanyahu')
    expect(nearest('putim', words)).toMatchObject({ word: 'putin', distance: 1 })
    expect(nearest('putn', words)).toMatchObject({ distance: 1, word: 'putin' })
    expect(nearest('zzzzzz', words)).toBeNull()
    expect(nearest('pu', words)).toBeNull()
  })

  it('finds what comparing with every word finds', () => {
    const words: [string, number][] = [
      'flutter',
      'flatter',
      'fluter',
      'butter',
      'flutters',
      'café',
      'cafe',
      'caffe',
      'wing',
      'wings',
      'swing',
      'boundary',
      'boundry',
      'laminar',
      'lamina',
      'il20',
      'il-20',
      'ab',
      'xyz',
    ].map((w, i) => [w, (i * 7) % 5])
    const everyWord = (word: string): Correction | null => {
      let best: Correction | null = null
      for (const [candidate, uses] of words) {
        if (candidate === word || !uses) continue
        const distance = editDistance(word, candidate, editsAllowed(word.length))
        if (distance <= editsAllowed(word.length))
          best = better(best, { word: candidate, distance, uses })
      }
      return best
    }
    for (const typed of [
      'flutter',
      'fltter',
      'flutetr',
      'cafè',
      'caf',
      'wnig',
      'boundaryy',
      'lamianr',
      'il2o',
      'zzz',
      'ab',
    ]) {
      expect(nearest(typed, words), typed).toEqual(everyWord(typed))
    }
  })

  it('answers a word asked again as it did the first time, and each word its own', () => {
    const words: [string, number][] = [
      ['wing', 9],
      ['wings', 4],
      ['swing', 2],
      ['boundary', 7],
      ['foundry', 1],
    ]
    const asked = ['wimg', 'boundry', 'wimg', 'foundary', 'boundry', 'xyzzy', 'swimg']
    const vocabulary = new SpellingVocabulary(words)
    for (const typed of [...asked, ...asked.reverse()]) {
      expect(vocabulary.nearest(typed), typed).toEqual(new SpellingVocabulary(words).nearest(typed))
    }
    expect(vocabulary.nearest('wimg')?.word).toBe('wing')
    expect(vocabulary.nearest('boundry')?.word).toBe('boundary')
  })
})
