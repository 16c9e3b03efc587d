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

  it('makes a hyphenated or alphanumeric word a term whole as well as by its parts', () => {
    expect(termsOf('the Il-20 plane')).toEqual(['il', '20', 'il20', 'plane'])
    expect(termsOf('COVID-19')).toEqual(['covid', '19', 'covid19'])
    expect(termsOf('F-16s and Su24')).toEqual(['f', '16', 'f16', 'su', '24', 'su24'])
    expect(termsOf('de-confliction')).toEqual(['de', 'conflict', 'deconflict'])
    expect(termsOf('deconfliction')).toEqual(['deconflict'])
    // Dashes separate words; long hyphen chains are phrases, not names.
    expect(termsOf('1990–2000')).toEqual(['1990', '2000'])
    expect(termsOf('up-to-the-minute-news')).not.toContain('uptotheminutenew')
    const [whole] = tokenize('Il-20').filter((t) => t.compound)
    expect(whole).toMatchObject({ surface: 'il20', start: 0, end: 5 })
  })

  it('brings irregular verbs to their base form before stemming', () => {
    expect(termsOf('met given shot')).toEqual(termsOf('meet give shoot'))
    expect(termsOf('Netanyahu does it')).toEqual(['netanyahu'])
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
