/**
 * How an imported article's blocks are drawn: Lectern's own elements for each kind, never
 * the page's HTML. Every block's element holds exactly its paragraph's text (a table row's
 * " | " separators included), so selections, bookmarks and find map to the same offsets as
 * in a plain paragraph.
 */
import { useEffect, useState, type ReactNode } from 'react'
import type { ArticleImage, BlockKind } from '../../../shared/types'
import { api } from '../api'

/** The number an ordered list item shows: its place among the items before it at its depth. */
export function listNumbers(blocks: readonly BlockKind[] | undefined): Map<number, number> {
  const numbers = new Map<number, number>()
  if (!blocks) return numbers
  const counters: number[] = []
  blocks.forEach((b, i) => {
    if (b.type !== 'listItem') {
      counters.length = 0
      return
    }
    counters.length = b.depth + 1
    counters[b.depth] = (counters[b.depth] ?? 0) + 1
    if (b.ordered) numbers.set(i, counters[b.depth] as number)
  })
  return numbers
}

/** The element of one paragraph, by its kind; `id` and `data-paragraph` are what the rest reads. */
export function BlockText({
  kind,
  text,
  index,
  number,
}: {
  kind: BlockKind | undefined
  text: string
  index: number
  number?: number
}): ReactNode {
  const common = { id: `p-${index}`, 'data-paragraph': index, dir: 'auto' as const }
  switch (kind?.type) {
    case 'quote':
      return (
        <blockquote className="block-quote">
          <p {...common}>{text}</p>
        </blockquote>
      )
    case 'code':
      return (
        <pre className="block-code" {...common} dir="ltr">
          {text}
        </pre>
      )
    case 'listItem':
      return (
        <p
          {...common}
          className={`block-item${kind.ordered ? ' ordered' : ''}`}
          style={{ marginInlineStart: `${1.4 * (kind.depth + 1)}em` }}
          data-number={number}
        >
          {text}
        </p>
      )
    case 'tableRow':
      return (
        <p {...common} className={`block-row${kind.header ? ' header' : ''}`}>
          {kind.cells.map((cell, c) => (
            <span key={c}>
              {c > 0 && <span className="cell-rule"> | </span>}
              <span className="cell">{cell}</span>
            </span>
          ))}
        </p>
      )
    case 'caption':
      return (
        <p {...common} className="block-caption">
          {text}
        </p>
      )
    default:
      return <p {...common}>{text}</p>
  }
}

/** A picture of the article: its own copy if the page came with one, else what it showed. */
export function Figure({ articleId, image }: { articleId: string; image: ArticleImage }) {
  const [src, setSrc] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    if (!image.file) return
    let url: string | null = null
    let stale = false
    api()
      .getArticleImage({ articleId, file: image.file })
      .then(({ mime, data }) => {
        if (stale) return
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
        url = URL.createObjectURL(new Blob([bytes], { type: mime }))
        setSrc(url)
      })
      .catch(() => !stale && setFailed(true))
    return () => {
      stale = true
      if (url) URL.revokeObjectURL(url)
    }
  }, [articleId, image.file])
  if (image.file && !failed) {
    return (
      <figure className="block-figure">
        {src ? (
          <img src={src} alt={image.alt} />
        ) : (
          <span className="figure-loading" aria-hidden="true" />
        )}
      </figure>
    )
  }
  if (!image.alt) return null
  return (
    <figure className="block-figure missing">
      <span className="figure-alt">
        <span className="figure-label">Picture not saved with the page:</span> {image.alt}
      </span>
    </figure>
  )
}
