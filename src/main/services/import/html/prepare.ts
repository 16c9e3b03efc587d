/**
 * Changes made to the page before Readability reads it, each undoing something a browser
 * would have done or a guess of Readability's that the page itself contradicts.
 */

/**
 * Readability 0.6's own test for elements that are probably not content (sidebars, menus,
 * comments…) and its exceptions: an element whose class or id matches the first and not the
 * second is removed before scoring.
 */
const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i
const MAYBE = /and|article|body|column|content|main|shadow/i

/**
 * Streamed content: React's streaming server rendering sends parts of the page late, in
 * `<div hidden id="S:0">`, and a script moves each into its place. Scripts never run here, so
 * such a part is shown where it stands (else Readability, which skips hidden elements, loses
 * a whole article body).
 */
export function revealStreamedParts(document: Document): void {
  for (const el of Array.from(document.querySelectorAll('div[hidden][id^="S:"]')))
    if (/^S:\d+$/.test(el.id)) el.removeAttribute('hidden')
}

/**
 * Landmarks are content: the page's `<main>`, `role=main`, its `articleBody` and its only
 * `<article>`, with every element around them, keep their place even when a class names a
 * layout (`main-with-sidebar`, `template-with-sidebar`) that Readability takes for a
 * sidebar and removes, with the article inside.
 */
export function shieldLandmarks(document: Document): void {
  const articles = document.querySelectorAll('article')
  const landmarks = [
    ...Array.from(document.querySelectorAll('main, [role="main"], [itemprop="articleBody"]')),
    ...(articles.length === 1 ? [articles[0] as Element] : []),
  ]
  const seen = new Set<Element>()
  for (const landmark of landmarks) {
    for (let el: Element | null = landmark; el && el.tagName !== 'BODY'; el = el.parentElement) {
      if (seen.has(el)) break
      seen.add(el)
      const id = el.getAttribute('id') ?? ''
      const classes = el.getAttribute('class') ?? ''
      if (!UNLIKELY.test(`${classes} ${id}`) || MAYBE.test(`${classes} ${id}`)) continue
      const kept = classes.split(/\s+/).filter((c) => c && !UNLIKELY.test(c))
      el.setAttribute('class', kept.join(' '))
      if (UNLIKELY.test(id)) el.removeAttribute('id')
    }
  }
}

/** An id as a page's tools make it from a heading's text: `Link Headers` → `link-headers`. */
const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')

/**
 * Sections named after their heading: documentation tools give a section the id of its
 * heading's words (`<section id="link-headers"><h2>Link Headers</h2>`), and Readability
 * reads `header`, `comment` or `related` in such an id as a layout hint and removes the
 * section. An id that is its own heading's text says nothing about layout: it is dropped.
 */
export function unhintHeadingIds(document: Document): void {
  for (const el of Array.from(document.querySelectorAll('[id]'))) {
    const id = el.getAttribute('id') ?? ''
    if (!UNLIKELY.test(id)) continue
    // A section opens with its heading (empty anchors aside).
    const heading = Array.from(el.children).find(
      (c) => /^H[1-6]$/.test(c.tagName) || (c.textContent ?? '').trim(),
    )
    if (!heading || !/^H[1-6]$/.test(heading.tagName)) continue
    const words = slug(heading.textContent ?? '')
    if (!words || !slug(id).endsWith(words)) continue
    // `Comments`, `Related posts`: a heading that is a layout word, or opens with one and has
    // one more, names a part of the layout; `Link headers` names a topic.
    const parts = words.split('-')
    const isHint = (w: string): boolean => {
      const hint = UNLIKELY.exec(w)?.[0].toLowerCase()
      return hint === w || `${hint}s` === w
    }
    const layout = parts.length <= 2 && isHint(parts[0] ?? '')
    if (!layout) el.removeAttribute('id')
  }
}
