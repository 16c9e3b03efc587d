import type { Block } from '../types'

/**
 * Lines a page sets among its paragraphs that belong to the page, not to what it says: an
 * advertisement's label, buttons and links that lead elsewhere (which go nowhere offline), a
 * stand-in for what scripts would have loaded, and a picture's credit line. Each is a whole
 * line on its own; the same words inside a sentence are the writer's.
 */
const CHROME_LINES: RegExp[] = [
  // `Advertisement - Continue Reading Below`, `Advertisement (gone after registration)`; a
  // caption that begins with the word (`Advertisement for Lucky Strike, 1930`) is the writer's.
  /^advertisement(?:\s*[-–—:.(]\s*(?:continue|scroll|story|article|members|gone|remove|hide|skip)\b.{0,40})?\W*$/i,
  // `↑ Back to Top`, `< Back to top`.
  /^[\s<^↑⬆▲]*back to (?:the )?top\W*$/i,
  // `Read more`, `View all`, `Read full review`: a link's label. `Read our full review here`
  // is the writer speaking, and stays.
  /^(?:read|learn|see|view) (?:more|all|less|next)\W*$/i,
  /^(?:read|see) (?:the |more )?(?:full |all )?reviews?\W*$/i,
  // Share buttons, named after the site they share to.
  /^share (?:this(?: article| post| story| page)?|on [\p{L}\d.+ ]{1,20})\W*$/iu,
  // `Loading prices for your region…`: what a script would have put there.
  /^loading\b[^.!?]{0,40}(?:…|\.\.\.)$/i,
]

/** `Credit: The Spruce Eats`, `(Image credit: Wareable)`, `Photo courtesy of …`. */
const CREDIT_LINE =
  /^\(?\s*(?:(?:image|photo(?:graph)?|picture)\s+)?credits?\s*:\s*\S|^(?:photo\s+)?courtesy(?:\s+of)?\s+\S/i

/** A credit longer than this is a sentence about credit, not a picture's small print. */
const CREDIT_MAX_WORDS = 12

export function isChromeLine(text: string): boolean {
  const t = text.trim()
  if (CHROME_LINES.some((re) => re.test(t))) return true
  return CREDIT_LINE.test(t) && t.split(/\s+/).length <= CREDIT_MAX_WORDS
}

/** The blocks without the page's own lines; headings, code and tables are never such lines. */
export function withoutChromeLines(blocks: Block[]): Block[] {
  return blocks.filter(
    (b) =>
      !(
        (b.type === 'paragraph' ||
          b.type === 'listItem' ||
          b.type === 'caption' ||
          b.type === 'quote') &&
        isChromeLine(b.text)
      ),
  )
}

/**
 * A heading that introduces links to other pieces of the site (`Related articles`, `You might
 * also like`): teasers, not this article. Bare `Related` or `Up next` may head the writer's
 * own section, so only the explicit phrases count.
 */
const RELATED_HEADING =
  /^(?:related (?:articles|posts|stories|reading|content|guides|news)|more (?:stories|articles|posts|news)(?: like this)?|you (?:may|might) also (?:like|enjoy)|recommended (?:reading|for you|articles|posts|stories)|read next|also in the news)\W*$/i

/** `More from Top Gear`: the site's name after it, capitalised; `More from the survey` is prose. */
const MORE_FROM = /^more from\s+(.{1,40}?)\W*$/i

function headsTeasers(text: string): boolean {
  const t = text.trim()
  if (RELATED_HEADING.test(t)) return true
  const name = MORE_FROM.exec(t)?.[1]
  return Boolean(name && /^\p{Lu}/u.test(name) && !/^the\s/i.test(name))
}

/**
 * The blocks without a section of teasers for other pages: the heading that introduces it
 * and what follows, up to the next heading of its level or above (the article may go on).
 */
export function withoutRelatedSections(blocks: Block[]): Block[] {
  const kept: Block[] = []
  let cutBelow = 0 // while cutting, the level of the heading that began the cut
  for (const b of blocks) {
    if (b.type === 'heading') {
      if (cutBelow && b.level <= cutBelow) cutBelow = 0
      if (!cutBelow && headsTeasers(b.text)) {
        cutBelow = b.level
        continue
      }
    }
    if (!cutBelow) kept.push(b)
  }
  return kept
}

/** `Table of Contents`, `In this article:`, `Jump to ↓`: the label of a page's contents list. */
const CONTENTS_LABEL =
  /^(?:table of contents|contents|in this (?:article|post|guide)|on this page|jump to(?: section)?|article contents|page contents)\W*$/i

/** A contents list's entry as its heading reads: without the section number before it. */
const entryOf = (text: string): string =>
  text
    .replace(/^\s*\d+(?:\.\d+)*\.?\s+/, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/** At least this many entries, and this share of them naming a later heading. */
const CONTENTS_MIN_ENTRIES = 3
const CONTENTS_SHARE = 0.75

/**
 * The blocks without the page's table of contents: a run of list items under a contents
 * label that name the headings after them, links the reader's own headings replace. Without
 * the label such a list is the writer's (`In this post we answer: …`, a workout's exercises)
 * and stays. A label left with no list goes too (the page's scripts would have built it).
 */
export function withoutTableOfContents(blocks: Block[]): Block[] {
  const isLabel = (b: Block): boolean =>
    (b.type === 'paragraph' || b.type === 'heading') && CONTENTS_LABEL.test(b.text.trim())
  // Most pages have no contents label: nothing to look up.
  if (!blocks.some(isLabel)) return blocks
  const drop = new Set<number>()
  // Where each heading's text is last seen: an entry names a later heading if it is after.
  const lastHeading = new Map<string, number>()
  blocks.forEach((b, i) => {
    if (b.type === 'heading') lastHeading.set(entryOf(b.text), i)
  })
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i]?.type !== 'listItem') continue
    let end = i
    while (blocks[end]?.type === 'listItem') end++
    const entries = blocks.slice(i, end)
    const named = entries.filter(
      (e) => 'text' in e && (lastHeading.get(entryOf(e.text)) ?? -1) >= end,
    ).length
    const label = blocks[i - 1]
    if (
      label &&
      isLabel(label) &&
      entries.length >= CONTENTS_MIN_ENTRIES &&
      named >= CONTENTS_SHARE * entries.length
    ) {
      for (let k = i - 1; k < end; k++) drop.add(k)
    }
    i = end - 1
  }
  blocks.forEach((b, i) => {
    if (!isLabel(b)) return
    let next = i + 1
    while (blocks[next]?.type === 'image') next++
    if (blocks[next]?.type !== 'listItem') drop.add(i)
  })
  return blocks.filter((_, i) => !drop.has(i))
}

/** The parts of an article's page that are the site's, not the article: teasers, contents. */
export const withoutPageSections = (blocks: Block[]): Block[] =>
  withoutTableOfContents(withoutRelatedSections(blocks))
