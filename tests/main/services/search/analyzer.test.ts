import { describe, expect, it } from 'vitest'
import { fold, termsOf, tokenize } from '../../../../src/main/services/search/analyzer'

describe('analyzer', () => {
  it('folds case and diacritics in every script', () => {
    expect(fold('Café')).toBe('cafe')
    expect(fold('ÉCOLE')).toBe('ecole')
    expect(fold('Ёлка')).toBe('елка')
    expect(fold('שָׁלוֹם')).toBe('שלום') // Hebrew points
    expect(fold('مُحَمَّد')).toBe('محمد') // Arabic harakat
    expect(fold('أحمد')).toBe('احمد') // hamza on alef
    expect(fold('ﬁne')).toBe('fine') // ligature
  })

  it('stems English words and drops stop words', () => {
    expect(termsOf('The relations and the relationships')).toEqual(['relat', 'relationship'])
    expect(termsOf('Russia’s partners')).toEqual(['russia', 'partner'])
  })

  it('keeps non-Latin words whole and finds their offsets', () => {
    const tokens = tokenize('Путин и Израиль — שלום')
    expect(tokens.map((t) => t.surface)).toEqual(['путин', 'и', 'израиль', 'שלום'])
    expect(tokens[3]).toMatchObject({ start: 18, end: 22 })
  })

  it('keeps offsets into the original text for emoji and combined characters', () => {
    const text = '👋 naïve café'
    for (const t of tokenize(text)) expect(fold(text.slice(t.start, t.end))).toBe(t.surface)
  })
})
