/**
 * The article's title as readers see it: the page's `<h1>` when the page's own metadata
 * (JSON-LD headline, Open Graph, `<title>`) agrees with it, else that metadata without the
 * site's name. An `<h1>` the metadata does not agree with is usually the site's name.
 */

const fold = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
const squash = (s: string): string => fold(s).replace(/ /g, '')
const clean = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim()

/** Share of words two titles have in common (Jaccard). */
function likeness(a: string, b: string): number {
  const A = new Set(fold(a).split(' ').filter(Boolean))
  const B = new Set(fold(b).split(' ').filter(Boolean))
  let shared = 0
  for (const w of A) if (B.has(w)) shared++
  return shared / Math.max(1, A.size + B.size - shared)
}

/** Whether a part of a title names the site: its name, a heading of the site, or its host. */
function isSitePart(part: string, sites: string[], hostLabels: string[]): boolean {
  const p = squash(part)
  if (!p) return true
  // A headline may name its site; a site's name is short.
  const short = fold(part).split(' ').length <= 4
  return (
    sites.some(
      (s) => squash(s) === p || (short && squash(s).length >= 4 && p.includes(squash(s))),
    ) ||
    hostLabels.some(
      (h) => p === h || (short && (p.includes(h) || (p.length >= 4 && h.includes(p)))),
    )
  )
}

const STRONG = /\s+[|·•»/]\s+|\s+::\s+/
const WEAK = /\s+[-–—:]\s+/

/** `Headline | Site`, `Site - Headline`: the headline. */
export function withoutSiteName(title: string, sites: string[], url?: string): string {
  let host: string[] = []
  try {
    if (url)
      host = new URL(url).hostname
        .split('.')
        .filter((l) => l.length >= 4 && !/^(www|com|org|net|blog|forum|forums|docs)$/.test(l))
  } catch {
    // no usable address
  }
  let parts = title.split(STRONG).filter((p) => p.trim())
  if (parts.length > 1) {
    const kept = parts.filter((p) => !isSitePart(p, sites, host))
    parts = [kept[0] ?? (parts[0] as string)]
  }
  const weak = (parts[0] as string).split(WEAK)
  if (weak.length > 1) {
    const kept = weak.filter((p) => !isSitePart(p, sites, host))
    if (kept.length && kept.length < weak.length) return kept.join(' - ')
  }
  return parts[0] as string
}

export function chooseTitle(c: {
  headline?: string
  documentTitle?: string
  readabilityTitle?: string
  h1s: string[]
  siteName?: string
  url?: string
}): string {
  const h1s = c.h1s.map(clean).filter(Boolean)
  const meta = clean(c.headline) || clean(c.documentTitle) || clean(c.readabilityTitle)
  if (!meta) return h1s[0] ?? ''
  let best: string | undefined
  let score = 0
  for (const h of h1s) {
    const s = Math.max(likeness(h, meta), likeness(h, clean(c.documentTitle)))
    if (s > score) [best, score] = [h, s]
  }
  if (best && score >= 0.3) return best
  const sites = [c.siteName ?? '', ...h1s].filter(Boolean)
  return withoutSiteName(meta, sites, c.url)
}
