import { describe, expect, it } from 'vitest'
import { readingTime } from '../../src/shared/readingTime'

describe('readingTime', () => {
  it('says minutes under an hour', () => {
    expect(readingTime(1)).toBe('1 min')
    expect(readingTime(59)).toBe('59 min')
  })
  it('says hours and minutes for a long read, and whole hours for a book', () => {
    expect(readingTime(60)).toBe('1 h')
    expect(readingTime(95)).toBe('1 h 35 min')
    expect(readingTime(600)).toBe('10 h')
    expect(readingTime(930)).toBe('16 h')
    expect(readingTime(929)).toBe('15 h')
  })
})
