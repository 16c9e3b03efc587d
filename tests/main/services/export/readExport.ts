/**
 * Reads an exported Markdown file back with a real CommonMark parser (micromark, through mdast)
 * and a YAML parser, so the round-trip tests check what other Markdown tools will see, not what
 * a hand-written pattern happens to accept.
 *
 * The reader is strict: anything out of the expected layout throws, naming the line, so a
 * change in the layout (or a quote or note that escapes its block) fails loudly. Tags and
 * block ids are read as Obsidian reads them: tags from the text as written, and each `^id`
 * attached to the block it names (obsidianBlocks).
 */
import type { Link, Nodes, Paragraph, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import { frontmatter } from 'micromark-extension-frontmatter'
import { parse } from 'yaml'

export interface ReadBookmark {
  id: string
  /** The quote's paragraphs, joined by blank lines. */
  quote: string
  colorName: string
  color: string
  tags: string[]
  /** `YYYY-MM-DD HH:MM UTC`. */
  made: string
  orphaned: boolean
  /** The link back to Lectern. */
  link: string
  /** '' when the file has no note callout for the bookmark. */
  note: string
}

export interface ReadNote {
  id: string
  text: string
  tags: string[]
  made: string
  link: string
}

export interface ReadArticle {
  title: string
  /** The `author · source · date` line; null when the file has none. */
  byline: string | null
  bookmarks: ReadBookmark[]
  notes: ReadNote[]
}

export interface ReadExport extends ReadArticle {
  frontMatter: Record<string, unknown>
}

export interface ReadLibrary {
  frontMatter: Record<string, unknown>
  articles: ReadArticle[]
}

const CALLOUT_HEAD = '> [!note]'
/**
 * `Colour: <name> (<color>)[ · Tags: #a #b] · Made <time>[ · orphaned: …] · Open in Lectern`.
 * The line cannot be told apart when a colour name holds ` (red)`; the tests use none.
 */
const META =
  /^Colour: (.*?) \((yellow|red|blue|green)\)(?: · Tags: #[^\n]*?)? · Made (\d{4}-\d\d-\d\d \d\d:\d\d UTC)( · orphaned: [^\n]*)? · Open in Lectern$/s
const NOTE_META =
  /^Note(?: · Tags: #[^\n]*?)? · Made (\d{4}-\d\d-\d\d \d\d:\d\d UTC) · Open in Lectern$/s
const BLOCK_ID = /^\^lectern-([A-Za-z0-9-]+)$/
/** An Obsidian block id: `^` and letters, digits or dashes, alone or at the end of a block. */
const OBSIDIAN_ID = /(?:^|\s)\^([A-Za-z0-9-]+)$/
/**
 * A tag as Obsidian finds one in text: `#` at the start or after white space, then anything
 * up to white space. Whether it is a valid tag is checked apart (isObsidianTag).
 */
const TAG_IN_TEXT = /(?<=^|\s)#([^\s#]+)/gu

/** Obsidian's documented rule: letters, numbers, `_`, `-`, `/`; not numbers only. */
export const isObsidianTag = (tag: string): boolean =>
  /^[\p{L}\p{M}\p{N}_/-]+$/u.test(tag) && /[^\p{N}/]/u.test(tag)

/**
 * The text a node shows, as mdast-util-to-string has it but stricter: only `text` and
 * `inlineCode` values count (a `break` is a newline), so markup that the exporter failed to
 * escape (an `html`, `image` or emphasis node) changes the result and fails the comparison.
 */
export function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value
  if (node.type === 'break') return '\n'
  return 'children' in node ? node.children.map((c) => textOf(c as Nodes)).join('') : ''
}

/** Node types other than plain text in a subtree. */
function markupIn(node: Nodes): string[] {
  const plain = ['text', 'paragraph', 'blockquote', 'heading'].includes(node.type)
  const below = 'children' in node ? node.children.flatMap((c) => markupIn(c as Nodes)) : []
  return plain ? below : [node.type, ...below]
}

/** Walks the blocks of one article's section in order. */
class Blocks {
  private at = 0
  constructor(
    private readonly nodes: readonly RootContent[],
    private readonly source: string,
    /** Where the section ends in the source: the next section's start, or the file's end. */
    private readonly end = source.length,
  ) {}

  peek(): RootContent | undefined {
    return this.nodes[this.at]
  }

  next(): RootContent {
    const node = this.nodes[this.at++]
    if (!node) throw new Error('readExport: the section ends too early')
    return node
  }

  fail(what: string, node: RootContent | undefined = this.peek()): never {
    const where = node?.position ? `line ${node.position.start.line}` : 'the end'
    const found = node ? `${node.type} ${JSON.stringify(this.sourceOf(node).slice(0, 80))}` : ''
    throw new Error(`readExport: expected ${what} at ${where}, found ${found || 'nothing'}`)
  }

  sourceOf(node: RootContent): string {
    return this.source.slice(node.position?.start.offset, node.position?.end.offset)
  }

  isCallout(node: RootContent | undefined): boolean {
    if (node?.type !== 'blockquote') return false
    const text = this.sourceOf(node)
    return text === CALLOUT_HEAD || text.startsWith(`${CALLOUT_HEAD}\n`)
  }

  heading(depth: number, text?: string): string {
    const node = this.next()
    if (node.type !== 'heading' || node.depth !== depth || (text && textOf(node) !== text))
      this.fail(`a level-${depth} heading${text ? ` "${text}"` : ''}`, node)
    return textOf(node)
  }

  paragraph(what: string, pattern: RegExp): RegExpExecArray {
    return this.meta(what, pattern).match
  }

  /** A line about an item: its text matched, its tags as Obsidian reads them, its link. */
  meta(
    what: string,
    pattern: RegExp,
  ): { match: RegExpExecArray; tags: string[]; link: string | undefined } {
    const node = this.next()
    const match = node.type === 'paragraph' ? pattern.exec(textOf(node)) : null
    if (!match) this.fail(what, node)
    const tags = [...this.sourceOf(node).matchAll(TAG_IN_TEXT)].map((m) => m[1] as string)
    const links = (node as Paragraph).children.filter((c): c is Link => c.type === 'link')
    return { match, tags, link: links.at(-1)?.url }
  }

  blockId(): string {
    return this.paragraph('a ^lectern- block id', BLOCK_ID)[1] as string
  }

  /**
   * A note callout's Markdown, exactly: its source from the `> [!note]` line up to the blank
   * line before the next block, without the first line and with one `> ` (or a lone `>`) taken
   * off each line. Taken from the source, not the tree, so nothing the parser normalises (tabs,
   * trailing spaces, entities) is lost.
   */
  callout(): string {
    const node = this.next()
    const after = this.peek()
    if (!this.isCallout(node) || !node.position) this.fail('a note callout')
    const end = after?.position ? after.position.start.offset : this.end
    const block = this.source.slice(node.position.start.offset, end)
    // mdast-util-to-markdown separates blocks with exactly one blank line, and ends the file
    // with one line break.
    const gap = end === this.source.length ? '\n' : '\n\n'
    if (!block.endsWith(gap)) this.fail('a blank line after the note callout', after)
    const [, ...lines] = block.slice(0, -gap.length).split('\n')
    return lines
      .map((line) => {
        if (line.startsWith('> ')) return line.slice(2)
        if (line === '>') return ''
        return this.fail(`a callout line starting with ">", not ${JSON.stringify(line)}`, node)
      })
      .join('\n')
  }
}

function readBookmark(blocks: Blocks): ReadBookmark {
  const { match, tags, link } = blocks.meta('a "Colour: …" line', META)
  const [, colorName, color, made, orphaned] = match
  const quoteNode = blocks.next()
  if (quoteNode.type !== 'blockquote' || blocks.isCallout(quoteNode))
    blocks.fail('a bookmark quote', quoteNode)
  // A quote holds paragraphs only: anything else would mean its text broke out of them.
  if (!quoteNode.children.every((c) => c.type === 'paragraph'))
    blocks.fail('a quote of paragraphs', quoteNode)
  const id = blocks.blockId()
  const note = blocks.isCallout(blocks.peek()) ? blocks.callout() : ''
  return {
    id,
    quote: quoteNode.children.map(textOf).join('\n\n'),
    colorName: colorName as string,
    color: color as string,
    tags,
    made: made as string,
    orphaned: orphaned !== undefined,
    link: link ?? '',
    note,
  }
}

function readNote(blocks: Blocks): ReadNote {
  const { match, tags, link } = blocks.meta('a "Note · …" line', NOTE_META)
  const text = blocks.callout()
  return { id: blocks.blockId(), text, tags, made: match[1] as string, link: link ?? '' }
}

function readArticle(blocks: Blocks): ReadArticle {
  const title = blocks.heading(1)
  let byline: string | null = null
  if (blocks.peek()?.type === 'paragraph') byline = textOf(blocks.next())
  const bookmarks: ReadBookmark[] = []
  const notes: ReadNote[] = []
  // No empty sections: a heading is there only with something under it.
  if (blocks.peek()?.type === 'heading' && textOf(blocks.peek() as Nodes) === 'Bookmarks') {
    blocks.heading(2, 'Bookmarks')
    do bookmarks.push(readBookmark(blocks))
    while (blocks.peek()?.type === 'paragraph')
  }
  if (blocks.peek()) {
    blocks.heading(2, 'Notes')
    do notes.push(readNote(blocks))
    while (blocks.peek()?.type === 'paragraph')
  }
  if (blocks.peek()) blocks.fail('the end of the article')
  return { title, byline, bookmarks, notes }
}

/** The front matter and the blocks after it. */
function parseFile(markdown: string): {
  frontMatter: Record<string, unknown>
  body: RootContent[]
} {
  const tree = fromMarkdown(markdown, {
    extensions: [frontmatter(['yaml'])],
    mdastExtensions: [frontmatterFromMarkdown(['yaml'])],
  })
  const [head, ...body] = tree.children
  if (head?.type !== 'yaml') throw new Error('readExport: the file has no YAML front matter')
  return { frontMatter: parse(head.value) as Record<string, unknown>, body }
}

/**
 * The markup (emphasis, links, HTML, code…) a parser finds outside the note callouts: there
 * should be none but the links back to Lectern, as titles, quotes and tags are plain text
 * that must come out literally.
 */
export function markupOutsideNotes(markdown: string): string[] {
  const { body } = parseFile(markdown)
  const blocks = new Blocks(body, markdown)
  const isLinkBack = (n: Nodes): boolean =>
    n.type === 'link' && n.url.startsWith('lectern://') && textOf(n) === 'Open in Lectern'
  const strip = (node: Nodes): Nodes =>
    'children' in node
      ? ({ ...node, children: node.children.filter((c) => !isLinkBack(c)).map(strip) } as Nodes)
      : node
  return body
    .filter((node) => !blocks.isCallout(node))
    .flatMap((node) => markupIn(strip(node) as RootContent))
}

/**
 * Obsidian's rule for block ids: `^id` at the end of a block's last line names that block (a
 * paragraph, or a blockquote or callout, whatever its `>` markers); a paragraph that is only
 * `^id` names the block right before it. Lists every id in the file with its block, in order.
 */
export function obsidianBlockIds(markdown: string): { id: string; block: RootContent }[] {
  const { body } = parseFile(markdown)
  const blocks = new Blocks(body, markdown)
  const found: { id: string; block: RootContent }[] = []
  body.forEach((node, i) => {
    if (node.type !== 'paragraph' && node.type !== 'blockquote') return
    const source = blocks.sourceOf(node)
    const lastLine = (source.split('\n').at(-1) ?? '').replace(/^(?:\s*>)+/, '')
    const match = OBSIDIAN_ID.exec(lastLine)
    if (!match) return
    const id = match[1] as string
    const alone = node.type === 'paragraph' && source === `^${id}`
    const block = alone ? body[i - 1] : node
    if (!block) throw new Error(`obsidianBlockIds: ^${id} has no block before it`)
    found.push({ id, block })
  })
  return found
}

/**
 * The blocks Lectern's ids (`^lectern-…`, outside the reader's notes) name; throws on one that
 * is used twice, or on any other id outside the note callouts, as neither should be there.
 */
export function obsidianBlocks(markdown: string): Map<string, RootContent> {
  const { body } = parseFile(markdown)
  const blocks = new Blocks(body, markdown)
  const named = new Map<string, RootContent>()
  for (const { id, block } of obsidianBlockIds(markdown)) {
    // A note is the reader's Markdown: an id at its end is theirs to write.
    if (blocks.isCallout(block) && blocks.sourceOf(block).endsWith(`^${id}`)) continue
    if (!id.startsWith('lectern-')) throw new Error(`obsidianBlocks: a stray id ^${id}`)
    if (named.has(id)) throw new Error(`obsidianBlocks: ^${id} is used twice`)
    named.set(id, block)
  }
  return named
}

/** Every tag Obsidian finds in the text outside the note callouts. */
export function tagsOutsideNotes(markdown: string): string[] {
  const { body } = parseFile(markdown)
  const blocks = new Blocks(body, markdown)
  return body
    .filter((node) => !blocks.isCallout(node))
    .flatMap((node) => [...blocks.sourceOf(node).matchAll(TAG_IN_TEXT)].map((m) => m[1] as string))
}

/** Reads a file with any number of `# Title` sections (the single-file library export). */
export function readLibraryExport(markdown: string): ReadLibrary {
  const { frontMatter, body } = parseFile(markdown)
  const sections: RootContent[][] = []
  for (const node of body) {
    if (node.type === 'heading' && node.depth === 1) sections.push([node])
    else if (sections.length > 0) sections.at(-1)?.push(node)
    else throw new Error(`readExport: ${node.type} before the first title`)
  }
  const starts = sections.map((nodes) => nodes[0]?.position?.start.offset ?? 0)
  return {
    frontMatter,
    articles: sections.map((nodes, i) =>
      readArticle(new Blocks(nodes, markdown, starts[i + 1] ?? markdown.length)),
    ),
  }
}

/** Reads one article's export file. */
export function readExport(markdown: string): ReadExport {
  const { frontMatter, articles } = readLibraryExport(markdown)
  if (articles.length !== 1)
    throw new Error(`readExport: expected one article, found ${articles.length}`)
  return { frontMatter, ...(articles[0] as ReadArticle) }
}
