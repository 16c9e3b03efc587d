/**
 * The article's title as readers see it: the page's `<h1>` when the page's own metadata
 * (JSON-LD headline, Open Graph, `<title>`) agrees with it, else that metadata without the
 * site's name. An `<h1>` the metadata does not agree with is usually the site's name.
 */

import { squashed } from '../squashed'
import { decodeEntities, spaceAround } from './metadata'
import { withoutPermalinkSign } from './toBlocks'

const fold = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
const squash = (s: string): string => fold(s).replace(/ /g, '')

/**
 * A heading's text as a reader sees it: without the buttons it carries (`Copy item path`)
 * and the parts the page hides until asked (a tooltip's `Stay organized with collections`).
 */
export function headingText(heading: Element): string {
  const copy = heading.cloneNode(true) as Element
  // An SVG's <title> and <desc> label a drawing (a logo's `Artboard`); a reader sees no words.
  for (const el of Array.from(copy.querySelectorAll('button, [hidden], template, svg'))) el.remove()
  // A line break, or a block set inside the heading, parts words a reader sees apart
  // (`Top MBA Programs<br>Your Guide`); textContent would run them together.
  spaceAround(copy, 'br, div, p')
  return copy.textContent ?? ''
}

/** A link to a site's front page: `/`, `https://example.org/`, `index.html`. */
const FRONT_PAGE = /^(?:(?:https?:)?\/\/[^/?#]+)?\/?(?:index\.\w+)?$/i

/**
 * A heading that is the site's banner, not the article's headline: all its words are one link
 * to the front page (a blog's name at the top of every page, or its logo).
 */
export function isSiteBanner(heading: Element): boolean {
  const links = heading.querySelectorAll('a[href]')
  if (links.length !== 1) return false
  const link = links[0] as Element
  if (!FRONT_PAGE.test((link.getAttribute('href') ?? '').trim())) return false
  const words = (el: Element): string => squashed(headingText(el))
  return words(link) === words(heading)
}

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

/** The distinctive labels of a page's host name (`nytimes` of `www.nytimes.com`). */
function hostLabelsOf(url: string | undefined): string[] {
  try {
    return url
      ? new URL(url).hostname
          .split('.')
          .filter((l) => l.length >= 4 && !/^(www|com|org|net|blog|forum|forums|docs)$/.test(l))
      : []
  } catch {
    return [] // no usable address
  }
}

const STRONG = /\s+[|·•»/]\s+|\s+::\s+/
const WEAK = /\s+[-–—:]\s+/

/** `Headline | Site`, `Site - Headline`: the headline. */
export function withoutSiteName(title: string, sites: string[], url?: string): string {
  const host = hostLabelsOf(url)
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

/** `Headline – Site` in an <h1>: the headline, when the last part names the site. */
function withoutSiteTail(h1: string, sites: string[], url?: string): string {
  const parts = h1.split(new RegExp(`(${STRONG.source}|${WEAK.source})`))
  if (parts.length < 3) return h1
  const last = parts[parts.length - 1] as string
  const rest = parts.slice(0, -2).join('')
  return isSitePart(last, sites, hostLabelsOf(url)) && fold(rest).split(' ').length >= 2
    ? rest.trim()
    : h1
}

/**
 * An <h1> that is the headline with a label before it (a date, `Thread:`, a section) or the
 * site's name after a separator (`Catering Tips | Cookshack`, `… (example.com) 87`). An
 * <h1> that goes on after the headline in words (`… in Compose`) is a longer headline, and
 * words before it that the <title> also sets before the headline, with no separator between
 * (`2025 Software Development Price Guide`), are the headline's own.
 */
function h1AroundHeadline(h1: string, headline: string, documentTitleLead = ''): boolean {
  const h = fold(headline)
  const full = fold(h1)
  if (!h || h === full) return false
  if (full.endsWith(` ${h}`)) {
    const before = full.slice(0, -h.length - 1)
    return !fold(documentTitleLead).startsWith(`${before} ${h.split(' ')[0]}`)
  }
  const lower = h1.toLowerCase()
  const at = lower.indexOf(headline.toLowerCase())
  return at === 0 && /^\s*(?:[|–—-]\s|\()/.test(h1.slice(headline.length))
}

/** The parts of a title between its separators, strong or weak. */
const partsOf = (title: string): string[] =>
  title
    .split(STRONG)
    .flatMap((p) => p.split(WEAK))
    .map(squashed)
    .filter(Boolean)

/**
 * A headline cut short where sharing metadata has a length limit (`… Solutions (Including`):
 * when a long headline is the start of the <title>, the title's headline part is all of it.
 */
function uncut(headline: string, documentTitle: string, siteName?: string, url?: string): string {
  if (headline.length < 50 || !documentTitle) return headline
  const lead = withoutSiteName(documentTitle, [siteName ?? ''].filter(Boolean), url)
  const h = fold(headline.replace(/(?:…|\.\.\.)$/, ''))
  // Only when the <title> goes on in words, before any separator: the same words spelt
  // otherwise are no cut, and `Headline - Category` is a headline with a section after it.
  const first = lead.split(WEAK)[0] ?? lead
  return fold(first).startsWith(`${h} `) ? lead : headline
}

/**
 * `Headline | Top 19 Companies`, `Headline | Opinion`: short labels after a bar are a
 * section, a tagline or the site, not the headline; a long part after it is a second headline.
 */
function withoutLabelsAfterBar(title: string): string {
  const [first, ...rest] = title.split(/\s+\|\s+/)
  return first &&
    rest.length &&
    fold(first).split(' ').length >= 3 &&
    rest.every((p) => fold(p).split(' ').length <= 5)
    ? first
    : title
}

/** Words in a text, a possessive (`Doom9's`) one word. */
const wordsOf = (s: string): number =>
  fold(s.replace(/['’]s\b/gi, 's'))
    .split(' ')
    .filter(Boolean).length

/**
 * `Long Headline - Part 1`, `… - Infographic`, `… - Some Forum`: a word or two after a dash
 * at the end of a long title labels it or names the site. A longer part after a dash is a
 * subtitle (`Zero Waste - A Beginner's Guide`), and a short title keeps its dash.
 */
function withoutShortTail(title: string): string {
  const parts = title.split(/(\s+[-–—]\s+)/)
  // `Thread - Board - Site`: each short part at the end is a label or the site, in turn.
  while (
    parts.length >= 3 &&
    wordsOf(parts.at(-1) as string) <= 2 &&
    wordsOf(parts.slice(0, -2).join('')) >= 4
  )
    parts.splice(-2)
  return parts.join('')
}

/**
 * `3.1 Git Branching`, `15 - Tutorial: Sweep`, `2024 - Pros & Cons`: a section's number or a
 * year before a dash, set in front of the headline; a version (`2024.4.4 -> 2024.5.0`) stays.
 */
const withoutNumbering = (title: string): string => {
  const rest = title.replace(/^\d{1,2}(?:\.\d{1,2})+\s+(?=\p{Lu})|^\d+\s+[-–—]\s+/u, '')
  return /\p{L}/u.test(rest) ? rest : title
}

/**
 * `Investorâs Guide`: text encoded as UTF-8 twice by its page (each byte of a character
 * taken for a character of its own), read back as written.
 */
function withoutDoubleEncoding(title: string): string {
  if (
    !/[\u00c2-\u00f4][\u0080-\u00bf]/.test(title) ||
    [...title].some((ch) => ch.charCodeAt(0) > 0xff)
  )
    return title
  const bytes = Uint8Array.from(title, (ch) => ch.charCodeAt(0))
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return title
  }
}

/**
 * `Event Planning? Beginner? Guide`: a heading whose characters a lossy charset conversion
 * turned into `?` or `�` reads as the page's metadata spells it (`Event Planning: Beginner's
 * Guide`), when that metadata says the same with a character or two at each such place.
 */
function withLostCharactersBack(
  title: string,
  c: { headline?: string; documentTitle?: string },
): string {
  if (!/[?\ufffd]\S|[?\ufffd] \p{L}/u.test(title)) return title
  const documentTitle = squashed(c.documentTitle)
  const metadata = [squashed(c.headline), ...partsOf(documentTitle), documentTitle]
  const escaped = title.replace(/[.*+^${}()|[\]\\]/g, '\\$&')
  const lost = new RegExp(`^${escaped.replace(/[?\ufffd]/g, '\\S{1,3}')}$`, 'u')
  return metadata.find((m) => m !== title && lost.test(m)) ?? title
}

export function chooseTitle(c: Parameters<typeof pickTitle>[0]): string {
  const picked = withoutDoubleEncoding(pickTitle(c))
  return withoutNumbering(
    withoutShortTail(withoutLabelsAfterBar(withLostCharactersBack(picked, c))),
  )
}

function pickTitle(c: {
  headline?: string
  documentTitle?: string
  readabilityTitle?: string
  h1s: string[]
  /** The page's only <h1> comes after paragraphs of its text. */
  h1FollowsText?: boolean
  siteName?: string
  url?: string
}): string {
  const documentTitle = squashed(c.documentTitle)
  const statedHeadline = squashed(c.headline)
  const docParts = partsOf(documentTitle)
  // A heading's text escaped twice (`Python &#x26; SQL`) reads as its page shows it; one
  // encoded twice is read back before its permalink sign (`Â¶`, a `¶` encoded twice) comes off.
  const allH1s = c.h1s
    .map((h) => withoutPermalinkSign(squashed(withoutDoubleEncoding(decodeEntities(h)))))
    .filter(Boolean)
  const h1s = allH1s
    // An <h1> that is a later part of the <title> (`What is Ownership? - The Book`) is the
    // site's name in its banner.
    .filter((h) => !docParts.slice(1).some((p) => squash(p) === squash(h)))
  const meta =
    uncut(statedHeadline, documentTitle, c.siteName, c.url) ||
    documentTitle ||
    squashed(c.readabilityTitle)
  if (!meta) return h1s[0] ?? ''
  // An <h1> that is the first part of the <title> (`Quickstart — Flask Documentation`) is
  // the headline, however little else of the title it shares.
  // The title's own spelling: an <h1> may be styled in capitals.
  const lead = docParts[0]
  // An <h1> that is the headline the metadata states is the headline, whatever other <h1>
  // matches the first part of the <title> (a tag before it: `backup - How to …`).
  const stated = allH1s.find((h) => statedHeadline && squash(h) === squash(statedHeadline))
  if (stated && lead && squash(stated) !== squash(lead)) return stated
  if (docParts.length > 1 && lead && h1s.some((h) => squash(h) === squash(lead))) return lead
  const sites = [c.siteName ?? '', ...allH1s].filter(Boolean)
  let best: string | undefined
  let score = 0
  for (const h of h1s) {
    const s = Math.max(likeness(h, meta), likeness(h, documentTitle))
    if (s > score) [best, score] = [h, s]
  }
  if (best && score >= 0.3) {
    const headline = withoutSiteName(meta, [c.siteName ?? ''].filter(Boolean), c.url)
    return fold(best) !== fold(meta) && h1AroundHeadline(best, headline, lead)
      ? headline
      : withoutSiteTail(best, [c.siteName ?? ''].filter(Boolean), c.url)
  }
  // The page's only <h1>, worded as a headline, is what its reader sees above the text, even
  // when the metadata was written for search results or sharing ("… – Top 10 Picks"). A
  // site's name in its banner is short, or names the site; a heading after paragraphs of the
  // text is a pull quote or a section's. A heading of more than thirty words, when the page
  // states a headline for sharing, is a summary or a call to action set large ("Learn which
  // … ? Get expert tips … . We'll help you …"); a long headline with its quoted line is still
  // the headline where the only metadata is the site's `<title>`.
  const only = h1s.length === 1 && !c.h1FollowsText ? h1s[0] : undefined
  if (
    only &&
    fold(only).split(' ').length >= 4 &&
    !(c.headline && wordsOf(only) > 30) &&
    !isSitePart(only, [c.siteName ?? ''].filter(Boolean), hostLabelsOf(c.url))
  )
    return only
  return withoutSiteName(meta, sites, c.url)
}
