import { describe, expect, it } from 'vitest'
import { countWords, readingMinutes } from '../../../../src/main/services/library/wordCount'

describe('countWords', () => {
  it('counts runs of letters and digits, keeping apostrophes and hyphens inside a word', () => {
    expect(countWords(["Don't stop: the well-known F-16 flew in 2015."])).toBe(8)
    expect(countWords(['', '   ', '— … !'])).toBe(0)
  })

  it('counts Japanese and Chinese by their words, not as one word a sentence', () => {
    // Natsume Sōseki, "I Am a Cat": 吾輩|は|猫|で|ある|名前|は|まだ|無い
    const japanese = countWords(['吾輩は猫である。名前はまだ無い。'])
    expect(japanese).toBeGreaterThanOrEqual(7)
    expect(japanese).toBeLessThanOrEqual(12)
    const chinese = countWords(['我们今天去北京大学看书。'])
    expect(chinese).toBeGreaterThanOrEqual(5)
    expect(chinese).toBeLessThanOrEqual(8)
  })

  it('gives a long Chinese article a reading time in minutes, not the one minute of one "word"', () => {
    const paragraph = '我们今天去北京大学看书。'.repeat(40)
    expect(readingMinutes(countWords(Array(20).fill(paragraph)))).toBeGreaterThan(10)
  })

  it('leaves spaced scripts alone: Korean, Arabic, Hebrew, emoji', () => {
    expect(countWords(['나는 학교에 갑니다'])).toBe(3)
    expect(countWords(['مرحبا بالعالم'])).toBe(2)
    expect(countWords(['שלום עולם'])).toBe(2)
    expect(countWords(['Read 📚 more'])).toBe(2)
  })
})
