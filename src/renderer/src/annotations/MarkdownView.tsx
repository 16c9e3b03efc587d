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
export function MarkdownInline({ text }: { text: string }) {
  return (
    <Markdown
      skipHtml
      allowedElements={['p', 'strong', 'em', 'code', 'del', 'li']}
      unwrapDisallowed
      components={{
        p: ({ children }) => <span className="md-line">{children} </span>,
        li: ({ children }) => <span className="md-line md-bullet">• {children} </span>,
      }}
    >
      {text}
    </Markdown>
  )
}
