/**
 * An HTML page's metadata from what it states about itself, most reliable first: JSON-LD
 * (schema.org), Open Graph and other `<meta>` tags, `<link rel=canonical>`, `<time>`, and
 * bylines marked up as such. Read before extraction changes the document.
 */
import { daysBetween, isoDate, urlDate } from '../dates'
import { squashed } from '../squashed'

export interface PageMetadata {
  title?: string
  headline?: string
  author?: string
  /** An organisation the page names as the author: taken only when no person is named. */
  authorOrganisation?: string
  siteName?: string
  published?: string
  /** When the page says it was last changed (for pages that show that date, not the first). */
  modified?: string
  url?: string
  language?: string
  direction?: string
  description?: string
}

type Json = Record<string, unknown>

const ARTICLE_TYPES =
  /^(Article|NewsArticle|BlogPosting|Report|ScholarlyArticle|TechArticle|AnalysisNewsArticle|OpinionNewsArticle|ReviewNewsArticle|LiveBlogPosting|SocialMediaPosting|DiscussionForumPosting|Review|WebPage|QAPage|Question|HowTo|Recipe|MedicalWebPage|CreativeWork|VideoObject|PodcastEpisode)$/

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
}

/**
 * Character references left in a value: pages escape their titles twice (`&amp;#038;`,
 * `&#8217;`), and JSON-LD is not HTML, so its values arrive escaped.
 */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] !== '#') return NAMED_ENTITIES[ref.toLowerCase()] ?? all
    const code =
      ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all
  })
}

const clean = (s: unknown): string | undefined => {
  if (typeof s !== 'string') return undefined
  const t = squashed(decodeEntities(s))
  return t || undefined
}

function typesOf(node: Json): string[] {
  const t = node['@type']
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string')
}

/** Every object in the page's JSON-LD, flattened out of arrays and `@graph`s. */
function jsonLdNodes(document: Document): Json[] {
  const out: Json[] = []
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || !value || typeof value !== 'object') return
    if (Array.isArray(value)) return value.forEach((v) => visit(v, depth + 1))
    const node = value as Json
    out.push(node)
    if (node['@graph']) visit(node['@graph'], depth + 1)
    if (node.mainEntity) visit(node.mainEntity, depth + 1)
  }
  for (const script of Array.from(
    document.querySelectorAll('script[type="application/ld+json" i]'),
  )) {
    const text = (script.textContent ?? '').replace(/^\s*<!--|-->\s*$/g, '')
    try {
      visit(JSON.parse(text), 0)
    } catch {
      // Line breaks and tabs left raw inside strings, as templates paste text in: as spaces
      // they are whitespace wherever they stand. Other broken JSON-LD is ignored, like a
      // browser does.
      try {
        visit(JSON.parse(text.replace(/[\n\r\t]/g, ' ')), 0)
      } catch {
        // ignored
      }
    }
  }
  return out
}

/**
 * Names of people: `"Jane"`, `{name}`, or a list of either; URLs are not names. An author
 * typed `Organization` is the publisher standing in for its writers: it is only a last resort.
 */
function personNames(value: unknown, byId: Map<string, Json>, organisations = false): string[] {
  const list = Array.isArray(value) ? value : [value]
  const names: string[] = []
  for (const item of list) {
    let name: string | undefined
    if (typeof item === 'string') name = organisations ? undefined : clean(item)
    else if (item && typeof item === 'object') {
      const node = item as Json
      const ref = typeof node['@id'] === 'string' ? byId.get(node['@id']) : undefined
      const types = [...typesOf(node), ...(ref ? typesOf(ref) : [])]
      const isOrganisation =
        types.some((t) => /Organization|Corporation|NewsMediaOrganization/.test(t)) &&
        !types.includes('Person')
      if (isOrganisation === organisations) name = clean(node.name) ?? clean(ref?.name)
    }
    // A person's name written as a byline (`By Jane Doe`).
    if (name && !organisations) name = withoutAffiliation(name.replace(/^by\s+(?=\p{Lu})/iu, ''))
    // `, USA TODAY`: a template that had no writer's name to put before the publication.
    if (name && /^[,;]/.test(name)) name = undefined
    if (name && !/^https?:\/\//.test(name)) names.push(name)
  }
  const people = names.filter((n) => !isPhrase(n))
  return people.length ? people : names
}

/** Words that may stand in lower case inside a person's name (`Ludwig van Beethoven`). */
const PARTICLES = /^(?:de|van|von|der|den|da|di|du|la|le|del|dos|bin|al|ten|ter|y|e)$/

/**
 * A phrase, not a person's name: lower-case words other than particles, or more words than a
 * name has (`Garden Learning Network on Facebook`). Templates list such pages beside the writer.
 */
function isPhrase(name: string): boolean {
  const words = name.split(/\s+/)
  return words.length > 5 || words.some((w) => /^\p{Ll}/u.test(w) && !PARTICLES.test(w))
}

/**
 * The page's `<meta>` tags by key (`property`, `name` or `itemprop`, in any case), in page
 * order. Read once per page: a selector per key scanned the whole document each time, which
 * on a page of thousands of posts was a quarter of its reading.
 */
const metaIndexes = new WeakMap<Document, Map<string, Element[]>>()
function metaTags(document: Document, key: string): Element[] {
  return metaIndex(document).get(key.toLowerCase()) ?? []
}

function metaIndex(document: Document): Map<string, Element[]> {
  let index = metaIndexes.get(document)
  if (!index) {
    index = new Map()
    for (const el of Array.from(document.getElementsByTagName('meta'))) {
      const keys = new Set(
        ['property', 'name', 'itemprop'].map((a) => el.getAttribute(a)?.toLowerCase()),
      )
      for (const k of keys) {
        if (!k) continue
        const tags = index.get(k)
        if (tags) tags.push(el)
        else index.set(k, [el])
      }
    }
    metaIndexes.set(document, index)
  }
  return index
}

function meta(document: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = clean(metaTags(document, key)[0]?.getAttribute('content'))
    if (value) return value
  }
  return undefined
}

/** Every value of a `<meta>` key, in page order. */
function metaAll(document: Document, key: string): string[] {
  return metaTags(document, key)
    .map((el) => clean(el.getAttribute('content')))
    .filter((v): v is string => Boolean(v))
}

const AUTHOR_KEYS = [
  'author',
  'article:author',
  'dc.creator',
  'citation_author',
  'citation_authors',
  'parsely-author',
  'sailthru.author',
  'byl',
]
/** Keys a page repeats, one tag per writer (Open Graph, Dublin Core, Google Scholar's). */
const ONE_TAG_PER_WRITER = new Set([
  'article:author',
  'dc.creator',
  'citation_author',
  'citation_authors',
])

/**
 * The writers the `<meta>` tags name. A key given once per writer lists them all; a key whose
 * values are all profile addresses (`article:author` often is) gives way to the next; and a
 * fuller list of writers that includes the one another tag names wins over it (scholarly
 * pages name the first author in `author` or `dc.creator` and all of them in `citation_author`).
 */
function metaAuthors(document: Document): string | undefined {
  const lists = AUTHOR_KEYS.map((key) => {
    const names = metaAll(document, key)
      .map((v) => cleanByline(v))
      .filter((v): v is string => Boolean(v))
    const unique = names.filter((n, i) => names.findIndex((m) => same(m, n)) === i)
    return ONE_TAG_PER_WRITER.has(key) ? unique : unique.slice(0, 1)
  })
  const first = lists.find((l) => l.length)
  if (!first) return undefined
  const fuller = lists.find(
    (l) => l.length > first.length && first.every((n) => l.some((m) => same(m, n))),
  )
  return (fuller ?? first).join(', ')
}

/** A name with case, spaces and punctuation taken out, to compare names as written. */
export const squash = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
const same = (a: string, b: string): boolean => squash(a) === squash(b)

/**
 * Sets a space before and after each element of `root` (a copy) that `selector` names, so that
 * textContent keeps apart the words a reader sees apart (`Programs<br>Your Guide`).
 */
export function spaceAround(root: Element, selector: string): void {
  for (const el of Array.from(root.querySelectorAll(selector))) {
    el.before(' ')
    el.after(' ')
  }
}

/** Text of the first element matching one of the selectors, when short enough to be a name. */
function shortText(document: Document, selectors: string, maxWords: number): string | undefined {
  for (const el of Array.from(document.querySelectorAll(selectors)).slice(0, 20)) {
    const text = clean(el.getAttribute('content') ?? el.textContent)
    if (text && text.split(' ').length <= maxWords) return text
  }
  return undefined
}

/** Job titles printed after a name (`Jane Doe Senior Tech Reporter`). */
const ROLE =
  /(?:\s+|(?<=\p{Ll}))(?:(?:former|senior|deputy|staff|contributing|associate|managing|chief|lead|guest|freelance|tech|technology|news|features?|science|health|sports?|video|audio|social|digital|executive|assistant)\s+)*(?:(?<=(?:senior|staff|deputy|chief|lead|associate|contributing)\s+)\p{Lu}\p{Ll}+\s+)?(?:writer|editor|reporter|correspondent|contributor|journalist|columnist|author|producer|analyst)s?(?=$|[\s,;|(]).*$/iu

/** A comma, then words ending in a job (`, Senior Privacy Expert`, `, Staff Writer`). */
const COMMA_ROLE =
  /,\s+[^,]*\b(?:expert|specialist|writer|editor|reporter|correspondent|contributor|journalist|columnist|producer|analyst|strategist|consultant|manager|director|founder|ceo)s?\s*$/iu

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec'
/**
 * A month, a day before a month (`18th Dec`) or a numeric date straight after a lower-case
 * letter: a date the page glued to a name. Digits alone stay (`ggailey777` is a user's name).
 */
const GLUED_DATE = new RegExp(
  `(?<=\\p{Ll})(?:(?:${MONTHS})\\.?(?=\\s|\\d|$)|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\b|\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}).*$`,
  'u',
)
const DATE_AFTER = new RegExp(
  `(?:,|\\s+at)?\\s+(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b.*$`,
  'iu',
)
const DASHED_DATE = new RegExp(`(?<=\\p{L})[-–—](?:${MONTHS})\\.?\\s*\\d.*$`, 'u')
const BARE_LABEL =
  /^(?:(?:written|posted|reviewed|edited|published)\s+)?by$|^(?:(?:the|topic|thread|post)\s+)?(?:author|authors|byline|written|starter)$|^original\s+poster$/i

/** Whoever checked the piece after the writer (`Jane Doe, DVM. Reviewed by John Roe, DVM`). */
const REVIEWER =
  /[.,;]?\s+(?:(?:medically|clinically|expert|fact[- ]checked\s+and)\s+)?(?:reviewed|fact[- ]checked|edited|updated)\s+by\b.*$/i

/**
 * Rank a forum prints after a member's name (`jdoe Member`, `jdoe Well-known member`), and
 * the count of posts it may print after the rank (`jdoe Member 5`).
 */
const FORUM_RANK =
  /\s+(?:(?:well-known|new|senior|junior|active|registered|valued|established|premium|super|global)\s+)?(?:member|moderator|administrator|admin|guest)(?:\s+\d[\d,.]*)?$/i

const DAYS_AND_MONTHS = new RegExp(
  `^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|${MONTHS})\\.?,?\\s*)+$`,
  'i',
)

/**
 * `JaneDoeJaneDoe` and `jdoe (jdoe)`: a name a layout prints twice, as a link and as its
 * label, read as one.
 */
function once(text: string): string {
  const paren = /^(.+?)\s*\((.+)\)$/.exec(text)
  if (paren && squash(paren[1] as string) === squash(paren[2] as string)) return paren[1] as string
  const half = text.length / 2
  if (text.length >= 6 && Number.isInteger(half) && text.slice(0, half) === text.slice(half))
    return text.slice(0, half).trim()
  return text
}

/** Words that join names in a list of writers, not words of a description. */
const JOINERS = new Set(['and', 'und', 'et', 'y', 'e'])

/**
 * `Jane Doe, Extension horticulture educator` → `Jane Doe`, `Ann Lee, South Carolina Garden
 * Network on Facebook` → `Ann Lee`: after a name and a comma, words in lower case are a
 * description of the writer (a job, a place of work), not more writers' names, which are
 * capitalised. Degrees (`, MD`) and lists of names stay.
 */
function withoutAffiliation(text: string): string {
  const at = text.indexOf(', ')
  if (at <= 0) return text
  const head = text.slice(0, at)
  const tail = text.slice(at + 2).split(/\s+/)
  if (!/^\p{Lu}\S*(?:\s+\S+){1,4}$/u.test(head) || /\p{Ll}\s*$/u.test(head) === false) return text
  const described = tail.length >= 2 && tail.some((w) => /^\p{Ll}/u.test(w) && !JOINERS.has(w))
  return described ? head : text
}

/** `By Jane Doe and John Roe | May 2` → `Jane Doe and John Roe`. */
export function cleanByline(value: string | undefined): string | undefined {
  if (!value) return undefined
  let text = value
    // `By Jane`, `Written by Jane`, and `Written byJane` where the page glued them.
    .replace(/^\s*(?:[\p{L}]+\s+){0,5}?by(?:[:\s]+|(?=\p{Lu}))/u, '')
    // `ByAmy Roeder`: the label glued to the name, capitalised.
    .replace(/^\s*By(?=\p{Lu}\p{Ll})/u, '')
    .replace(/^\s*(?:[\p{L}]+\s+){0,5}?by[:\s]+/iu, '')
    .replace(/^\s*(authors?|autor|auteur|contributors?|posted by)\s*:\s*/i, '')
    // A link to the writer's page (`Read more about Jane Doe`).
    .replace(/^\s*(?:read\s+)?more\s+(?:about|from|by)\s+/i, '')
    .split(/\s+[|•·—–»]\s+|\s+-\s+|\n/)[0] as string
  text = text.replace(REVIEWER, '')
  text = once(text.trim())
  // The initial an avatar shows, after a one-word name (`JosephF J`, `xjdoe X`).
  const initial = /^(\S+)\s+(\p{Lu})$/u.exec(text)
  if (initial && (initial[1] as string)[0]?.toLowerCase() === initial[2]?.toLowerCase())
    text = initial[1] as string
  // A date glued in front (`Dec 17, 2025Julian K. Arni`) or after the name.
  text = text.replace(/^\s*\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}\s*/u, '')
  text = text.replace(/,?\s+(?:last\s+)?(published|updated|posted|on)\b.*$/i, '')
  // A date after the name (`Jane Doe, Dec 17, 2025`, `David at December 16, 2025 11:15 AM`).
  text = text.replace(DATE_AFTER, '')
  // A label glued after the name (`Jane DoePublished`, `Jane DoeUpdated 3 May`).
  text = text.replace(
    /(?<=\p{Ll})(?:Published|Updated|Posted|Written|Reviewed|Last|Founder|Co-?founder|Head|Senior|Chief|Lead|Staff|Editor|Writer|Author|Contributor|Director|Manager)\b.*$/u,
    '',
  )
  // A date glued after the name (`Luke KimDecember 17, 2025`, `Yucy3/4/2025`), or after a
  // dash with no spaces (`Jane Doe-June 5, 2025`).
  text = text.replace(GLUED_DATE, '').replace(DASHED_DATE, '')
  // Digits glued after a full name (`Chris Carroll30 Sep`); a one-word name may be a user's
  // own spelling (`jdoe1984`).
  text = text.replace(/^(\p{Lu}\S*\s+(?:\S+\s+){0,2}\p{Lu}\p{Ll}+)\d.*$/u, '$1')
  // A forum's rank after a member's name, not a word that is all of the name (`Former Member`).
  const unranked = text.replace(FORUM_RANK, '')
  if (!/^\p{Lu}\p{Ll}+$/u.test(unranked)) text = unranked
  // A title after a comma (`Jane Doe, Home- and Digital-Security Expert`); degrees stay.
  text = withoutAffiliation(text.replace(COMMA_ROLE, ''))
  // Reputation counts and badges on Q&A sites (`jane 1,591 1 silver badge`).
  text = text.replace(/\s+\d[\d,.]*\b.*$/, '')
  // A job after a name; a job with one word or an article before it (`Our Editors`, `The
  // Currency editors`, `SFist Contributor`) is no one's name and job: it stays whole.
  const withoutRole = text.replace(ROLE, '')
  const rest = withoutRole.replace(/[,;:\s]+$/, '').trim()
  text = (
    /^(?:the|our|a|an|your)\b/i.test(rest) || (!/\s/.test(rest) && rest !== text && /\s/.test(text))
      ? text
      : withoutRole
  )
    .replace(/[,;:\s]+$/, '')
    .trim()
  if (!text || text.length > 100 || /^https?:/.test(text) || /@/.test(text)) return undefined
  // A template's placeholder left unfilled (`page.head.extra.author`), a day or a month alone.
  if (/^[\w-]+(?:\.[\w-]+){3,}$/.test(text) || DAYS_AND_MONTHS.test(text)) return undefined
  // A label with no name after it (`Written By`, `Author:`), or no name at all (`&`).
  if (!/\p{L}/u.test(text) || BARE_LABEL.test(text)) return undefined
  return text
}

/** How many microdata items an element is inside. */
function itemDepth(el: Element): number {
  let depth = 0
  for (let p = el.parentElement; p; p = p.parentElement) if (p.hasAttribute('itemscope')) depth++
  return depth
}

/** Whether the item a property belongs to is a reply (`Comment`, `Answer`). */
const ofReply = (el: Element): boolean =>
  /(Comment|Answer)$/.test(el.parentElement?.closest('[itemscope]')?.getAttribute('itemtype') ?? '')

/**
 * The page's date in microdata: that of its outermost item, its `datePublished` or else its
 * `dateCreated`. A thread or a question page marks up every reply with a date of its own, and
 * a reply's may come first in the page: those are not the page's.
 */
function microdataPublished(document: Document): string | undefined {
  const dated = Array.from(
    document.querySelectorAll('[itemprop~="datePublished"], [itemprop~="dateCreated"]'),
  )
    .slice(0, 200)
    .filter((el) => !ofReply(el))
  if (!dated.length) return undefined
  const depths = dated.map(itemDepth)
  const top = Math.min(...depths)
  const outer = dated.filter((_, i) => depths[i] === top)
  const el =
    outer.find((e) => /\bdatePublished\b/.test(e.getAttribute('itemprop') ?? '')) ?? outer[0]
  return clean(el?.getAttribute('datetime') ?? el?.getAttribute('content') ?? el?.textContent)
}

/**
 * A key a site of its own naming gives its publication date (`w-published-date`,
 * `article.publish_date`): a word for publishing, then one for a date or a time, at its end.
 */
const PUBLISHED_KEY = /(?:^|[-_:.\s])(?:publish|published|publication)[-_\s]?(?:date|time|on)$/i

/** The first `<meta>` value whose key (`name`, `property`, `itemprop`) matches. */
function metaNamed(document: Document, key: RegExp): string | undefined {
  for (const [name, tags] of metaIndex(document)) {
    if (!key.test(name)) continue
    const value = tags.map((el) => clean(el.getAttribute('content'))).find(Boolean)
    if (value) return value
  }
  return undefined
}

/**
 * The publication date the page states, most reliable first, as measured: the Open Graph
 * article date, then microdata, JSON-LD, other <meta> conventions, then <time> elements.
 */
function statedPublished(
  document: Document,
  ld: <T>(pick: (n: Json) => T | undefined) => T | undefined,
): string | undefined {
  return (
    isoDate(meta(document, 'article:published_time', 'og:published_time')) ??
    isoDate(microdataPublished(document)) ??
    isoDate(ld((n) => clean(n.datePublished) ?? clean(n.dateCreated))) ??
    isoDate(
      meta(
        document,
        'datePublished',
        'published',
        'publication_date',
        'publish-date',
        'publish_date',
        'published-date',
        'og:publish_date',
        'pubdate',
        'date',
        'dc.date',
        'dc.date.issued',
        'dcterms.date',
        'dcterms.created',
        'citation_publication_date',
        'citation_date',
        'sailthru.date',
        'parsely-pub-date',
        // Documentation sites built with DocFX date each page in `ms.date`.
        'ms.date',
      ),
    ) ??
    isoDate(metaNamed(document, PUBLISHED_KEY)) ??
    isoDate(
      clean(
        document
          .querySelector('article time[datetime], time[pubdate], main time[datetime]')
          ?.getAttribute('datetime'),
      ),
    ) ??
    isoDate(clean(document.querySelector('time[datetime]')?.getAttribute('datetime')))
  )
}

export function readPageMetadata(document: Document): PageMetadata {
  const nodes = jsonLdNodes(document)
  const byId = new Map<string, Json>()
  for (const n of nodes) if (typeof n['@id'] === 'string') byId.set(n['@id'], n)
  const articles = nodes.filter((n) => typesOf(n).some((t) => ARTICLE_TYPES.test(t)))
  // The most specific article node first (an Article over the WebPage around it).
  articles.sort(
    (a, b) =>
      Number(typesOf(a).some((t) => /WebPage|CreativeWork/.test(t))) -
      Number(typesOf(b).some((t) => /WebPage|CreativeWork/.test(t))),
  )
  const ld = <T>(pick: (n: Json) => T | undefined): T | undefined => {
    for (const n of articles) {
      const v = pick(n)
      if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) return v
    }
    return undefined
  }
  const site = nodes.find((n) => typesOf(n).includes('WebSite'))
  const publisher = ld((n) => n.publisher as Json | undefined)
  const publisherNode =
    publisher && typeof publisher['@id'] === 'string' ? byId.get(publisher['@id']) : undefined

  const ldAuthor = ld((n) => {
    const names = personNames(n.author ?? n.creator, byId)
    return names.length ? names.join(', ') : undefined
  })
  const ldOrganisation = ld((n) => personNames(n.author ?? n.creator, byId, true)[0])
  const html = document.documentElement
  const canonical = clean(document.querySelector('link[rel="canonical" i]')?.getAttribute('href'))
  const url = canonical ?? meta(document, 'og:url') ?? ld((n) => clean(n.url))
  const stated = statedPublished(document, ld)
  // The day in the address is the day as the writer filed it: a stated date a day off is the
  // same moment in another time zone.
  const filed = urlDate(url) ?? urlDate(meta(document, 'og:url'))
  const isThread =
    document.querySelector('[itemtype$="DiscussionForumPosting" i], [itemtype$="QAPage" i]') !==
      null || nodes.some((n) => typesOf(n).some((t) => /^(DiscussionForumPosting|QAPage)$/.test(t)))
  const published = filed && (!stated || Math.abs(daysBetween(stated, filed)) <= 1) ? filed : stated

  return {
    title: clean(document.querySelector('title')?.textContent),
    headline:
      ld(
        (n) =>
          clean(n.headline) ??
          (typesOf(n).some((t) => /WebPage/.test(t)) ? undefined : clean(n.name)),
      ) ?? meta(document, 'og:title', 'twitter:title', 'dc.title', 'citation_title'),
    author:
      ldAuthor ??
      metaAuthors(document) ??
      cleanByline(
        shortText(
          document,
          '[itemprop="author"] [itemprop="name"], [itemprop="author"], [rel="author"], .author-name, .byline__name, .byline-name, .author .name, [class*="byline" i] a, .byline, .author',
          8,
        ),
      ),
    ...(ldOrganisation ? { authorOrganisation: ldOrganisation } : {}),
    siteName:
      meta(document, 'og:site_name', 'application-name', 'publisher') ??
      clean(publisher?.name) ??
      clean(publisherNode?.name) ??
      clean(site?.name),
    published,
    // A thread's last change is its last reply, not a revision of what it opened with.
    modified: isThread
      ? undefined
      : (isoDate(meta(document, 'article:modified_time', 'og:updated_time', 'dateModified')) ??
        isoDate(
          clean(
            document.querySelector('[itemprop="dateModified"]')?.getAttribute('datetime') ??
              document.querySelector('[itemprop="dateModified"]')?.getAttribute('content'),
          ),
        ) ??
        isoDate(ld((n) => clean(n.dateModified)))),
    url,
    language:
      clean(html?.getAttribute('lang')) ??
      clean(html?.getAttribute('xml:lang')) ??
      meta(document, 'og:locale', 'language', 'dc.language')?.replace('_', '-') ??
      clean(
        document.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content'),
      ),
    direction: clean(html?.getAttribute('dir')) ?? clean(document.body?.getAttribute('dir')),
    description: meta(document, 'og:description', 'description', 'twitter:description'),
  }
}
