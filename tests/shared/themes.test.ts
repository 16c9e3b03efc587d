/**
 * Every theme's text meets WCAG AA (4.5:1) against each background it is drawn on, highlight
 * colours included; the focus ring and the swatches meet the 3:1 of non-text contrast.
 */
import { describe, expect, it } from 'vitest'
import { THEME_COLORS, resolveTheme, type ThemeColors } from '../../src/shared/themes'

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`)
  const [r, g, b] = match.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

type Key = Exclude<keyof ThemeColors, 'shadow' | 'color-scheme'>

/** Text colours and the backgrounds each is drawn on in the window. */
const TEXT_PAIRS: [text: Key, backgrounds: Key[]][] = [
  ['ink', ['paper', 'surface', 'selected', 'accent-soft']],
  ['ink-soft', ['paper', 'surface', 'selected', 'accent-soft']],
  ['ink-faint', ['paper', 'surface', 'selected', 'accent-soft']],
  ['accent', ['paper', 'surface', 'selected', 'accent-soft']],
  ['danger', ['paper', 'surface', 'selected']],
  ['paper', ['ink']], // the toast
  ['danger-ink', ['danger']], // an error toast
  ['mark-ink', ['mark']],
  ['find-ink', ['find']],
  ['find-current-ink', ['find-current']],
  ['hl-ink', ['hl-yellow', 'hl-red', 'hl-blue', 'hl-green']],
]

const NON_TEXT: [Key, Key[]][] = [['focus', ['paper', 'surface', 'selected']]]

describe.each(Object.entries(THEME_COLORS))('the %s theme', (_, colors) => {
  it.each(TEXT_PAIRS)('%s text is AA on every background it is drawn on', (text, backgrounds) => {
    for (const background of backgrounds) {
      const ratio = contrast(colors[text], colors[background])
      expect(ratio, `${text} on ${background}`).toBeGreaterThanOrEqual(4.5)
    }
  })

  it.each(NON_TEXT)('%s stands out 3:1 from what is around it', (part, backgrounds) => {
    for (const background of backgrounds) {
      expect(
        contrast(colors[part], colors[background]),
        `${part} on ${background}`,
      ).toBeGreaterThanOrEqual(3)
    }
  })

  it('keeps the four highlight colours apart from one another', () => {
    const hl = (['hl-yellow', 'hl-red', 'hl-blue', 'hl-green'] as const).map((k) => colors[k])
    expect(new Set(hl).size).toBe(4)
  })
})

describe('contrast', () => {
  it('matches the WCAG reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#ffffff', '#ffffff')).toBe(1)
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })
})

describe('resolveTheme', () => {
  it('follows the system only when asked to', () => {
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('system', false)).toBe('light')
    expect(resolveTheme('sepia', true)).toBe('sepia')
    expect(resolveTheme('light', true)).toBe('light')
  })
})
