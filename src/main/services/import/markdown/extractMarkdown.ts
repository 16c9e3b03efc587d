/**
 * Markdown as web clippers write it (Obsidian Web Clipper, MarkDownload, Lectern's own
 * export): YAML front matter for the metadata, CommonMark with GitHub tables for the body.
 */
import { basename, extname } from 'node:path'
import type { Nodes, Root, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { toString } from 'mdast-util-to-string'
import { frontmatter } from 'micromark-extension-frontmatter'
import { gfm } from 'micromark-extension-gfm'
import { parse as parseYaml } from 'yaml'
import { isoDate } from '../dates'
import { assertText, decodeText } from '../decode'
import { directionOf } from '../direction'
import { imageResolver } from '../html/images'
import { squashed } from '../squashed'
import {
  blocksToText,
  ImportError,
  type Block,
  type ExtractedArticle,
  type ExtractInput,
  type Extractor,
} from '../types'

type FrontMatter = Record<string, unknown>

/** `"[[Jane Doe]]"` (an Obsidian link) → `Jane Doe`; lists are joined. */
function plain(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) {
    const parts = value.map(plain).filter(Boolean)
    return parts.length ? parts.join(', ') : undefined
  }
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const text = String(value)
    .replace(
      /\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g,
      (_, target: string, label?: string) => label ?? target,
    )
    .trim()
  return text || undefined
}

function pick(fm: FrontMatter, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const found = Object.keys(fm).find((k) => k.toLowerCase() === key)
    const value = found ? plain(fm[found]) : undefined
    if (value) return value
  }
  return undefined
}

function readFrontMatter(tree: Root): FrontMatter {
  const node = tree.children.find((c) => c.type === 'yaml')
  if (!node || !('value' in node)) return {}
  try {
    const parsed: unknown = parseYaml(node.value)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as FrontMatter)
      : {}
  } catch {
    // Front matter that is not YAML is just not metadata; the body is still read.
    return {}
  }
}

const inlineText = (node: Nodes): string => squashed(toString(node, { includeImageAlt: false }))

function toBlocks(nodes: RootContent[], resolve: ReturnType<typeof imageResolver>): Block[] {
  const blocks: Block[] = []
  const images = (node: Nodes): void => {
    if (node.type === 'image')
      blocks.push({ type: 'image', alt: node.alt ?? '', ...resolve(node.url) })
    else if ('children' in node) for (const c of node.children) images(c as Nodes)
  }
  const visit = (node: RootContent, depth: number, quote: boolean): void => {
    switch (node.type) {
      case 'heading': {
        const text = inlineText(node)
        if (text) blocks.push({ type: 'heading', level: node.depth, text })
        return
      }
      case 'paragraph': {
        const text = inlineText(node)
        if (text) blocks.push({ type: quote ? 'quote' : 'paragraph', text })
        images(node)
        return
      }
      case 'blockquote':
        for (const c of node.children) visit(c, depth, true)
        return
      case 'list':
        for (const item of node.children) {
          const own = item.children.filter((c) => c.type !== 'list')
          const text = own
            .map((c) => inlineText(c))
            .filter(Boolean)
            .join(' ')
          if (text) blocks.push({ type: 'listItem', text, ordered: node.ordered === true, depth })
          for (const c of item.children) if (c.type === 'list') visit(c, depth + 1, quote)
        }
        return
      case 'code':
        blocks.push({
          type: 'code',
          text: node.value,
          ...(node.lang ? { language: node.lang } : {}),
        })
        return
      case 'table':
        node.children.forEach((row, i) =>
          blocks.push({
            type: 'tableRow',
            cells: row.children.map((c) => inlineText(c)),
            header: i === 0,
          }),
        )
        return
      case 'html': {
        // Raw HTML inside Markdown: its words only, never its markup.
        const text = node.value
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()
        if (text) blocks.push({ type: 'paragraph', text })
        return
      }
      default:
        if ('children' in node)
          for (const c of node.children as RootContent[]) visit(c, depth, quote)
    }
  }
  for (const n of nodes) visit(n, 0, false)
  return blocks
}

export function extractMarkdown({ bytes, path, url }: ExtractInput): ExtractedArticle {
  assertText(bytes, 'Markdown')
  const source = decodeText(bytes)
  const tree = fromMarkdown(source, {
    extensions: [frontmatter(['yaml']), gfm()],
    mdastExtensions: [frontmatterFromMarkdown(['yaml']), gfmFromMarkdown()],
  })
  const fm = readFrontMatter(tree)
  const sourceField = pick(fm, 'source', 'site', 'site_name', 'publication')
  const sourceIsUrl = sourceField !== undefined && /^https?:\/\//i.test(sourceField)
  const pageUrl =
    url ??
    pick(fm, 'url', 'source_url', 'link', 'canonical') ??
    (sourceIsUrl ? sourceField : undefined)
  let blocks = toBlocks(
    tree.children.filter((c) => c.type !== 'yaml'),
    imageResolver(path, pageUrl),
  )
  let title = pick(fm, 'title')
  const firstHeading = blocks.findIndex((b) => b.type !== 'image')
  const head = blocks[firstHeading]
  if (head?.type === 'heading' && head.level === 1 && (!title || head.text === title)) {
    title ??= head.text
    blocks = blocks.filter((_, i) => i !== firstHeading)
  }
  title ??= path ? basename(path, extname(path)) : 'Untitled'
  const text = blocksToText(blocks)
  if (!text.trim()) throw new ImportError('empty: the file has no text', 'empty')
  const author = pick(fm, 'author', 'byline', 'authors', 'creator')
  const siteName = sourceIsUrl ? pick(fm, 'site', 'site_name', 'publication') : sourceField
  const published = isoDate(pick(fm, 'published', 'date', 'created', 'date_published'))
  const language = pick(fm, 'lang', 'language')
  const tags = fm.tags
  const tagList = (
    Array.isArray(tags) ? tags : typeof tags === 'string' ? tags.split(/[,\s]+/) : []
  )
    .map((t) => plain(t)?.replace(/^#/, ''))
    .filter((t): t is string => Boolean(t))
  return {
    format: 'markdown',
    title,
    ...(author ? { author } : {}),
    ...(siteName ? { siteName } : {}),
    ...(published ? { published } : {}),
    ...(pageUrl ? { url: pageUrl } : {}),
    ...(language ? { language } : {}),
    direction: directionOf(pick(fm, 'dir', 'direction'), language, text),
    ...(tagList.length ? { tags: tagList } : {}),
    blocks,
  }
}

export const markdownExtractor: Extractor = {
  format: 'markdown',
  extensions: ['md', 'markdown', 'mdown', 'mkd'],
  extract: async (input) => extractMarkdown(input),
}
