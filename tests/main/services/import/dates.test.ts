import { describe, expect, it } from 'vitest'
import { isoDate, showsDate, urlDate } from '../../../../src/main/services/import/dates'

describe('dates', () => {
  it('keeps the day a machine date was written on', () => {
    expect(isoDate('2025-09-04T23:00:00-04:00')).toBe('2025-09-04')
    expect(isoDate('March 3, 2024')).toBe('2024-03-03')
  })

  it('takes no date that moves with the day it is read: it meant when the page was saved', () => {
    for (const text of [
      'today',
      'Today at 9:00',
      'yesterday',
      '3 days ago',
      'Posted 2 weeks ago',
      'an hour ago',
      'next Monday',
      'last Friday',
      'now',
    ])
      expect(isoDate(text), text).toBeUndefined()
    // A date written out beside a relative one is still the page's date.
    expect(isoDate('March 4, 2025 (3 days ago)')).toBe('2025-03-04')
    expect(isoDate('Updated yesterday; first published 12 January 2019')).toBe('2019-01-12')
  })

  it('finds a day in text as people write it, and not another day', () => {
    for (const text of [
      'Updated Sep 5, 2024',
      'Updated: September 5th, 2024 9:06am',
      'Last updated 5 September 2024',
      'on 09/05/2024',
      '5.9.2024',
      'Sept. 5 2024',
    ])
      expect(showsDate(text, '2024-09-05'), text).toBe(true)
    expect(showsDate('Updated Sep 15, 2024', '2024-09-05')).toBe(false)
    expect(showsDate('Updated Sep 5, 2023', '2024-09-05')).toBe(false)
  })
})

describe('dates in addresses', () => {
  it('reads the day a page’s address names', () => {
    expect(urlDate('https://blog.example/2025/12/18/the-list/')).toBe('2025-12-18')
    expect(urlDate('https://example.org/articles/2025-12-15+Rust+GCC')).toBe('2025-12-15')
    expect(urlDate('https://example.org/blog/2023/october/03/wine-types')).toBe('2023-10-03')
    expect(urlDate('https://example.org/2025/12/some-post')).toBeUndefined()
    expect(urlDate('https://example.org/item/2025/13/40/')).toBeUndefined()
    expect(urlDate(undefined)).toBeUndefined()
  })
})
