/**
 * An article's bookmarks and notes as Markdown that Obsidian reads cleanly: YAML front matter
 * made by a YAML library, and a body generated from a Markdown syntax tree, so quoted text
 * with Markdown or HTML in it comes out as literal text.
 *
 * Each bookmark is a line about it (colour, tags, when it was made, a `lectern://` link back),
 * the quoted passage as one blockquote (a paragraph per paragraph of the passage), then its
 * block id on a line of its own, which Obsidian attaches to the block right before it: the
 * quote, so `![[file#^lectern-…]]` embeds the passage. The reader's note follows the id.
 *
 * Notes are Markdown and stay Markdown: each is kept, line for line, in a `> [!note]` callout,
 * so that nothing in a note (an unclosed code fence, a stray HTML block) can run into what
 * follows it. An article note's block id follows its callout.
 */
import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { stringify } from 'yaml'
import type { ArticleSummary, Note, Palette, PlacedBookmark } from '../../../shared/types'
import { lecternLink } from '../links/lecternLink'
import { obsidianTags } from './obsidianTags'

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

/** The text of the link back to Lectern after each item. */
export const OPEN_IN_LECTERN = 'Open in Lectern'

/** Obsidian block ids allow letters, digits and dashes. */
export const blockId = (id: string): string => `lectern-${id.replace(/[^A-Za-z0-9-]/g, '-')}`

export const NOTE_CALLOUT = '[!note]'
export const ORPHANED = 'orphaned: passage not found in the current text'

const text = (value: string): PhrasingContent => ({ type: 'text', value })
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children })
/** Markdown written as is: mdast's `html` node is not escaped. Only for text made here. */
const verbatim = (value: string): PhrasingContent => ({ type: 'html', value })

/**
 * The paragraphs of a quoted passage. A passage across paragraphs holds them joined by blank
 * lines; a run of blank lines is one break, and blank lines at either end are dropped.
 */
export const quoteParagraphs = (quote: string): string[] =>
  quote.split(/\n{2,}/).filter((p) => p !== '')

/** `2024-05-01 09:00 UTC`: when an item was made, the same in every time zone. */
export function madeAt(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/**
 * Tags written as Obsidian reads them: `#tag`, separated by spaces. Written verbatim, as an
 * escaped `\_` would end Obsidian's tag; obsidianTag leaves nothing in them to escape.
 */
const tagList = (tags: readonly string[]): PhrasingContent[] => {
  const valid = obsidianTags(tags)
  return valid.length ? [text(' · Tags: '), verbatim(valid.map((t) => `#${t}`).join(' '))] : []
}

/**
 * A link the exporter makes: the URL is percent-encoded (lecternLink), so it is written
 * verbatim rather than with the backslash escapes a serializer adds, which not every
 * Markdown tool undoes in a link.
 */
const linkBack = (url: string): PhrasingContent => verbatim(`[${OPEN_IN_LECTERN}](${url})`)

/**
 * Strings in code-unit order: ISO times and ids sort the same everywhere, and a locale's
 * collation (`localeCompare`) was a tenth of a large export's time.
 */
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Reading order: by place in the text, orphans last, then by creation. */
export function inReadingOrder(bookmarks: readonly PlacedBookmark[]): PlacedBookmark[] {
  const orphan = (b: PlacedBookmark): number => (b.placed ? 0 : 1)
  return [...bookmarks].sort(
    (a, b) =>
      orphan(a) - orphan(b) ||
      (a.placed?.paragraph ?? 0) - (b.placed?.paragraph ?? 0) ||
      (a.placed?.start ?? 0) - (b.placed?.start ?? 0) ||
      compareStrings(a.created, b.created) ||
      compareStrings(a.id, b.id),
  )
}

export const byCreation = (notes: readonly Note[]): Note[] =>
  [...notes].sort((a, b) => compareStrings(a.created, b.created) || compareStrings(a.id, b.id))

/** The note's Markdown, each line prefixed so it stays inside one callout. */
function noteCallout(markdown: string): RootContent {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  const value = [`> ${NOTE_CALLOUT}`, ...lines.map((l) => (l ? `> ${l}` : '>'))].join('\n')
  return { type: 'html', value }
}

const blockIdLine = (id: string): RootContent => ({ type: 'html', value: `^${blockId(id)}` })

function bookmarkNodes(b: PlacedBookmark, palette: Palette): RootContent[] {
  const paragraphNumber = b.placed?.paragraph ?? b.anchor.position.paragraph
  const link = lecternLink({
    articleId: b.articleId,
    bookmarkId: b.id,
    paragraph: paragraphNumber,
  })
  const meta = paragraph(
    text(`Colour: ${palette[b.color].name} (${b.color})`),
    ...tagList(b.tags),
    text(` · Made ${madeAt(b.created)}${b.placed ? '' : ` · ${ORPHANED}`} · `),
    linkBack(link),
  )
  const quote = quoteParagraphs(b.anchor.quote.exact).map((p) => paragraph(text(p)))
  return [
    meta,
    { type: 'blockquote', children: quote },
    blockIdLine(b.id),
    ...(b.note.trim() ? [noteCallout(b.note)] : []),
  ]
}

function noteNodes(n: Note): RootContent[] {
  const meta = paragraph(
    text('Note'),
    ...tagList(n.tags),
    text(` · Made ${madeAt(n.created)} · `),
    linkBack(lecternLink({ articleId: n.articleId, noteId: n.id })),
  )
  return [meta, noteCallout(n.text), blockIdLine(n.id)]
}

/** The body of one article's section: title, byline, bookmarks, notes; no empty sections. */
export function articleBody(
  { article, bookmarks, notes }: ArticleExport,
  palette: Palette,
  depth: 1 | 2 = 1,
): Root {
  const sub = (depth + 1) as 2 | 3
  const byline = [article.author, article.source, article.date].filter(Boolean).join(' · ')
  const children: RootContent[] = [{ type: 'heading', depth, children: [text(article.title)] }]
  if (byline) children.push(paragraph(text(byline)))
  const ordered = inReadingOrder(bookmarks)
  if (ordered.length) children.push({ type: 'heading', depth: sub, children: [text('Bookmarks')] })
  for (const b of ordered) children.push(...bookmarkNodes(b, palette))
  const sortedNotes = byCreation(notes)
  if (sortedNotes.length) children.push({ type: 'heading', depth: sub, children: [text('Notes')] })
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
    // Obsidian reads `#word` anywhere in text as a tag, and ` ^word` ending a block as that
    // block's id: in a title, quote or colour name both are escaped (`\#` still shows as
    // `#`), so the only tags and ids are those written as such.
    unsafe: [{ character: '#' }, { character: '^' }],
  })

/** YAML front matter between `---` lines; keys in a fixed order. */
export function frontMatter(fields: Record<string, unknown>): string {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
  return `---\n${stringify(defined, { lineWidth: 0 })}---\n\n`
}

/** Every item's tags as Obsidian tags, once each, sorted. */
const unionOfTags = (items: readonly { tags: string[] }[]): string[] =>
  [...new Set(items.flatMap((i) => obsidianTags(i.tags)))].sort()

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
      url: article.url,
      date: article.date,
      article_id: article.id,
      lectern: lecternLink({ articleId: article.id }),
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
