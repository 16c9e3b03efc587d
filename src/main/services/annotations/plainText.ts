/**
 * A note's Markdown as the words a reader sees: for search snippets, where `**bold**`,
 * `[link](https://…)` and backticks would otherwise show as typed. Blocks (paragraphs, list
 * items, headings) stay on lines of their own; link targets and images' addresses go.
 */
import type { Nodes } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'

const BLOCKS = new Set([
  'paragraph',
  'heading',
  'listItem',
  'blockquote',
  'code',
  'tableRow',
  'table',
])

export function plainText(markdown: string): string {
  if (!/[*_`[\]#>~|!<\\-]/.test(markdown)) return markdown // nothing to strip: the common case
  const lines: string[] = []
  let line = ''
  const flush = (): void => {
    if (line.trim()) lines.push(line.trim())
    line = ''
  }
  const walk = (node: Nodes): void => {
    if (node.type === 'text' || node.type === 'inlineCode') line += node.value
    else if (node.type === 'code') {
      flush()
      lines.push(node.value)
    } else if (node.type === 'image') line += node.alt ?? ''
    else if (node.type === 'break') line += ' '
    else if (node.type === 'html') line += node.value.replace(/<[^>]*>/g, '')
    if ('children' in node) {
      const block = BLOCKS.has(node.type)
      if (block) flush()
      for (const child of node.children) {
        walk(child)
        if (node.type === 'tableRow') line += ' '
      }
      if (block) flush()
    }
  }
  walk(fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }))
  flush()
  return lines.join('\n')
}
