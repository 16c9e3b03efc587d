/**
 * One HTML page to an article: Readability finds the article in the page, Lectern turns it
 * into typed blocks and reads the metadata the page states about itself. Synchronous and
 * self-contained, so that it runs inside a worker (see pool.ts) with a time and memory limit.
 */
import { Readability } from '@mozilla/readability'
import { JSDOM } from 'jsdom'
import { directionOf } from '../direction'
import { squashed } from '../squashed'
import {
  blocksToText,
  foldWords as fold,
  ImportError,
  type Block,
  type ExtractedArticle,
} from '../types'
import { namesThePublisher, shownByline, shownStarter, writerUnderHeadline } from './byline'
import { withoutChromeLines, withoutPageSections } from './chromeLines'
import { imageResolver } from './images'
import {
  collapsedLength,
  findThread,
  isDiscussionPage,
  isPostChromeLine,
  markedThread,
  openingOutside,
  pickedFromSidebar,
  pickWrapsThread,
  stripPostChrome,
  threadHoldsArticle,
  threadStarter,
  withoutPostChrome,
} from './discussion'
import { cleanByline, readPageMetadata } from './metadata'
import { capNesting } from './nesting'
import { pageDate } from './pageDates'
import {
  prepareForReadability,
  revealDisclosedPanels,
  revealStreamedParts,
  revealTabPanels,
} from './prepare'
import { chooseTitle, headingText, isSiteBanner } from './title'
import { toBlocks } from './toBlocks'

export interface HtmlInput {
  html: string
  path?: string
  url?: string
  /** Files that came with a page that arrived as bytes (see `imageResolver`). */
  resources?: string[]
  /** For a page from a web archive: the addresses (or `cid:` names) of the parts it holds. */
  inside?: ReadonlySet<string>
}

/**
 * Drops what must never be parsed or run: scripts (except JSON-LD, which is data) and style
 * sheets, whose parsing in jsdom can loop for seconds on some pages.
 */
export function withoutScriptsAndStyles(html: string): string {
  return html
    .replace(/<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi, (all, attrs: string) =>
      /application\/ld\+json/i.test(attrs) ? all : '',
    )
    .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '')
    .replace(/<link\b[^>]*rel\s*=\s*["']?stylesheet[^>]*>/gi, '')
}

const HIDDEN_STYLE = /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)\b/i

/**
 * Removes what the page hides with inline styles, then every style attribute. An element
 * that holds most of the page's text is not hidden content but the page hiding itself until
 * its scripts have run (against a flash of unstyled content): it is kept.
 */
function dropStyles(document: Document): void {
  const pageChars = document.body?.textContent?.length ?? 0
  for (const el of Array.from(document.querySelectorAll('[style]'))) {
    if (HIDDEN_STYLE.test(el.getAttribute('style') ?? '') && !holdsMostOfPage(el, pageChars))
      el.remove()
    else el.removeAttribute('style')
  }
}

const holdsMostOfPage = (el: Element, pageChars: number): boolean =>
  pageChars > 0 && (el.textContent?.length ?? 0) >= pageChars / 2

/**
 * Whether paragraphs of prose come before an element: a heading there is inside the text (a
 * pull quote, a section), not the page's headline.
 */
function followsText(document: Document, el: Element): boolean {
  let words = 0
  for (const p of Array.from(document.querySelectorAll('p'))) {
    if (!(p.compareDocumentPosition(el) & 4 /* DOCUMENT_POSITION_FOLLOWING */)) break
    words += wordCount(p.textContent ?? '')
    if (words >= 100) return true
  }
  return false
}

/**
 * The page as a reader would see it once its scripts had run: parsed without scripts and
 * styles, what it folds away shown, what it hides with inline styles gone.
 */
function parsePage(html: string): JSDOM {
  const dom = new JSDOM(capNesting(withoutScriptsAndStyles(html)), { contentType: 'text/html' })
  const { document } = dom.window
  revealTabPanels(document)
  revealDisclosedPanels(document)
  dropStyles(document)
  revealStreamedParts(document)
  return dom
}

export function extractHtml({ html, path, url, resources, inside }: HtmlInput): ExtractedArticle {
  const dom = parsePage(html)
  try {
    const { document } = dom.window
    const meta = readPageMetadata(document)
    const allH1Elements = Array.from(document.querySelectorAll('h1'))
    const h1Elements = allH1Elements.filter((h) => !isSiteBanner(h))
    // The site's name, as its banner heading writes it.
    const banner = allH1Elements.find(isSiteBanner)
    const bannerName = banner ? squashed(headingText(banner)) || undefined : undefined
    const h1s = h1Elements.map(headingText)
    // Before Readability, which moves and drops elements.
    const h1FollowsText = h1Elements.length === 1 && followsText(document, h1Elements[0]!)
    const published = pageDate(document, meta)
    const shownAuthor = shownByline(document)
    const labelledStarter = shownStarter(document)
    const writerShown = writerUnderHeadline(document, meta.author)
    // A page that says it is a discussion: the posts it marks up are the thread, when they are
    // more than the run of post-like siblings found by their class names.
    const declared = isDiscussionPage(document)
    const found = document.body
      ? (findThread(document.body) ?? (declared ? findThread(document.body, true) : undefined))
      : undefined
    const marked = declared && document.body ? markedThread(document.body) : undefined
    const thread = marked && (!found || marked.chars > found.chars) ? marked : found
    const intro = introAfterHeadline(document)
    const landmark = thread ? undefined : landmarkProse(document)
    const sections = document.body && !thread ? sectionRun(document.body) : undefined
    // Readability changes the document it reads: it gets a copy when a thread may be kept.
    const readable = thread ? (document.cloneNode(true) as Document) : document
    prepareForReadability(readable)
    const read = (page: Document) =>
      new Readability<Element>(page, {
        serializer: (el) => el as Element,
        // Classes name a code block's language; they never reach the reader.
        keepClasses: true,
      }).parse()
    let reader = read(readable)
    let readText = reader?.textContent ?? ''
    const pageUrl = url ?? meta.url ?? savedFromUrl(html)
    const resolveImage = imageResolver(path, pageUrl, resources, inside)
    const isThread =
      thread !== undefined &&
      (threadHoldsArticle(thread, readText) ||
        (declared && thread.chars >= 200) ||
        // Readability chose a side column's few words over a longer thread.
        (thread.chars >= 200 &&
          thread.chars >= collapsedLength(readText) * 1.5 &&
          readable !== document &&
          !!reader?.content &&
          pickedFromSidebar(document, reader.content)))
    // Readability chose the whole thread, with the forum's chrome around each post: it reads
    // the page again (the page itself, which it was spared) with the posts cleaned. Last of
    // all, as Readability changes the page and the posts in it.
    const wrapsThread =
      !isThread &&
      thread !== undefined &&
      readable !== document &&
      pickWrapsThread(thread, readText)
    if (wrapsThread) {
      for (const post of thread.posts) stripPostChrome(post)
      prepareForReadability(document)
      reader = read(document) ?? reader
      readText = reader?.textContent ?? ''
    }
    // A thread's author is whoever opened it: as the forum labels them, else as the page's
    // metadata names them, else the first post's. The first post found may be a moderator's
    // pinned note or a reply, where the metadata describes the thread itself.
    const starter =
      labelledStarter ??
      (isThread ? (meta.author ?? cleanByline(threadStarter(thread))) : undefined)
    // A question whose answers are the run: Readability's pick is the opening post.
    const opening =
      isThread && declared && reader?.content && openingOutside(thread, readText)
        ? toBlocks(reader.content, resolveImage)
        : []
    // Sections of one document of which Readability chose one: the document is all of them.
    const whole = sections && !isThread && holdsPick(sections, readText) ? sections : undefined
    // Most of the landmark's prose outside Readability's pick: the landmark is the article.
    const fromLandmark =
      !whole && !isThread && landmark && missesLandmark(landmark, readText)
        ? landmarkBlocks(html, resolveImage)
        : undefined
    // An introduction Readability left out, all of it, above the part it chose.
    const folded = fold(whole ? (whole.root.textContent ?? '') : readText)
    const lostIntro =
      !isThread && intro.length && intro.every((p) => !folded.includes(fold(p.textContent ?? '')))
        ? intro.flatMap((p) => toBlocks(p, resolveImage))
        : []
    // The thread's posts; else the document's sections; else Readability's pick; else the body.
    const chosenBlocks = (): Block[] => {
      if (thread && isThread) {
        const posts = thread.posts.flatMap((post) =>
          toBlocks(withoutPostChrome(post), resolveImage).filter(notChromeLine),
        )
        return [...opening, ...posts]
      }
      if (whole) return [...lostIntro, ...toBlocks(whole.root, resolveImage)]
      if (fromLandmark?.length) return fromLandmark
      if (reader?.content && wrapsThread)
        return toBlocks(reader.content, resolveImage).filter(notChromeLine)
      if (reader?.content) return [...lostIntro, ...toBlocks(reader.content, resolveImage)]
      return document.body ? toBlocks(document.body, resolveImage) : []
    }
    const chosen = chosenBlocks()
    // A thread's posts are all the writers'; an article's page adds the site's own sections.
    let blocks = withoutChromeLines(
      isThread ? chosen : withoutPageSections(withoutRepeatedRuns(chosen)),
    )
    const title = withoutBannerName(
      chooseTitle({
        headline: meta.headline,
        documentTitle: meta.title,
        readabilityTitle: reader?.title ?? undefined,
        h1s,
        h1FollowsText,
        siteName: meta.siteName ?? reader?.siteName ?? bannerName,
        url: pageUrl,
      }),
      bannerName,
    )
    // The headline is the article's title, not its first paragraph.
    const first = blocks.find((b) => b.type !== 'image')
    if (first && 'text' in first && fold(first.text) === fold(title))
      blocks = blocks.filter((b) => b !== first)
    // A page whose text its scripts would have loaded: what it says about itself is all there is.
    if (
      wordCount(blocksToText(blocks)) < 30 &&
      meta.description &&
      wordCount(meta.description) >= 30
    )
      blocks = [{ type: 'paragraph', text: meta.description }, ...blocks]
    // A thread's author is whoever opened it.
    const siteName = meta.siteName ?? reader?.siteName ?? undefined
    const stated = withoutSite(
      starter ??
        writerShown ??
        meta.author ??
        cleanByline(reader?.byline ?? undefined) ??
        shownAuthor,
      siteName,
    )
    // An author that is the site itself (`Rapid7`, `Five Books`) stands in for the writer the
    // page names in its byline; with no byline it is all there is.
    const author =
      stated &&
      shownAuthor &&
      namesThePublisher(stated, siteName, pageUrl) &&
      !namesThePublisher(shownAuthor, siteName, pageUrl)
        ? shownAuthor
        : (stated ?? meta.authorOrganisation)
    // The byline is shown with the title; left in the text it would be read twice.
    if (author) {
      const byline = blocks
        .slice(0, 4)
        .find(
          (b) =>
            b.type === 'paragraph' &&
            b.text.length <= 120 &&
            fold(b.text.replace(/^(by|von|par|por|di|door|av)\s+/i, '')) === fold(author),
        )
      if (byline) blocks = blocks.filter((b) => b !== byline)
    }
    const text = blocksToText(blocks)
    if (!text.trim()) throw new ImportError('empty: the page has no text', 'empty')
    const content = isThread ? undefined : (reader?.content ?? document.body ?? undefined)
    if (content && isLinkList(content))
      throw new ImportError('not an article: a page of links', 'not-an-article')
    const language = meta.language ?? reader?.lang ?? undefined
    const canonical = pageUrl
    return {
      format: 'html',
      title,
      ...(author ? { author } : {}),
      ...(siteName ? { siteName } : {}),
      ...(published ? { published } : {}),
      ...(canonical && /^https?:\/\//i.test(canonical) ? { url: canonical } : {}),
      ...(language ? { language } : {}),
      direction: directionOf(reader?.dir ?? meta.direction, language, text),
      blocks,
    }
  } finally {
    // jsdom keeps every window alive until it is closed.
    dom.window.close()
  }
}

/** Whether a block of a post is the writer's, not a line of the forum's (`isPostChromeLine`). */
const notChromeLine = (b: Block): boolean =>
  !(b.type === 'paragraph' || b.type === 'listItem' || b.type === 'quote') ||
  !isPostChromeLine(b.text)

/** A block's content, to tell two blocks that say the same apart from two that do not. */
const blockKey = (b: Block): string =>
  b.type === 'tableRow'
    ? `row\u0000${b.cells.join('\u0000')}`
    : b.type === 'image'
      ? `image\u0000${b.src ?? ''}\u0000${b.alt}`
      : `${b.type}\u0000${b.text}`

/** A run this long and this wordy said twice is the page rendered twice, not a refrain. */
const REPEATED_RUN_BLOCKS = 3
const REPEATED_RUN_WORDS = 50
const REPEAT_COMPARISONS_PER_BLOCK = 50

/**
 * Without a part of the page said again: pages built for several screen sizes render the same
 * section once per size and let style sheets show one. A run of blocks that repeats an
 * earlier run word for word, several blocks and many words long, is dropped; a sentence
 * repeated alone (a note under each tab of a manual) is kept.
 */
export function withoutRepeatedRuns(blocks: Block[]): Block[] {
  const keys = blocks.map(blockKey)
  const dropped = new Array<boolean>(blocks.length).fill(false)
  const seenAt = new Map<string, number[]>()
  // Blocks compared, at most: a page of a thousand like lines (a log, a table of the same
  // cells) would otherwise compare every run with every earlier one.
  let budget = REPEAT_COMPARISONS_PER_BLOCK * blocks.length
  for (let i = 0; i < blocks.length && budget > 0; i++) {
    const key = keys[i] as string
    const earlier = seenAt.get(key)
    if (earlier)
      for (const j of earlier) {
        let k = 0
        let words = 0
        while (i + k < blocks.length && j + k < i && keys[j + k] === keys[i + k]) {
          words += wordCount(blocksToText([blocks[i + k] as Block]))
          k++
        }
        budget -= k + 1
        if (k >= REPEATED_RUN_BLOCKS && words >= REPEATED_RUN_WORDS) {
          dropped.fill(true, i, i + k)
          i += k - 1
          break
        }
      }
    if (!dropped[i]) {
      if (earlier) earlier.push(i)
      else seenAt.set(key, [i])
    }
  }
  return dropped.some(Boolean) ? blocks.filter((_, i) => !dropped[i]) : blocks
}

/** Words enough for a paragraph of prose, not a label, a date or a byline. */
const PROSE_WORDS = 12

/**
 * The paragraphs that open an article under its headline, before its first section: inside
 * the page's `<main>` (or its only `<article>`), the prose paragraphs after its only `<h1>`
 * and before any other heading (copies: Readability changes the page). Readability often
 * scores them apart from the body (in a header part of the layout) and leaves them out.
 */
function introAfterHeadline(document: Document): Element[] {
  const h1s = document.querySelectorAll('h1')
  if (h1s.length !== 1) return []
  const h1 = h1s[0] as Element
  const articles = document.querySelectorAll('article')
  const landmark =
    h1.closest('main, [role="main"]') ?? (articles.length === 1 ? h1.closest('article') : null)
  if (!landmark) return []
  const intro: Element[] = []
  for (const el of Array.from(landmark.querySelectorAll('p, h2, h3, h4'))) {
    if (!(h1.compareDocumentPosition(el) & 4 /* DOCUMENT_POSITION_FOLLOWING */)) continue
    if (el.tagName !== 'P' || intro.length >= 4) break
    if (wordCount(el.textContent ?? '') >= PROSE_WORDS) intro.push(el.cloneNode(true) as Element)
  }
  return intro
}

/** The page's one `<main>` (or `role=main`), else its only `<article>`. */
function landmarkOf(document: Document): Element | undefined {
  const mains = document.querySelectorAll('main, [role="main"]')
  if (mains.length === 1) return mains[0] as Element
  if (mains.length > 1) return undefined
  const articles = document.querySelectorAll('article')
  return articles.length === 1 ? (articles[0] as Element) : undefined
}

/** Parts of a landmark that are the site's, not the article's. */
const LANDMARK_CHROME = 'nav, aside, footer, form, [role="navigation"], [role="complementary"]'

interface LandmarkProse {
  /** The landmark's paragraphs of prose, folded. */
  paragraphs: string[]
  words: number
}

/** Prose words enough for a landmark to be worth reading in place of Readability's pick. */
const LANDMARK_MIN_WORDS = 150

/** The paragraphs of prose in the page's landmark, before Readability moves them. */
function landmarkProse(document: Document): LandmarkProse | undefined {
  const landmark = landmarkOf(document)
  if (!landmark) return undefined
  const paragraphs: string[] = []
  let words = 0
  for (const p of Array.from(landmark.querySelectorAll('p'))) {
    const text = p.textContent ?? ''
    const n = wordCount(text)
    if (n < PROSE_WORDS || p.closest(LANDMARK_CHROME)) continue
    paragraphs.push(fold(text))
    words += n
  }
  return words >= LANDMARK_MIN_WORDS ? { paragraphs, words } : undefined
}

/**
 * Whether Readability's pick leaves out most of the landmark's prose: a page in several
 * sibling parts (a list of reviews, rows of a page builder) of which Readability scored one.
 */
function missesLandmark(landmark: LandmarkProse, readText: string): boolean {
  const picked = fold(readText)
  // A sample of the paragraphs on a long page: each is looked for in the whole pick.
  const step = Math.ceil(landmark.paragraphs.length / LANDMARK_SAMPLE)
  let kept = 0
  let all = 0
  for (let i = 0; i < landmark.paragraphs.length; i += step) {
    const p = landmark.paragraphs[i] as string
    const words = p.split(' ').length
    all += words
    if (picked.includes(p)) kept += words
  }
  return kept < all * 0.5
}

/** Paragraphs looked for, at most. */
const LANDMARK_SAMPLE = 200

/**
 * The landmark's blocks, without the site's parts inside it, from the page parsed again
 * (Readability has changed the first parse); rare, so the second parse costs little.
 */
function landmarkBlocks(
  html: string,
  resolveImage: ReturnType<typeof imageResolver>,
): Block[] | undefined {
  const dom = parsePage(html)
  try {
    const { document } = dom.window
    const landmark = landmarkOf(document)
    if (!landmark) return undefined
    for (const el of Array.from(landmark.querySelectorAll(LANDMARK_CHROME))) el.remove()
    return toBlocks(landmark, resolveImage)
  } finally {
    dom.window.close()
  }
}

interface Sections {
  /** Copies of the sections, in a detached element. */
  root: Element
  chars: number
  words: Set<string>
}

const foldedWords = (s: string): string[] => fold(s).split(' ').filter(Boolean)

/**
 * A document in sections of one kind: three or more sibling `<div>`s or `<section>`s with the
 * same classes, each opening with a heading before its text (`div.sect1` of AsciiDoc, a
 * manual's chapters), mostly prose rather than links. Readability scores each section on its
 * own and may keep only the longest; the largest such run in the page is returned (copies).
 */
function sectionRun(body: Element): Sections | undefined {
  let best: { members: Element[]; chars: number } | undefined
  for (const parent of Array.from(body.querySelectorAll('div, section, article, main'))) {
    if (parent.children.length < 3) continue
    const groups = new Map<string, Element[]>()
    for (const child of Array.from(parent.children)) {
      if (child.tagName !== 'DIV' && child.tagName !== 'SECTION') continue
      const classes = (child.getAttribute('class') ?? '').split(/\s+/).filter(Boolean).sort()
      if (!classes.length && child.tagName === 'DIV') continue
      const key = `${child.tagName}.${classes.join('.')}`
      const list = groups.get(key)
      if (list) list.push(child)
      else groups.set(key, [child])
    }
    for (const members of groups.values()) {
      if (members.length < 3) continue
      const opensWithHeading = members.every((m) => {
        const first = m.querySelector('h2, h3, h4, p')
        return first !== null && first.tagName !== 'P'
      })
      if (!opensWithHeading) continue
      const lengths = members.map((m) => collapsedLength(m.textContent ?? ''))
      if (lengths.filter((n) => n >= 200).length < 2) continue
      const chars = lengths.reduce((a, b) => a + b, 0)
      let links = 0
      for (const m of members)
        for (const a of Array.from(m.querySelectorAll('a')))
          links += collapsedLength(a.textContent ?? '')
      if (links > chars * 0.3) continue
      if (!best || chars > best.chars) best = { members, chars }
    }
  }
  if (!best) return undefined
  const root = body.ownerDocument.createElement('div')
  for (const m of best.members) root.appendChild(m.cloneNode(true))
  return { root, chars: best.chars, words: new Set(foldedWords(root.textContent ?? '')) }
}

/** Whether the sections hold the text Readability chose and are clearly more than it. */
function holdsPick(sections: Sections, text: string): boolean {
  const chosen = foldedWords(text)
  if (chosen.length < 40) return false
  const covered = chosen.filter((w) => sections.words.has(w)).length / chosen.length
  return covered >= 0.9 && sections.chars >= collapsedLength(text) * 1.3
}

/**
 * `Jane Doe, The Daily Courier` → `Jane Doe`: the publication is the site, not an author,
 * also when the site's name says more (`Memphis Daily Courier`).
 */
function withoutSite(author: string | undefined, siteName: string | undefined): string | undefined {
  if (!author || !siteName) return author
  const at = author.lastIndexOf(', ')
  if (at <= 0) return author
  const tail = fold(author.slice(at + 2)).replace(/^the /, '')
  const site = fold(siteName)
  return tail.length >= 4 && ` ${site} `.includes(` ${tail} `) ? author.slice(0, at) : author
}

/**
 * Where a saved page came from, as the browser or SingleFile noted it in a comment:
 * `<!-- saved from url=(0042)https://… -->` or SingleFile's `url: https://…`.
 */
export function savedFromUrl(html: string): string | undefined {
  const head = html.slice(0, 8192)
  const found =
    /<!--\s*saved from url=\(\d+\)(https?:\/\/[^\s>]+?)\s*-->/i.exec(head)?.[1] ??
    /<!--[^>]*?Page saved with SingleFile[\s\S]*?\burl:\s*(https?:\/\/\S+)/i.exec(head)?.[1]
  return found
}

/**
 * A page of links (an index, a menu, a search result) rather than an article: nearly all
 * of the words its content keeps are the words of links.
 */
export const LINK_LIST_SHARE = 0.7
function isLinkList(content: Element): boolean {
  const words = wordCount(content.textContent ?? '')
  if (words === 0) return false
  let linked = 0
  for (const a of Array.from(content.querySelectorAll('a')))
    linked += wordCount(a.textContent ?? '')
  return linked / words >= LINK_LIST_SHARE
}

const wordCount = (s: string): number => s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0

/**
 * A title that starts with the site's name as its banner writes it, with nothing between
 * (`davidbau.com Vibe Coding`): the name is the site's, the rest the article's.
 */
function withoutBannerName(title: string, bannerName: string | undefined): string {
  if (!bannerName || !title.toLowerCase().startsWith(`${bannerName.toLowerCase()} `)) return title
  const rest = title.slice(bannerName.length).trim()
  return wordCount(rest) >= 2 ? rest : title
}
