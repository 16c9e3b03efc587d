import Markdown, { defaultUrlTransform, type Components } from 'react-markdown'

/**
 * A note's Markdown, rendered inert: raw HTML is dropped, unsafe link schemes are removed,
 * links open in the system browser only when clicked, and images are never fetched.
 */
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="md-image">[image{alt ? `: ${alt}` : ''}]</span>,
}

export function MarkdownView({ text }: { text: string }) {
  return (
    <div className="markdown">
      <Markdown skipHtml urlTransform={defaultUrlTransform} components={components}>
        {text}
      </Markdown>
    </div>
  )
}

/**
 * A note where there is no room for its layout (a summary line, a hover card): emphasis and
 * code kept, list items marked with a bullet, headings, links and the rest flattened to text.
 */
// Made once: components made in each render are new types to React, so every redraw of the
// card would replace its lines, and a click begun on one (the press moving focus redraws the
// list) would end on another and never count.
const inlineComponents: Components = {
  p: ({ children }) => <span className="md-line">{children} </span>,
  li: ({ children }) => <span className="md-line md-bullet">• {children} </span>,
}
const INLINE_ELEMENTS = ['p', 'strong', 'em', 'code', 'del', 'li']

export function MarkdownInline({ text }: { text: string }) {
  return (
    <Markdown
      skipHtml
      allowedElements={INLINE_ELEMENTS}
      unwrapDisallowed
      components={inlineComponents}
    >
      {text}
    </Markdown>
  )
}
