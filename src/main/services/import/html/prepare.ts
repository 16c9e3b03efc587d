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
 * `<div hidden id="S:0">`, and a script moves each into its place (`<template id="B:0">`).
 * Scripts never run here, so the move is made here; a part whose place is not in the page is
 * shown where it stands (else Readability, which skips hidden elements, loses a whole
 * article body).
 */
export function revealStreamedParts(document: Document): void {
  for (const el of Array.from(document.querySelectorAll('div[hidden][id^="S:"]'))) {
    // React numbers the parts in hexadecimal (`S:1a`).
    if (!/^S:[0-9a-f]+$/i.test(el.id)) continue
    const n = el.id.slice(2)
    // `B:` stands for a part with a fallback, `P:` for a part of a part, with none.
    const slot = document.getElementById(`B:${n}`) ?? document.getElementById(`P:${n}`)
    if (slot?.tagName === 'TEMPLATE' && !el.contains(slot)) fillSlot(slot, el)
    else el.removeAttribute('hidden')
  }
}

/** A fallback's words at most (`Loading paragraph...`): more is content, not a stand-in. */
const FALLBACK_CHARS = 80

/**
 * Puts a streamed part where its placeholder (`<template id="B:0">`) stands, in place of the
 * fallback shown meanwhile, as React's script would: the part belongs there, in the flow of
 * the article, not at the end of the page where it arrived. The fallback runs to the
 * boundary's end comment (`<!--/$-->`); a page saved without comments shows it as the one
 * short element after the placeholder.
 */
function fillSlot(slot: Element, part: Element): void {
  const parent = slot.parentNode
  if (!parent) return
  const before = slot.id.startsWith('B:') ? slot.previousSibling : null
  const opensBoundary =
    before?.nodeType === 8 /* comment */ && ((before as Comment).data ?? '').startsWith('$')
  let end: ChildNode | null = slot.nextSibling
  if (opensBoundary) {
    let depth = 0
    while (end) {
      const data = end.nodeType === 8 ? ((end as Comment).data ?? '') : undefined
      if (data === '/$' && depth === 0) break
      if (data === '/$') depth--
      else if (data !== undefined && data.startsWith('$')) depth++
      const next: ChildNode | null = end.nextSibling
      if (end.nodeType !== 8) end.remove()
      end = next
    }
  } else if (slot.id.startsWith('B:')) {
    let next = slot.nextSibling
    while (next && next.nodeType === 3 && !(next.nodeValue ?? '').trim()) next = next.nextSibling
    if (
      next?.nodeType === 1 &&
      (next as Element).tagName !== 'TEMPLATE' &&
      (next.textContent ?? '').trim().length <= FALLBACK_CHARS &&
      !(next as Element).querySelector('img, template')
    ) {
      end = next.nextSibling
      next.remove()
    }
  }
  const at = end && end.parentNode === parent ? end : slot.nextSibling
  while (part.firstChild) parent.insertBefore(part.firstChild, at)
  slot.remove()
  part.remove()
}

/**
 * Tab panels: a manual shows one panel of a tab group at a time (`macOS`, `Linux`, `Windows`)
 * and hides the others until a reader picks their tab; all are the page's content. Readability
 * skips hidden elements, so the panels are shown.
 */
export function revealTabPanels(document: Document): void {
  for (const el of Array.from(document.querySelectorAll('[role="tabpanel"]'))) reveal(el)
}

/** Shows an element however the page hides it: an attribute, ARIA or an inline style. */
function reveal(el: Element): void {
  el.removeAttribute('hidden')
  if (el.getAttribute('aria-hidden') === 'true') el.removeAttribute('aria-hidden')
  if (/\b(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(el.getAttribute('style') ?? ''))
    el.removeAttribute('style')
}

/** Words enough for a paragraph of prose, not a label or a menu's entry. */
const PROSE_WORDS = 12
const holdsProse = (el: Element): boolean =>
  Array.from(el.getElementsByTagName('p')).some(
    (p) => ((p.textContent ?? '').match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= PROSE_WORDS,
  )

/**
 * Collapsed sections: an accordion's button names the panel it opens (`aria-controls`), and
 * the panel stays hidden until a reader clicks. A panel of prose is the article's text, folded
 * away (a menu's panel, of links, stays hidden).
 */
export function revealDisclosedPanels(document: Document): void {
  for (const button of Array.from(document.querySelectorAll('[aria-controls]'))) {
    for (const id of (button.getAttribute('aria-controls') ?? '').split(/\s+/)) {
      const panel = id ? document.getElementById(id) : null
      if (panel && panel !== button && !panel.contains(button) && holdsProse(panel)) reveal(panel)
    }
  }
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

/** What Readability looks for in a class or id to find the byline; it matches inside words. */
const BYLINE_HINT = /byline|author|dateline|writtenby/i

/**
 * A heading whose id is its own words (`<h4 id="authoring-applications">`) names a topic, but
 * Readability reads `author` in the id and takes the heading for the byline, so that the
 * article's author became `Authoring applications`. Such an id is dropped.
 */
export function unhintHeadingBylines(document: Document): void {
  for (const heading of Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
    const id = heading.getAttribute('id') ?? ''
    if (BYLINE_HINT.test(id) && slug(id) === slug(heading.textContent ?? ''))
      heading.removeAttribute('id')
  }
}

/** Elements that sit inside a line of text rather than make a part of the page. */
const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'CITE',
  'CODE',
  'EM',
  'I',
  'MARK',
  'Q',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
])

/**
 * Parts of a sentence: an inline element inside a paragraph (`[<span class="footers">1</span>]`,
 * a citation's number) is words of that paragraph, whatever its class says. Readability reads
 * `footer`, `comment` or `related` in such a class as a part of the layout and removes it,
 * leaving `[]` in the sentence; the hint is dropped.
 */
export function unhintInlineParts(document: Document): void {
  for (const el of Array.from(document.querySelectorAll('p [class], p [id]'))) {
    if (!INLINE.has(el.tagName)) continue
    const id = el.getAttribute('id') ?? ''
    const classes = el.getAttribute('class') ?? ''
    if (!UNLIKELY.test(`${classes} ${id}`) || MAYBE.test(`${classes} ${id}`)) continue
    el.setAttribute(
      'class',
      classes
        .split(/\s+/)
        .filter((c) => c && !UNLIKELY.test(c))
        .join(' '),
    )
    if (UNLIKELY.test(id)) el.removeAttribute('id')
  }
}

/**
 * Style-only class names of utility CSS (Tailwind and the like): `scroll-mt-20` keeps a
 * heading clear of a sticky bar when a link jumps to it, `overflow-x-scroll` lets a wide code
 * block scroll. They say how a part is drawn, not what it is, yet Readability reads `scroll` in
 * them as a mark of boilerplate and removes the heading or the code block. (`overflow-hidden`
 * stays: with no height it folds a panel away.) Variant prefixes (`lg:`), a minus sign or an
 * `!` may come first.
 */
const STYLE_ONLY_CLASS =
  /^(?:[\w-]+:)*!?-?(?:scroll-[mp][trblxyse]?-\S+|scroll-(?:smooth|auto)|overflow(?:-[xy])?-scroll|overscroll(?:-[xy])?-\w+|(?:no-)?scrollbar(?:-[\w-]+)?)$/

/** Drops the style-only class names (`STYLE_ONLY_CLASS`) that Readability would misread. */
export function unhintStyleClasses(document: Document): void {
  for (const el of Array.from(document.querySelectorAll('[class]'))) {
    const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean)
    const kept = classes.filter((c) => !STYLE_ONLY_CLASS.test(c))
    if (kept.length < classes.length) el.setAttribute('class', kept.join(' '))
  }
}

/**
 * The page's root is the whole page, never a part of its layout: a class on `<html>` that
 * records a state of the layout (`sidebar-visible`, `menu-open`) is read by Readability as
 * the mark of a sidebar or a menu, and it removes the root, so that nothing is left out of
 * the article (a help popup, the menus). It spares `<body>` but not `<html>`; the hints go.
 */
export function unhintRoot(document: Document): void {
  const root = document.documentElement
  if (!UNLIKELY.test(`${root.getAttribute('class') ?? ''} ${root.getAttribute('id') ?? ''}`)) return
  root.removeAttribute('class')
  root.removeAttribute('id')
}

/**
 * Readability's misreadings undone before it reads a page: landmarks kept whole, and the ids
 * and class names it takes for boilerplate or a byline where they only place or draw a part.
 */
export function prepareForReadability(document: Document): void {
  shieldLandmarks(document)
  unhintHeadingIds(document)
  unhintHeadingBylines(document)
  unhintInlineParts(document)
  unhintStyleClasses(document)
  unhintRoot(document)
}
