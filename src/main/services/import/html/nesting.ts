/**
 * Caps how deeply a page's elements nest before jsdom sees it: jsdom's cost grows with the
 * square of the depth and its recursion overflows the stack at some tens of thousands of
 * levels. Tags past the cap are dropped and their text kept, in one pass over the markup.
 */

export const MAX_NESTING = 128

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
])
/** Elements a parser closes when a sibling of the same name opens (`<p>a<p>b`). */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'td', 'th', 'tr', 'option', 'dt', 'dd'])

export function capNesting(html: string, max = MAX_NESTING): string {
  // Cheap test first: most pages never come near the cap.
  if (html.length < max * 5) return html
  const stack: { name: string; kept: boolean }[] = []
  let deepest = 0
  let dropped = false
  const out = html.replace(
    /<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/g,
    (tag, close: string, raw: string, selfClose: string) => {
      const name = raw.toLowerCase()
      if (VOID.has(name) || selfClose) return tag
      if (!close) {
        if (SELF_CLOSING_SIBLINGS.has(name) && stack.at(-1)?.name === name) stack.pop()
        const kept = stack.length < max
        stack.push({ name, kept })
        deepest = Math.max(deepest, stack.length)
        if (!kept) dropped = true
        return kept ? tag : ' '
      }
      let at = stack.length - 1
      while (at >= 0 && stack[at]?.name !== name) at--
      if (at < 0) return tag
      const [closed] = stack.splice(at)
      return closed?.kept ? tag : ' '
    },
  )
  return dropped ? out : html
}
