/**
 * Turns a saved web or mailing-list page (plain text) into a clean article.
 *
 * Every rule here is general: it looks at the shape of lines (a date on its own, a
 * mailing-list sender, a byline, a repeated caption, a site footer), never at a file name.
 */
import * as chrono from 'chrono-node'
import type { Article } from '../../../shared/types'
import { countWords, readingMinutes } from './wordCount'

/** A block of text between blank lines: its raw lines and the re-flowed text. */
interface Block {
  lines: string[]
  text: string
}

interface Meta {
  author?: string
  source?: string
  date?: string
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu
const wordsIn = (s: string): number => s.match(WORD)?.length ?? 0

/** Markers of site chrome that, near the end, start a footer: everything from there on goes. */
const FOOTER_MARKER =
  /^(leave a (reply|comment)|\d+ (comments|responses)|related (articles|posts|stories|content)|check out our other content|more information about the .{1,80} mailing list|privacy policy\b|terms of (use|service)\b|sign in$|log in$|most popular( articles)?$|you may also like|share this( article| story)?:?$|subscribe to our newsletter|your email address will not be published|copyright(s)? ©)/i

/** A mailing-list sender line: `Jane Doe jane at example.org` or `Jane Doe <jane@example.org>`. */
const SENDER = /^(.+?)\s+(?:<\S+@\S+>|\S+ at [\w.-]+\.\w+)$/
/** Subject prefix of a mailing-list post, e.g. `[Marxism] `. */
const LIST_PREFIX = /^\[([^\]]{1,40})\]\s*/
const BYLINE = /^by\s+(.+)$/i
const PERSON_NAME = /^(\p{Lu}[\p{L}'’.-]+)(\s+\p{Lu}[\p{L}'’.-]+){1,3}$/u
/** An image file name or slug glued onto the end of a paragraph: `…Russia.netanyahu-putin-TASS`. */
const TRAILING_SLUG = /(?<=[.!?”’"])([a-z0-9]+(?:-[A-Za-z0-9]+){2,})$/

function toBlocks(text: string): Block[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((chunk) => chunk.split('\n').map((l) => l.trim()))
    .map((lines) => lines.filter((l) => l.length > 0))
    .filter((lines) => lines.length > 0)
    .map((lines) => ({ lines, text: reflow(lines) }))
}

/** Joins hard-wrapped lines back into one paragraph. */
function reflow(lines: string[]): string {
  return lines.join(' ').replace(/\s+/g, ' ').trim()
}

/** Prose, as opposed to a heading, caption, byline or menu item. */
function isProse(text: string): boolean {
  const words = wordsIn(text)
  return words >= 20 || (words >= 8 && /[.!?]["'”’)]*$/.test(text))
}

/**
 * Two moments far apart to read a text from: a date that comes out the same from both is
 * written out; one that moves with them ("today", "3 days ago", "next Monday") meant when the
 * page was saved or read, and dates nothing.
 */
const READ_IN_2000 = new Date(2000, 0, 15, 12)
const READ_IN_2010 = new Date(2010, 6, 15, 12)

const isoOf = (c: chrono.ParsedComponents): string =>
  `${String(c.get('year') ?? 0).padStart(4, '0')}-${String(c.get('month') ?? 0).padStart(2, '0')}-${String(c.get('day') ?? 0).padStart(2, '0')}`

/**
 * The dates a text writes out in full (day, month and year), as ISO days in the order found;
 * and `named`, the words of every date or time found, relative ones included (so a caller can
 * tell a line that is only a date).
 */
export function writtenDates(text: string): { dates: string[]; named: string[] } {
  const found = chrono.parse(text, READ_IN_2000)
  const later = chrono.parse(text, READ_IN_2010)
  const dates: string[] = []
  for (const [i, { start, index }] of found.entries()) {
    if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue
    const again = later[i]
    if (!again || again.index !== index || isoOf(again.start) !== isoOf(start)) continue
    dates.push(isoOf(start))
  }
  return { dates, named: found.map((f) => f.text) }
}

/** The ISO date a line states, when the line is essentially just a date (or a dated header). */
export function dateOfLine(line: string): string | undefined {
  if (wordsIn(line) > 9) return undefined
  const { dates, named } = writtenDates(line)
  // What is left once every date and time is taken out must be a label at most ("Published:").
  let rest = line
  for (const text of named) rest = rest.replace(text, ' ')
  if (wordsIn(rest) > 3) return undefined
  return dates[0]
}

const fold = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/** Reads a byline such as `by Jane Doe (News, Some Magazine Vol. 4, No. 2)`. */
function readByline(rest: string): { name: string; publication?: string } {
  const paren = rest.match(/^(.*?)\s*\((.*)\)\s*$/)
  if (!paren) return { name: rest.trim() }
  const name = (paren[1] ?? '').trim()
  const segments = (paren[2] ?? '').split(',').map((s) => s.trim())
  const issue = segments.find((s) => /\b(Vol|No)\.?\s*\d/.test(s))
  const publication = issue?.replace(/\s*\b(Vol|No)\.?\s*\d.*$/, '').trim()
  return { name, publication: publication || undefined }
}

/**
 * Reads one header line. Returns true when the line was metadata (and is consumed),
 * false when it is ordinary text.
 */
function readHeaderLine(line: string, meta: Meta, title: string): boolean {
  const sender = line.match(SENDER)
  if (sender?.[1] && wordsIn(sender[1]) <= 5) {
    meta.author ??= sender[1].trim()
    return true
  }
  const date = dateOfLine(line)
  if (date) {
    meta.date ??= date
    return true
  }
  const byline = line.match(BYLINE)
  if (byline?.[1] && wordsIn(byline[1].replace(/\(.*\)/, '')) <= 5) {
    const { name, publication } = readByline(byline[1])
    if (!meta.author) meta.author = name
    else if (fold(name) !== fold(meta.author)) meta.source ??= name
    if (publication) meta.source ??= publication
    return true
  }
  if (PERSON_NAME.test(line) && wordsIn(line) <= 4 && !meta.author) {
    meta.author = line
    return true
  }
  if (meta.author && fold(line) === fold(meta.author)) return true
  // The headline repeated under the title.
  const folded = fold(line)
  return folded.length > 0 && fold(title).startsWith(folded)
}

/** Removes the footer: from the first chrome marker in the latter half of the body. */
function cutFooter(blocks: Block[]): Block[] {
  const total = blocks.reduce((n, b) => n + b.text.length, 0)
  let seen = 0
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block
    if (seen >= total / 2 && block.lines.some((l) => FOOTER_MARKER.test(l))) {
      return blocks.slice(0, i)
    }
    seen += block.text.length
  }
  return blocks
}

/**
 * Drops a short line printed twice in a row, such as a photo credit shown above and
 * below a picture, including when the second copy heads the caption block that follows.
 */
function dropRepeatedCredits(blocks: Block[]): Block[] {
  const out: Block[] = []
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block
    const next = blocks[i + 1]
    if (wordsIn(block.text) > 10 || !next || next.lines[0] !== block.text) {
      out.push(block)
      continue
    }
    const remaining = next.lines.slice(1)
    if (remaining.length) out.push({ lines: remaining, text: reflow(remaining) })
    i++
  }
  return out
}

function isHeading(blocks: Block[], i: number): boolean {
  const text = (blocks[i] as Block).text
  const next = blocks[i + 1]
  const bare = text.replace(/^["'“‘]+|["'”’]+$/g, '')
  return (
    i > 0 &&
    next !== undefined &&
    isProse(next.text) &&
    wordsIn(text) <= 10 &&
    !/[.,;:!?]$/.test(bare) &&
    !isProse(text)
  )
}

export function parseArticle(id: string, raw: string): Article {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const blocks = toBlocks(text)
  const meta: Meta = {}

  // Title: the first line that is not a date; dates above it are the article's date.
  let title = ''
  let rest: Block[] = []
  for (let b = 0; b < blocks.length && !title; b++) {
    const lines = (blocks[b] as Block).lines
    for (let l = 0; l < lines.length; l++) {
      const line = lines[l] as string
      const date = dateOfLine(line)
      if (date) {
        meta.date ??= date
        continue
      }
      title = line
      const after = lines.slice(l + 1)
      rest = [
        ...(after.length ? [{ lines: after, text: reflow(after) }] : []),
        ...blocks.slice(b + 1),
      ]
      break
    }
  }
  const list = title.match(LIST_PREFIX)
  if (list) title = title.slice(list[0].length).trim()

  // Header: short lines between the title and the first prose paragraph.
  const kept: Block[] = []
  let start = 0
  for (; start < rest.length; start++) {
    const block = rest[start] as Block
    if (isProse(block.text)) break
    const linesAreMeta = block.lines.every((l) => readHeaderLine(l, { ...meta }, title))
    const units = linesAreMeta ? block.lines : [block.text]
    for (const unit of units) {
      if (readHeaderLine(unit, meta, title)) continue
      // Short leftovers (site taglines, section names) are chrome; longer ones are captions or decks.
      if (wordsIn(unit) >= 6) kept.push({ lines: [unit], text: unit })
    }
  }
  if (list?.[1]) meta.source ??= `${list[1]} mailing list`

  let body = dropRepeatedCredits(cutFooter([...kept, ...rest.slice(start)]))
  body = body.map((b) => ({ ...b, text: b.text.replace(TRAILING_SLUG, '') }))
  const paragraphs = body.map((b) => b.text)
  const headings = body.flatMap((_, i) => (isHeading(body, i) ? [i] : []))
  const words = countWords(paragraphs)

  return {
    id,
    title: title || id,
    ...(meta.author ? { author: meta.author } : {}),
    ...(meta.source ? { source: meta.source } : {}),
    ...(meta.date ? { date: meta.date } : {}),
    words,
    readingMinutes: readingMinutes(words),
    paragraphs,
    headings,
  }
}
