/**
 * Reads an exported Markdown file back with a real CommonMark parser (micromark, through mdast)
 * and a YAML parser, so the round-trip tests check what other Markdown tools will see, not what
 * a hand-written pattern happens to accept.
 *
 * The reader is strict: anything out of the expected layout throws, naming the line, so a
 * change in the layout (or a quote or note that escapes its block) fails loudly.
 */
import type { Nodes, Paragraph, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import { frontmatter } from 'micromark-extension-frontmatter'
import { parse } from 'yaml'

export interface ReadBookmark {
  id: string
  quote: string
  colorName: string
  color: string
  tags: string[]
  orphaned: boolean
  /** '' when the file has no note callout for the bookmark. */
  note: string
}

export interface ReadNote {
  id: string
  text: string
  tags: string[]
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
 * `Colour: <name> (<color>)[ · Tags: #a, #b][ · orphaned: …]`. The line cannot be told apart
 * when a colour name holds ` (red)` or a tag holds ` · orphaned: `; the tests use neither.
 */
const META =
  /^Colour: (.*?) \((yellow|red|blue|green)\)(?: · Tags: #(.*?))?( · orphaned: [^\n]*)?$/s
const BLOCK_ID = /^\^lectern-([A-Za-z0-9-]+)$/

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

  isParagraph(node: RootContent | undefined, text: string | RegExp): node is Paragraph {
    if (node?.type !== 'paragraph') return false
    return typeof text === 'string' ? textOf(node) === text : text.test(textOf(node))
  }

  heading(depth: number, text?: string): string {
    const node = this.next()
    if (node.type !== 'heading' || node.depth !== depth || (text && textOf(node) !== text))
      this.fail(`a level-${depth} heading${text ? ` "${text}"` : ''}`, node)
    return textOf(node)
  }

  paragraph(what: string, pattern: RegExp): RegExpExecArray {
    const node = this.next()
    const match = node.type === 'paragraph' ? pattern.exec(textOf(node)) : null
    if (!match) this.fail(what, node)
    return match
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
    if (!this.isCallout(node) || !node.position || !after?.position) this.fail('a note callout')
    const block = this.source.slice(node.position.start.offset, after.position.start.offset)
    // mdast-util-to-markdown separates blocks with exactly one blank line.
    if (!block.endsWith('\n\n')) this.fail('a blank line after the note callout', after)
    const [, ...lines] = block.slice(0, -2).split('\n')
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
  const quoteNode = blocks.next()
  if (quoteNode.type !== 'blockquote' || blocks.isCallout(quoteNode))
    blocks.fail('a bookmark quote', quoteNode)
  // A quote is always one paragraph: more blocks would mean its text broke out of it.
  if (quoteNode.children.length !== 1 || quoteNode.children[0]?.type !== 'paragraph')
    blocks.fail('a quote of one paragraph', quoteNode)
  const [, colorName, color, tags, orphaned] = blocks.paragraph('a "Colour: …" line', META)
  const note = blocks.isCallout(blocks.peek()) ? blocks.callout() : ''
  return {
    id: blocks.blockId(),
    quote: textOf(quoteNode),
    colorName: colorName as string,
    color: color as string,
    tags: tags === undefined ? [] : tags.split(', #'),
    orphaned: orphaned !== undefined,
    note,
  }
}

function readNote(blocks: Blocks): ReadNote {
  const text = blocks.callout()
  const tags = blocks.isParagraph(blocks.peek(), /^Tags: #/)
    ? (blocks.paragraph('a "Tags: …" line', /^Tags: #(.*)$/s)[1] as string).split(', #')
    : []
  return { id: blocks.blockId(), text, tags }
}

function readArticle(blocks: Blocks): ReadArticle {
  const title = blocks.heading(1)
  let byline: string | null = null
  if (blocks.peek()?.type === 'paragraph') byline = textOf(blocks.next())
  blocks.heading(2, 'Bookmarks')
  const bookmarks: ReadBookmark[] = []
  if (blocks.isParagraph(blocks.peek(), 'No bookmarks.')) blocks.next()
  else while (blocks.peek()?.type === 'blockquote') bookmarks.push(readBookmark(blocks))
  blocks.heading(2, 'Notes')
  const notes: ReadNote[] = []
  if (blocks.isParagraph(blocks.peek(), 'No notes.')) blocks.next()
  else while (blocks.isCallout(blocks.peek())) notes.push(readNote(blocks))
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
 * should be none, as titles, quotes and tags are plain text that must come out literally.
 */
export function markupOutsideNotes(markdown: string): string[] {
  const { body } = parseFile(markdown)
  const blocks = new Blocks(body, markdown)
  return body.filter((node) => !blocks.isCallout(node)).flatMap(markupIn)
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
  return {
    frontMatter,
    articles: sections.map((nodes) => readArticle(new Blocks(nodes, markdown))),
  }
}

/** Reads one article's export file. */
export function readExport(markdown: string): ReadExport {
  const { frontMatter, articles } = readLibraryExport(markdown)
  if (articles.length !== 1)
    throw new Error(`readExport: expected one article, found ${articles.length}`)
  return { frontMatter, ...(articles[0] as ReadArticle) }
}
