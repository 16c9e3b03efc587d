/**
 * The day a page was published, as its metadata states it or, failing that, as the page shows
 * it to its reader (by the headline, in an element labelled a date).
 */
import { dateOfLine } from '../../library/parseArticle'
import { daysBetween, isoDate, showsDate, urlDate } from '../dates'
import { squashed } from '../squashed'
import { isDiscussionPage } from './discussion'
import type { PageMetadata } from './metadata'

/** The page's date: its stated publication, or the revision it shows instead, or a shown date. */
export function pageDate(
  document: Document,
  meta: Pick<PageMetadata, 'published' | 'modified' | 'url'>,
): string | undefined {
  const shown = shownNearHeadline(document)
  return (
    firstPublishedInText(document) ??
    shownRevisionDate(document, meta.published, meta.modified) ??
    shownInstead(document, meta, shown) ??
    meta.published ??
    shown?.date ??
    dateInDateLabel(document) ??
    firstShownDate(document)
  )
}

/**
 * The date a page shows by its headline in place of the one its metadata states, when the
 * stated one is nowhere on the page: a template states the day the page was built, moved or
 * imported, while the reader is shown the day the article came out. A date labelled as an
 * update is a revision's; a later date on a discussion is a reply's.
 */
function shownInstead(
  document: Document,
  { published, modified, url }: Pick<PageMetadata, 'published' | 'modified' | 'url'>,
  shown: ShownDate | undefined,
): string | undefined {
  if (!published || !shown || shown.revision) return undefined
  if (shown.date === published || shown.date === modified) return undefined
  // A day apart is the same moment in another time zone; a day the address files the page
  // under is the writer's own.
  if (Math.abs(daysBetween(shown.date, published)) <= 1 || urlDate(url) === published)
    return undefined
  if (shown.date > published && isDiscussionPage(document)) return undefined
  return showsDate(visibleText(document), published) ? undefined : shown.date
}

/** `Originally published on 26 Sep 2019`: a page's own words for the day it came out. */
const FIRST_PUBLISHED = /\b(?:originally|first)\s+(?:published|posted)\b/gi

/**
 * The day the page says in its text it first came out (`This article was originally published
 * on 26 Sep 2019 but has been updated`): its own words outrank what a template states.
 */
function firstPublishedInText(document: Document): string | undefined {
  const text = visibleText(document)
  for (const m of text.matchAll(FIRST_PUBLISHED)) {
    const at = m.index + m[0].length
    const date = isoDate(text.slice(at, at + 40))
    if (date) return date
  }
  return undefined
}

/** A date a page shows, and whether its label says it is a revision's (`Updated May 2`). */
interface ShownDate {
  date: string
  revision: boolean
}

/** Words that label a shown date as a revision's, not the publication's. */
const REVISION_LABEL = /\b(?:updated|modified|revised|reviewed|edited|refreshed)\b/i

/** The text just before a text node (its label, when set in an element of its own). */
function textBefore(node: Node): string {
  const document = node.ownerDocument
  if (!document) return ''
  const walker = document.createTreeWalker(document.body ?? node, 4 /* text */)
  walker.currentNode = node
  for (let prev = walker.previousNode(), i = 0; prev && i < 3; prev = walker.previousNode(), i++) {
    const text = (prev.nodeValue ?? '').trim()
    if (text) return text
  }
  return ''
}

/**
 * The date a page shows by its headline (`By Jane Doe · March 3, 2024`): the first short text
 * after the first <h1> that is just a date, else one just above it (a dateline over the
 * headline). A date labelled as an update gives way to one close by that is not (`Updated:
 * January 2, 2026` under the headline, the publication's date above it).
 */
function shownNearHeadline(document: Document): ShownDate | undefined {
  const h1 = document.querySelector('h1')
  if (!h1) return undefined
  const walker = document.createTreeWalker(document.body ?? h1, 4 /* text */)
  let revised: ShownDate | undefined
  for (const [step, budget] of [
    [() => walker.nextNode(), 1500],
    [() => walker.previousNode(), 300],
  ] as const) {
    walker.currentNode = h1
    let seen = 0
    let limit: number = budget
    for (let node = step(); node && seen < limit; node = step()) {
      if (h1.contains(node)) continue
      const text = (node.nodeValue ?? '').trim()
      seen += text.length
      if (!text || text.length > 80) continue
      const date = dateOfShownLine(text)
      if (!date) continue
      if (!REVISION_LABEL.test(text) && !REVISION_LABEL.test(textBefore(node)))
        return { date, revision: false }
      if (revised) break
      revised = { date, revision: true }
      // The publication's date, when shown, is beside the update's.
      limit = Math.min(budget, seen + NEXT_TO_REVISION)
    }
  }
  return revised
}

/** Characters past a revision's date in which to look for the publication's. */
const NEXT_TO_REVISION = 200

/** Text a reader sees: the body's text outside scripts (JSON-LD is kept in the document). */
function visibleText(document: Document): string {
  const known = visibleTexts.get(document)
  if (known !== undefined) return known
  const parts: string[] = []
  const walker = document.createTreeWalker(document.body ?? document, 4 /* text */)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement?.tagName
    if (parent !== 'SCRIPT' && parent !== 'TEMPLATE' && parent !== 'NOSCRIPT')
      parts.push(node.nodeValue ?? '')
  }
  const text = parts.join(' ').replace(/\s+/g, ' ')
  visibleTexts.set(document, text)
  return text
}
const visibleTexts = new WeakMap<Document, string>()

/**
 * The date a reader sees, when the page was revised: a page that shows its last change
 * (`Updated September 5, 2024`) and nowhere its first publication dates itself by the change.
 */
function shownRevisionDate(
  document: Document,
  published: string | undefined,
  modified: string | undefined,
): string | undefined {
  if (!published || !modified || modified <= published) return undefined
  const text = visibleText(document)
  return showsDate(text, modified) && !showsDate(text, published) ? modified : undefined
}

/**
 * A date in an element whose class names it one (`post-date`, `published`, `posted-on`) or
 * names the byline it stands in (`author`, `byline`: `by jdoe » Tue Aug 27, 2019 1:47 am`),
 * for pages that show their date away from the headline and mark it up no other way.
 */
function dateInDateLabel(document: Document): string | undefined {
  const labelled = document.querySelectorAll(
    '[class*="date" i], [class*="publish" i], [class*="posted" i], time, [class*="byline" i], [class*="author" i]',
  )
  for (const el of Array.from(labelled).slice(0, 40)) {
    const text = squashed(el.textContent)
    if (text && text.length <= 80) {
      const date = dateOfShownLine(text)
      if (date) return date
    }
  }
  return undefined
}

/**
 * The first line in the page's text that is just a date, for a page that marks up no date,
 * has no <h1> to look by and labels no date as one: a forum's post header (`30th March 2025,
 * 16:26`), the date above a post.
 */
function firstShownDate(document: Document): string | undefined {
  const root = document.querySelector('main, [role="main"], article') ?? document.body
  if (!root) return undefined
  const walker = document.createTreeWalker(root, 4 /* text */)
  let seen = 0
  for (let node = walker.nextNode(); node && seen < 3000; node = walker.nextNode(), seen++) {
    const tag = node.parentElement?.tagName
    if (tag === 'SCRIPT' || tag === 'TEMPLATE' || tag === 'NOSCRIPT') continue
    const text = (node.nodeValue ?? '').trim()
    if (text && text.length <= 80) {
      const date = dateOfShownLine(text)
      if (date) return date
    }
  }
  return undefined
}

/** Marks that set the parts of a meta line apart (`Jane Doe | Senior Writer | July 2, 2025`). */
const META_SEPARATOR = /\s+[|·•»—–]\s+|\s*[|·•»]\s*/

/**
 * The date a shown line states: a line that is just a date (`Published: May 2, 2024`), or a
 * part of a meta line between its separators that is (`Dec. 19, 2025 · Jane Doe on behalf of
 * the team`), where the names and roles beside it are more words than a label.
 */
function dateOfShownLine(text: string): string | undefined {
  const whole = dateOfLine(text)
  if (whole) return whole
  const parts = text.split(META_SEPARATOR)
  if (parts.length < 2) return undefined
  for (const part of parts) {
    const date = part.trim() ? dateOfLine(part) : undefined
    if (date) return date
  }
  return undefined
}
