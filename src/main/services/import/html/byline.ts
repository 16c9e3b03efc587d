/**
 * Bylines a page shows but does not mark up: `By Jane Doe` by the headline, a `Written by
 * Jane Doe` line in or under the article, a link to the writer's page (`/author/jane-doe`).
 * Read before Readability changes the document.
 */
import { cleanByline, squash } from './metadata'

/** A person's name: one to four capitalised words (`Jane Doe`, `Mary-Ann O'Neil`, `J. R. Hartley`). */
const NAME = /^\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|der|da|di|la|le)){0,3}$/u

/**
 * Names of several writers, as bylines join them (`Moses Kim and Kate Shokurova`, `Ana Ruiz,
 * Li Wei & Tom Berg`): each part a name.
 */
const isNames = (s: string): boolean =>
  s.split(/\s*(?:,|&|\band\b)\s*/).every((part) => NAME.test(part))

const BY_LINE = /^(?:written\s+|posted\s+|reviewed\s+|words\s+|story\s+)?by:?\s+\S/i

const cleanText = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim()

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
  const h1 = document.querySelector('h1')
  // A `By …` line by the headline: the text node may be `By ` alone, the name in a link.
  if (h1) {
    for (const el of elementsAfter(document, h1, 1500)) {
      const line = cleanText(el).length <= 3 ? cleanText(el.parentElement ?? el) : cleanText(el)
      const name = nameIn(line)
      if (name) return name
    }
  }
  // An author box in or under the article: a short element that is just `Written by …`, or
  // a post's footer (`Posted by Jane at March 3, 2024 11:15 AM`).
  for (const el of Array.from(document.querySelectorAll('p, span, div, h2, h3, h4, h5, h6'))) {
    const line = cleanText(el)
    if (/^(?:written|posted)\s+by\s/i.test(line)) {
      const name = nameIn(line)
      if (name) return name
    }
  }
  // A label alone in its element (`Written by`, `Author`), the name in the next one: layouts
  // that set the label above the name.
  for (const el of Array.from(document.querySelectorAll('p, span, div, dt, h3, h4, h5, h6'))) {
    if (el.children.length || !/^(?:written\s+by|author|posted\s+by)\s*:?$/i.test(cleanText(el)))
      continue
    for (const next of elementsAfter(document, el, 80)) {
      if (el.contains(next)) continue
      // Capitals alone (`CP`) are the initials an avatar shows, not the name.
      const name = cleanByline(cleanText(next))
      if (name && isNames(name) && /\p{Ll}/u.test(name)) return name
      break
    }
  }
  // A link to the writer's page.
  for (const a of Array.from(
    document.querySelectorAll('a[href*="/author/" i], a[href*="/authors/" i]'),
  )) {
    const name = cleanByline(cleanText(a))
    if (name && NAME.test(name) && name.split(' ').length >= 2) return name
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
