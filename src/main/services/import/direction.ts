/** Text direction: what the page declares, else its language, else its letters. */

const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'he',
  'iw',
  'ku',
  'ps',
  'sd',
  'ug',
  'ur',
  'yi',
])
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/gu
const LTR_LETTER = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff]/gu

export function directionOf(
  declared: string | undefined | null,
  language: string | undefined,
  text: string,
): 'ltr' | 'rtl' {
  const dir = declared?.trim().toLowerCase()
  if (dir === 'rtl' || dir === 'ltr') return dir
  const primary = language?.toLowerCase().split(/[-_]/)[0]
  if (primary && RTL_LANGUAGES.has(primary)) return 'rtl'
  const sample = text.slice(0, 5000)
  const rtl = sample.match(RTL_LETTER)?.length ?? 0
  const ltr = sample.match(LTR_LETTER)?.length ?? 0
  return rtl > ltr ? 'rtl' : 'ltr'
}
