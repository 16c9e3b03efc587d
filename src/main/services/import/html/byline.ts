/**
 * Bylines a page shows but does not mark up: `By Jane Doe` by the headline, a `Written by
 * Jane Doe` line in or under the article, a link to the writer's page (`/author/jane-doe`).
 * Read before Readability changes the document.
 */
import { squashed } from '../squashed'
import { cleanByline, spaceAround, squash } from './metadata'

/** A person's name: one to four capitalised words (`Jane Doe`, `Mary-Ann O'Neil`, `J. R. Hartley`). */
const NAME = /^\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|der|da|di|la|le)){0,3}$/u

/**
 * Degrees and licences a writer signs with (`Jane Doe, MD`, `Jane Doe, Ph.D., RN`): capitals,
 * not words, so not a second name.
 */
const CREDENTIALS = /(?:,\s*\p{Lu}[\p{L}.]*\p{Lu}\.?)+\s*\*?$/u

/**
 * Names of several writers, as bylines join them (`Moses Kim and Kate Shokurova`, `Ana Ruiz,
 * Li Wei & Tom Berg`): each part a name.
 */
const isNames = (s: string): boolean =>
  s
    .replace(CREDENTIALS, '')
    .split(/\s*(?:,|&|\band\b)\s*/)
    .every((part) => NAME.test(part))

const BY_LINE = /^(?:written\s+|posted\s+|reviewed\s+|words\s+|story\s+)?by:?\s+\S/i

/** Menus, forms and tables, where `By …` sorts or filters (`By Company Size`) and names no one. */
const CONTROLS = 'nav, form, table, button, select, label'

/** A label set apart from the name it introduces (`By`, `Written by`, `Author:`). */
const LABEL =
  /^(?:(?:written|article|posted|words|story)\s+)?by\s*:?$|^(?:author|contributors?)\s*:?$/i

/**
 * An element's words as a reader sees them: a list's items apart (`Emily Walker, Casey
 * McDevitt`, the commas set by the page's style), which textContent runs together (`Emily
 * WalkerCasey McDevitt`), and the blocks of such a line apart too.
 */
function cleanText(el: Element): string {
  const plain = squashed(el.textContent)
  // Every `p`, `span` and `div` of a page is read: only a short line holding a list is worth
  // a copy (one of every `div` made imports three times slower).
  if (plain.length > 160 || !el.querySelector('li')) return plain
  const copy = el.cloneNode(true) as Element
  for (const item of Array.from(copy.querySelectorAll('li'))) {
    if (item.nextElementSibling?.tagName === 'LI') item.after(', ')
  }
  spaceAround(copy, 'br, p, div, li')
  return squashed(copy.textContent).replace(/ ,/g, ',')
}

/** The name in a short `By …` line, when it reads as a name. */
function nameIn(line: string): string | undefined {
  if (line.length > 120 || !BY_LINE.test(line)) return undefined
  const name = cleanByline(line)
  return name && isNames(name) ? name : undefined
}

/** Text nodes' parent elements after `start` in document order, up to `budget` characters. */
function* elementsAfter(document: Document, start: Node, budget: number): Generator<Element> {
  const walker = document.createTreeWalker(document.body ?? start, 4 /* text */)
  walker.currentNode = start
  let seen = 0
  for (let node = walker.nextNode(); node && seen < budget; node = walker.nextNode()) {
    const text = (node.nodeValue ?? '').trim()
    seen += text.length
    if (text && node.parentElement) yield node.parentElement
  }
}

export function shownByline(document: Document): string | undefined {
  return byHeadline(document, 1500) ?? byLineElement(document) ?? labelledByline(document)
}

/**
 * The writer a `By …` line right under the headline names, when the name the metadata states
 * is someone else's: templates fill the metadata with the account that posted the piece (an
 * editor, a site manager), while the line under the headline says who wrote it. A line that
 * holds the stated name, or is held in it (`Jane Doe, Modern Farmer`), names the same writer.
 */
export function writerUnderHeadline(
  document: Document,
  stated: string | undefined,
): string | undefined {
  if (!stated) return undefined
  const shown = byHeadline(document, 500)
  if (!shown) return undefined
  const [a, b] = [squash(shown), squash(stated)]
  return a.includes(b) || b.includes(a) ? undefined : shown
}

/** A `By …` line in the first `budget` characters of text after the headline. */
function byHeadline(document: Document, budget: number): string | undefined {
  const h1 = document.querySelector('h1')
  // A `By …` line by the headline: the text node may be `By ` alone, the name in a link.
  if (h1) {
    for (const el of elementsAfter(document, h1, budget)) {
      const line = cleanText(el).length <= 3 ? cleanText(el.parentElement ?? el) : cleanText(el)
      // Whoever checked the piece (`Reviewed by Jane Doe`) is not who wrote it.
      if (OTHER_ROLE.test(line)) continue
      const name = nameIn(line) ?? nameFirstIn(line)
      if (name) return name
    }
  }
  return undefined
}

/** A short element that is a `By …` line, anywhere in the page. */
function byLineElement(document: Document): string | undefined {
  // An author box in or under the article, or a byline above a headline or on a page with
  // none: a short element that is just `By …`, `Written by …`, `Contributors: …`, or a post's
  // footer (`Posted by Jane at March 3, 2024 11:15 AM`).
  for (const el of Array.from(document.querySelectorAll('p, span, div, h2, h3, h4, h5, h6'))) {
    const line = cleanText(el)
    if (BY_LINE.test(line)) {
      // A post's `Posted by` footer may sit in a table laid out as columns; a bare `By …` there
      // is a column of a chart.
      if (!/^(?:written|posted)\s/i.test(line) && el.closest(CONTROLS)) continue
      if (OTHER_ROLE.test(line)) continue
      const name = nameIn(line)
      if (name) return name
    } else if (/^(?:authors?|contributors?)\s*:\s*\S/i.test(line) && line.length <= 120) {
      const name = cleanByline(line)
      if (name && isNames(name)) return name
    }
  }
  return undefined
}

/** A name the page sets apart by a label, a link to the writer's page, a class or a portrait. */
function labelledByline(document: Document): string | undefined {
  // A label alone in its element (`Written by`, `Author`), the name in the next one: layouts
  // that set the label above the name.
  for (const el of Array.from(document.querySelectorAll('p, span, div, dt, h2, h3, h4, h5, h6'))) {
    if (el.children.length || !LABEL.test(cleanText(el))) continue
    for (const next of elementsAfter(document, el, 80)) {
      if (el.contains(next)) continue
      // Capitals alone (`CP`) are the initials an avatar shows, not the name.
      const name = cleanByline(cleanText(next))
      if (name && isNames(name) && /\p{Ll}/u.test(name)) return name
      break
    }
  }
  // A link to the writer's page (`/author/jane-doe`, `/contributor/jane_doe`,
  // `/blog-authors/jane-doe`): its text, or the first line in it when it also holds a role.
  for (const a of Array.from(document.querySelectorAll('a[href]'))) {
    if (!WRITER_PAGE.test(a.getAttribute('href') ?? '')) continue
    const lines = [a, ...Array.from(a.querySelectorAll('*')).filter((e) => !e.children.length)]
    for (const el of lines) {
      const name = cleanByline(cleanText(el))
      if (name && NAME.test(name) && name.split(' ').length >= 2) return name
    }
  }
  return byClassName(document) ?? byPortrait(document) ?? byJobUnder(document)
}

/**
 * A label forums print for whoever opened the thread (`Thread starter`, `Topic author`,
 * `Original poster`), set apart from the member's name that follows it.
 */
const STARTER_LABEL =
  /^(?:(?:thread|topic|discussion)\s+(?:starter|author|creator)|original\s+poster)\s*:?$/i

/**
 * Whoever opened a forum thread, as the forum labels them: the name after a `Thread starter`
 * label, or a `Started by jdoe, June 4, 2024` line. Read before the posts: the first post a
 * layout marks up may be a moderator's note or a reply, and members' names are handles
 * (`sean_g`), not the capitalised names a byline has.
 */
export function shownStarter(document: Document): string | undefined {
  for (const el of Array.from(document.querySelectorAll('span, div, dt, dd, li, p, strong, b'))) {
    const line = cleanText(el)
    if (STARTER_LABEL.test(line) && !el.children.length) {
      for (const next of elementsAfter(document, el, 80)) {
        if (el.contains(next)) continue
        // The member's name, as a link to their profile or a handle alone; a badge the forum
        // sets after a post's author (`Discussion starter`) is followed by the member's post
        // count or join date instead (`410 posts`, `Join Date: Aug`).
        const text = cleanText(next)
        if (!next.closest('a') && !/^[^\s:\d][^\s:]*$/.test(text)) break
        const name = cleanByline(text)
        if (name && name.split(' ').length <= 4) return name
        break
      }
    } else if (/^(?:thread\s+|topic\s+)?started\s+by\s+\S/i.test(line) && line.length <= 100) {
      const name = cleanByline(line.replace(/^.*?started\s+by\s+/i, ''))
      if (name && name.split(' ').length <= 4) return name
    }
  }
  return undefined
}

/** A writer's job as a byline prints it (`Tech Writer`, `Senior Editor`, `Author`). */
const JOB =
  /^(?:[\p{L}-]+\s+){0,3}(?:writer|editor|reporter|correspondent|contributor|journalist|columnist|author)s?$/iu

/**
 * `Jane Doe | Senior Writer | July 2, 2025` under the headline: a line of parts set apart by
 * bars or dots, a full name first and a job or a date after it.
 */
function nameFirstIn(line: string): string | undefined {
  if (line.length > 120) return undefined
  const parts = line.split(/\s+[|·•]\s+/)
  const [first, ...rest] = parts
  if (!first || !rest.length || !isFullName(first)) return undefined
  return rest.some((p) => JOB.test(p) || /\b\d{4}\b/.test(p)) ? first : undefined
}

/**
 * A full name with the writer's job in the element after it (`<p>Jane Doe</p><p>Tech
 * Writer</p>`): an author card that marks up neither.
 */
function byJobUnder(document: Document): string | undefined {
  for (const el of Array.from(document.querySelectorAll('p, span, div, h3, h4, h5, strong'))) {
    if (el.children.length) continue
    const next = el.nextElementSibling
    if (!next || !JOB.test(cleanText(next).replace(/^\|\s*/, ''))) continue
    const text = cleanText(el)
    if (isFullName(text) && !el.closest(COMMENTS)) return text
  }
  return undefined
}

/** An address of a page about one writer: a folder named for writers, then the writer. */
const WRITER_PAGE =
  /\/(?:[\w-]*[-_])?(?:authors?|contributors?|writers?|columnists?|journalists?)\/[^/?#]+/i

/** A full name: two to four capitalised words. */
const isFullName = (s: string): boolean => NAME.test(s) && /\s/.test(s)

/** Readers' comments under the article: their authors are not its writer. */
const COMMENTS = '[class*="comment" i], [id*="comment" i]'

/** Labels of people other than the writer. */
const OTHER_ROLE =
  /^(?:(?:medically|clinically|expert)\s+)?(?:reviewed|fact[- ]checked|edited|updated|illustrated|photographed|researched)\b/i

/**
 * An element the layout names for the author (`text__author`, `author-meta--name`,
 * `byline-name`) whose whole text is a full name: the byline of a page that marks it up in its
 * class names only.
 */
function byClassName(document: Document): string | undefined {
  for (const el of Array.from(
    document.querySelectorAll('[class*="author" i], [class*="byline" i]'),
  ).slice(0, 60)) {
    if (el.querySelector('p, div, li, img, h1, h2, h3, h4, h5, h6') || el.closest(COMMENTS))
      continue
    // Whoever checked the piece (`Reviewed by Jane Doe`) is not who wrote it.
    if (OTHER_ROLE.test(cleanText(el))) continue
    const name = cleanByline(cleanText(el))
    if (name && isFullName(name)) return name
  }
  return undefined
}

/** Words layouts use for a person's small picture: its class, its address, its frame's class. */
const PORTRAIT = /avatar|author|profile|headshot|portrait|gravatar|byline|rounded|circle/i

/** An image drawn as a person's picture (`avatar`, `rounded-full`), not a product or a photo. */
function looksLikePortrait(img: Element): boolean {
  const marks = [img.getAttribute('class'), img.getAttribute('src')]
  for (let e = img.parentElement, i = 0; e && i < 2; e = e.parentElement, i++)
    marks.push(e.getAttribute('class'))
  return marks.some((m) => m && PORTRAIT.test(m))
}

/**
 * A writer's portrait beside their name: an image whose alt text is a full name that is also
 * the whole text of an element on the page (`<img alt="Jane Doe"> <span>Jane Doe</span>`).
 * A picture of someone the article is about carries a caption, not their name alone.
 */
function byPortrait(document: Document): string | undefined {
  const alts = new Set(
    Array.from(document.querySelectorAll('img[alt]'))
      .filter(looksLikePortrait)
      .map((img) => squashed(img.getAttribute('alt')))
      .filter(isFullName),
  )
  if (!alts.size) return undefined
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    if (el.children.length || el.closest(COMMENTS)) continue
    const text = cleanText(el)
    if (alts.has(text)) return text
  }
  return undefined
}

/**
 * Whether an author names the publication rather than a writer: the site's name or its
 * address, alone or with a word around it (`Rapid7`, `Paperium.net`, `Automateed Team`).
 */
export function namesThePublisher(
  author: string,
  siteName: string | undefined,
  url: string | undefined,
): boolean {
  const a = squash(author.replace(/\b(team|staff|editors?|editorial|admin|ltd|inc|llc)\b/gi, ''))
  if (a.length < 3) return true
  const names = [siteName ?? '']
  try {
    if (url) names.push(...new URL(url).hostname.split('.').filter((l) => l.length >= 4))
  } catch {
    // no usable address
  }
  return names
    .map(squash)
    .filter((n) => n.length >= 3)
    .some((n) => n === a || (a.length >= 4 && n.includes(a)) || (n.length >= 4 && a.includes(n)))
}
