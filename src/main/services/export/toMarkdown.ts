/**
 * An article's bookmarks and notes as Markdown that Obsidian-style tools read cleanly:
 * YAML front matter made by a YAML library, and a body generated from a Markdown syntax
 * tree, so quoted text with Markdown or HTML in it comes out as literal text.
 *
 * The reader's own notes are Markdown and stay Markdown: each is kept, line for line, in a
 * `> [!note]` callout, so that nothing in a note (an unclosed code fence, a stray HTML block)
 * can run into what follows it. Every bookmark and note ends with a stable block id.
 */
import type { BlockContent, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { stringify } from 'yaml'
import type { ArticleSummary, Note, Palette, PlacedBookmark } from '../../../shared/types'
import { PARAGRAPH_SEPARATOR } from '../anchoring/articleLayout'

export interface ArticleExport {
  article: ArticleSummary
  bookmarks: PlacedBookmark[]
  notes: Note[]
}

export interface MarkdownOptions {
  palette: Palette
  /** ISO time of the export; omitted from the file when undefined (for reproducible output). */
  exported?: string
}

/** Obsidian block ids allow letters, digits and dashes. */
export const blockId = (id: string): string => `lectern-${id.replace(/[^A-Za-z0-9-]/g, '-')}`

export const NOTE_CALLOUT = '[!note]'
export const ORPHANED = 'orphaned: passage not found in the current text'

const text = (value: string): PhrasingContent => ({ type: 'text', value })
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children })

/** Reading order: by place in the text, orphans last, then by creation. */
export function inReadingOrder(bookmarks: readonly PlacedBookmark[]): PlacedBookmark[] {
  const key = (b: PlacedBookmark): [number, number, number] =>
    b.placed ? [0, b.placed.paragraph, b.placed.start] : [1, 0, 0]
  return [...bookmarks].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)]
    return (
      ka[0] - kb[0] ||
      ka[1] - kb[1] ||
      ka[2] - kb[2] ||
      a.created.localeCompare(b.created) ||
      a.id.localeCompare(b.id)
    )
  })
}

export const byCreation = (notes: readonly Note[]): Note[] =>
  [...notes].sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id))

/** The note's Markdown, each line prefixed so it stays inside one callout. */
function noteCallout(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  return [`> ${NOTE_CALLOUT}`, ...lines.map((l) => (l ? `> ${l}` : '>'))].join('\n')
}

/** Raw Markdown spliced into the tree as is (mdast's `html` node is written verbatim). */
const raw = (value: string): RootContent => ({ type: 'html', value })

function bookmarkNodes(b: PlacedBookmark, palette: Palette): RootContent[] {
  const meta = [`Colour: ${palette[b.color].name} (${b.color})`]
  if (b.tags.length) meta.push(`Tags: ${b.tags.map((t) => `#${t}`).join(', ')}`)
  if (!b.placed) meta.push(ORPHANED)
  // A passage over several paragraphs stays several paragraphs, inside one quote.
  const quote: BlockContent[] = b.anchor.quote.exact
    .split(PARAGRAPH_SEPARATOR)
    .map((p) => paragraph(text(p)))
  return [
    { type: 'blockquote', children: quote },
    paragraph(text(meta.join(' · '))),
    ...(b.note.trim() ? [raw(noteCallout(b.note))] : []),
    raw(`^${blockId(b.id)}`),
  ]
}

function noteNodes(n: Note): RootContent[] {
  const meta = n.tags.length
    ? [paragraph(text(`Tags: ${n.tags.map((t) => `#${t}`).join(', ')}`))]
    : []
  return [raw(noteCallout(n.text)), ...meta, raw(`^${blockId(n.id)}`)]
}

/** The body of one article's section: title, metadata line, bookmarks, notes. */
export function articleBody(
  { article, bookmarks, notes }: ArticleExport,
  palette: Palette,
  depth: 1 | 2 = 1,
): Root {
  const sub = (depth + 1) as 2 | 3
  const byline = [article.author, article.source, article.date].filter(Boolean).join(' · ')
  const children: RootContent[] = [{ type: 'heading', depth, children: [text(article.title)] }]
  if (byline) children.push(paragraph(text(byline)))
  children.push({ type: 'heading', depth: sub, children: [text('Bookmarks')] })
  const ordered = inReadingOrder(bookmarks)
  if (ordered.length === 0) children.push(paragraph(text('No bookmarks.')))
  for (const b of ordered) children.push(...bookmarkNodes(b, palette))
  children.push({ type: 'heading', depth: sub, children: [text('Notes')] })
  const sortedNotes = byCreation(notes)
  if (sortedNotes.length === 0) children.push(paragraph(text('No notes.')))
  for (const n of sortedNotes) children.push(...noteNodes(n))
  return { type: 'root', children }
}

const render = (tree: Root): string =>
  toMarkdown(tree, {
    bullet: '-',
    emphasis: '_',
    strong: '*',
    fences: true,
    rule: '-',
    listItemIndent: 'one',
  })

/** YAML front matter between `---` lines; keys in a fixed order. */
export function frontMatter(fields: Record<string, unknown>): string {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
  return `---\n${stringify(defined, { lineWidth: 0 })}---\n\n`
}

const unionOfTags = (items: readonly { tags: string[] }[]): string[] =>
  [...new Set(items.flatMap((i) => i.tags))].sort()

/** One article's export file. */
export function articleMarkdown(
  data: ArticleExport,
  { palette, exported }: MarkdownOptions,
): string {
  const { article, bookmarks, notes } = data
  return (
    frontMatter({
      title: article.title,
      author: article.author,
      source: article.source,
      date: article.date,
      article_id: article.id,
      exported,
      tags: unionOfTags([...bookmarks, ...notes]),
      bookmarks: bookmarks.length,
    }) + render(articleBody(data, palette, 1))
  )
}

/** Several articles in one file, each a `#` section. */
export function libraryMarkdown(
  articles: readonly ArticleExport[],
  { palette, exported }: MarkdownOptions,
): string {
  const all = articles.flatMap((a) => [...a.bookmarks, ...a.notes])
  const head = frontMatter({
    title: 'Lectern notes',
    exported,
    tags: unionOfTags(all),
    articles: articles.length,
    bookmarks: articles.reduce((n, a) => n + a.bookmarks.length, 0),
  })
  return head + articles.map((a) => render(articleBody(a, palette, 1))).join('\n')
}
