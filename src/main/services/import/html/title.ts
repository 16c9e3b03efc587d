/** The article's title among what the page offers: headline metadata, `<title>`, `<h1>`. */

const fold = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
const clean = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim()

/** `Headline | Site` or `Site - Headline`: the part that is not the site's name. */
export function withoutSiteName(title: string, siteName: string | undefined): string {
  const parts = title.split(/\s+[|–—:·•»-]\s+/)
  if (parts.length < 2) return title
  const site = siteName ? fold(siteName) : undefined
  const kept = parts.filter(
    (p) => !site || (fold(p) !== site && !site.includes(fold(p)) && !fold(p).includes(site)),
  )
  if (kept.length && kept.length < parts.length) return kept.join(' - ')
  return title
}

export function chooseTitle(c: {
  headline?: string
  documentTitle?: string
  readabilityTitle?: string
  h1s: string[]
  siteName?: string
}): string {
  const h1s = c.h1s.map(clean).filter(Boolean)
  const base = clean(c.headline) || clean(c.readabilityTitle) || clean(c.documentTitle)
  // A single <h1> that the metadata agrees with is the headline as readers see it.
  const agreeing = h1s.find(
    (h) => base && (fold(base).includes(fold(h)) || fold(h).includes(fold(base))),
  )
  if (agreeing && fold(agreeing).length >= 8) return agreeing
  if (base) return withoutSiteName(base, c.siteName)
  return h1s[0] ?? ''
}
