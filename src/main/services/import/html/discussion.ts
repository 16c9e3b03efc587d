/**
 * Forum threads and Q&A pages: the whole discussion is the content, while Readability keeps
 * only the opening post. A thread shows as a run of sibling elements of one kind (same tag,
 * same class words) that name themselves posts, comments, replies or answers, each with text
 * of its own. When the text Readability chose lies inside such a run, the run is the article.
 */
import { squashed } from '../squashed'

/** Words in class names, ids and schema.org types that mark a post. */
const POST_HINT =
  /(^|[^a-z])(post|posts|comment|comments|message|reply|replies|answer|answers|entry|topic|thread|discussion|forumpost|bbpost|msg|cooked)([^a-z]|$)|(Comment|Answer|DiscussionForumPosting|Question)$/i

/** Words that mark the chrome around posts, not posts. */
const NOT_POST =
  /(^|[^a-z])(nav|menu|sidebar|footer|header|share|related|widget|ad|ads|promo|breadcrumb)([^a-z]|$)/i

const MIN_POST_CHARS = 40

/** Whether class words or an id name a post, also in camel case (`postItem`, `commentBody`). */
const namesPost = (s: string): boolean => POST_HINT.test(s.replace(/([a-z])([A-Z])/g, '$1-$2'))

/**
 * What makes siblings posts of one kind: their tag and the class words that name them posts.
 * Other class words are left out, as forums add alternating and state classes to posts
 * (`odd`/`even`, `is-unread`, `is-first`) that would split one thread into several.
 */
function signature(el: Element): string {
  const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter((c) => c && !/\d/.test(c))
  const named = postNames(el)
  return `${el.tagName}.${(named.length ? named : classes).sort().join('.')}`
}

/** The class words that name an element a post (see `signature`). */
const postNames = (el: Element): string[] =>
  (el.getAttribute('class') ?? '').split(/\s+/).filter((c) => c && !/\d/.test(c) && namesPost(c))

/**
 * A run with the posts among its siblings that add a post-naming class word of their own:
 * forums mark the opening post or a moderator's (`message message-threadStarterPost`), and
 * the run is incomplete without them.
 */
function withMarkedSiblings(members: Element[]): Element[] {
  const first = members[0] as Element
  const names = postNames(first)
  const parent = first.parentElement
  if (!names.length || !parent) return members
  const inRun = new Set(members)
  return Array.from(parent.children).filter(
    (c) =>
      inRun.has(c) ||
      (c.tagName === first.tagName &&
        !NOT_POST.test(hints(c)) &&
        names.every((n) => postNames(c).includes(n))),
  )
}

function hints(el: Element): string {
  return [
    el.getAttribute('class'),
    el.getAttribute('id'),
    el.getAttribute('itemtype'),
    el.tagName === 'ARTICLE' ? 'post' : '',
  ]
    .filter(Boolean)
    .join(' ')
}

const textLength = (el: Element): number => squashed(el.textContent).length

function linkTextLength(el: Element): number {
  let n = 0
  for (const a of Array.from(el.querySelectorAll('a'))) n += textLength(a)
  return n
}

export interface Thread {
  posts: Element[]
  chars: number
}

/** The thread each post was found in, for cleaning a post against the posts before it. */
const threadOfPost = new WeakMap<Element, Thread>()
/** The thread's posts as words, read before any post is cleaned (see `dropRepeats`). */
const postWords = new WeakMap<Thread, ThreadWords>()

interface ThreadWords {
  /** Each post's words as one string. */
  texts: string[]
  /** Where each post stands in the thread. */
  indexOf: Map<Element, number>
  /** The posts holding each run of SHINGLE_WORDS words, in thread order. */
  postsWith: Map<string, number[]>
}

function registered(thread: Thread): Thread {
  for (const post of thread.posts) threadOfPost.set(post, thread)
  return thread
}

/** Elements that hold a post, when no class name says so. */
const POST_TAGS = new Set(['DIV', 'LI', 'ARTICLE', 'SECTION'])

/**
 * The largest run of post-like siblings in the page, if there is one. `unnamed`: a page that
 * says it is a discussion may name its posts with generated class names (`sc-ksPmiX`) or none:
 * there any run of like containers counts, held to more posts, fewer links and no one post
 * dominating (a page's header, main part and footer are a run of like containers too).
 */
export function findThread(body: Element, unnamed = false): Thread | undefined {
  let best: Thread | undefined
  const parents = [body, ...Array.from(body.querySelectorAll('*'))]
  for (const parent of parents) {
    if (parent.children.length < 2) continue
    const groups = new Map<string, Element[]>()
    for (const child of Array.from(parent.children)) {
      const key = signature(child)
      const list = groups.get(key)
      if (list) list.push(child)
      else groups.set(key, [child])
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue
      const members = groups.size > 1 ? withMarkedSiblings(group) : group
      const first = members[0] as Element
      if (NOT_POST.test(hints(first))) continue
      const hinted = namesPost(hints(first))
      if (!hinted && !(unnamed && POST_TAGS.has(first.tagName))) continue
      const lengths = members.map(textLength)
      const substantial = lengths.filter((n) => n >= MIN_POST_CHARS).length
      if (substantial < (hinted ? 2 : 3)) continue
      const chars = lengths.reduce((a, b) => a + b, 0)
      const links = members.reduce((a, m) => a + linkTextLength(m), 0)
      // A list of links (a thread index, a menu) is not a discussion.
      if (links > chars * (hinted ? 0.5 : 0.3)) continue
      if (!hinted && Math.max(...lengths) > chars * 0.6) continue
      if (best && chars <= best.chars) continue
      // What the page hides until a click (a cookie dialog's sections, a menu) is no thread;
      // one post that a class calls hidden (`score-hidden`: its votes are) does not hide it.
      if (hiddenFrom(parent, body) || members.filter(isHidden).length * 2 > members.length) continue
      best = { posts: members, chars }
    }
  }
  return best && registered(best)
}

/** Whether an element, or one around it below `top`, is hidden until a click (`isHidden`). */
function hiddenFrom(el: Element, top: Element): boolean {
  for (let e: Element | null = el; e && e !== top; e = e.parentElement) if (isHidden(e)) return true
  return false
}

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

/**
 * Text's length as `textLength` measures a post's: runs of white space count once. Forum
 * markup is indented with tabs and new lines that a raw length would count as text.
 */
export const collapsedLength = (s: string): number => squashed(s).length

/**
 * Whether a thread holds the text Readability chose (so Readability picked one post of it)
 * and is clearly more than that text.
 */
export function threadHoldsArticle(thread: Thread, articleText: string): boolean {
  const chosen = words(articleText)
  // Readability found next to nothing: the thread is the page's text.
  if (chosen.length < 40) return thread.chars >= 200
  const inThread = new Set(thread.posts.flatMap((p) => words(p.textContent ?? '')))
  const covered = chosen.filter((w) => inThread.has(w)).length / chosen.length
  return covered >= 0.8 && thread.chars >= collapsedLength(articleText) * 1.3
}

/**
 * Whether the text Readability chose wraps the thread: nearly all of the posts' words are in
 * it and they make most of it. Readability then keeps the forum's chrome around each post.
 */
export function pickWrapsThread(thread: Thread, articleText: string): boolean {
  const chosen = new Set(words(articleText))
  const threadWords = thread.posts.flatMap((p) => words(p.textContent ?? ''))
  if (thread.posts.length < 3 || !threadWords.length) return false
  const inPick = threadWords.filter((w) => chosen.has(w)).length / threadWords.length
  return inPick >= 0.8 && thread.chars >= collapsedLength(articleText) * 0.6
}

/** The name on the thread's opening post, where the forum marks it up as such. */
export function threadStarter(thread: Thread): string | undefined {
  const first = thread.posts[0]
  if (!first) return undefined
  const el = first.querySelector(
    '[itemprop="author"] [itemprop="name"], [itemprop="author"], [class*="username" i], [class*="user-name" i], [class*="author" i], [class*="poster" i], [data-author]',
  )
  const name = (el?.getAttribute('data-author') || el?.textContent || '')
    .replace(/\s+/g, ' ')
    .trim()
  return name && name.split(' ').length <= 6 ? name : undefined
}

/** schema.org types a page gives a thread, a question or a post. */
const DISCUSSION_TYPES = /(^|\/)(DiscussionForumPosting|QAPage)$/
const POST_TYPES = /(^|\/)(Comment|Answer|Question|DiscussionForumPosting)$/

/**
 * Whether the page says it is a discussion (a forum thread or a question with its answers),
 * in JSON-LD or microdata, as forums do for search engines. Articles with comments say
 * `Article` and, at most, `Comment`.
 */
export function isDiscussionPage(document: Document): boolean {
  for (const el of Array.from(document.querySelectorAll('[itemtype]')))
    if (DISCUSSION_TYPES.test(itemType(el))) return true
  for (const script of Array.from(
    document.querySelectorAll('script[type="application/ld+json" i]'),
  ))
    if (/"@type"\s*:\s*(\[[^\]]*)?"(DiscussionForumPosting|QAPage)"/.test(script.textContent ?? ''))
      return true
  return false
}

/** The schema.org type an element is marked up with (`https://schema.org/Answer`), or ''. */
const itemType = (el: Element): string => (el.getAttribute('itemtype') ?? '').trim()
const COMMENT = /(^|\/)Comment$/
const QUESTION_OR_ANSWER = /(^|\/)(Question|Answer)$/

const isPostType = (el: Element): boolean => POST_TYPES.test(itemType(el))

/**
 * A comment a Q&A page marks up on its question (`Comment` inside `Question`): an aside on
 * the question, not a post of the thread (see `withoutPostChrome`).
 */
const isCommentOn = (el: Element, post: Element): boolean =>
  COMMENT.test(itemType(el)) && QUESTION_OR_ANSWER.test(itemType(post))

/**
 * The posts a page marks up as such (microdata `Question`, `Answer`, `Comment`,
 * `DiscussionForumPosting`), outermost first: a comment on an answer belongs to the answer.
 * A question or posting that holds the others is the thread's frame (a question wraps its
 * answers): what it says outside them is the opening post, then come the posts inside it.
 */
export function markedThread(body: Element): Thread | undefined {
  const typed = Array.from(body.querySelectorAll('[itemtype]')).filter(isPostType)
  const isFrame = (el: Element): boolean =>
    /(DiscussionForumPosting|Question)$/.test(itemType(el)) &&
    typed.some((t) => t !== el && el.contains(t))
  const frames = new Set(typed.filter(isFrame))
  const posts: Element[] = []
  for (const el of typed) {
    if (frames.has(el)) {
      const outer = !typed.some((t) => t !== el && frames.has(t) && t.contains(el))
      if (outer) posts.push(openingOf(el))
      continue
    }
    let inPost = false
    for (let p = el.parentElement; p && !inPost; p = p.parentElement)
      inPost = isPostType(p) && (!frames.has(p) || isCommentOn(el, p))
    if (!inPost) posts.push(el)
  }
  const lengths = posts.map(textLength)
  if (lengths.filter((n) => n >= MIN_POST_CHARS).length < 2) return undefined
  return registered({ posts, chars: lengths.reduce((a, b) => a + b, 0) })
}

/**
 * A frame's own post: what the frame holds before the first post inside it (a detached
 * copy). A frame may wrap the whole page, sidebars and lists of other threads included: those
 * come after the posts.
 */
function openingOf(frame: Element): Element {
  const copy = frame.cloneNode(true) as Element
  const first = Array.from(copy.querySelectorAll('[itemtype]')).find(isPostType)
  for (let el: Element | null = first ?? null; el && el !== copy; el = el.parentElement)
    while (el.nextSibling) el.nextSibling.remove()
  first?.remove()
  return copy
}

/**
 * Whether the text Readability chose is an opening post the thread leaves out (a question
 * above its answers): its start is not in any post, and most of it is not the posts' text
 * (a pick that wraps the posts is not an opening). An opening longer than all its replies
 * together is still the opening: announcements often draw a few short answers.
 */
export function openingOutside(thread: Thread, articleText: string): boolean {
  const chosen = words(articleText)
  if (chosen.length < 10) return false
  const threadWords = thread.posts.map((p) => words(p.textContent ?? ''))
  const inThread = ` ${threadWords.map((w) => w.join(' ')).join(' ')} `
  const start = chosen.slice(0, 12).join(' ')
  if (inThread.includes(` ${start} `)) return false
  // Runs of five words, not single words: replies share most of an opening's vocabulary.
  const runs = (ws: string[]): string[] => ws.slice(4).map((_, i) => ws.slice(i, i + 5).join(' '))
  const own = runs(chosen)
  const chosenRuns = new Set(own)
  // A pick that holds most of a post is that post or the posts, with the page's chrome around
  // them (`Thread starter`, a footer), not an opening the posts leave out.
  for (const post of thread.posts) {
    const postRuns = runs(words(withoutPostChrome(post).textContent ?? ''))
    if (
      postRuns.length >= 5 &&
      postRuns.filter((r) => chosenRuns.has(r)).length >= postRuns.length * 0.6
    )
      return false
  }
  const known = new Set(threadWords.flatMap(runs))
  return own.filter((r) => known.has(r)).length < own.length * 0.5
}

/**
 * The parts of a post that are the forum's, not the writer's: the poster's statistics and
 * badges, signatures, reaction and like bars, and the buttons under a post (reply, quote,
 * report). Matched on class words and ids, as forum software names them.
 */
const POST_CHROME =
  /^(?:.*[-_])?(?:user-?(?:title|stats|extras|info|details|blurb|banner|badges?|role|rank)|member-?(?:title|stats|info|rank)|poster-?(?:stats|info|rank|details)|author-?(?:stats|info|title|rank|badges?)|postprofile|signature|sig|reactions?(?:bar|list)?|likes?(?:-?(?:bar|list|count))?|(?:post|message|comment)-?(?:actions|buttons|controls|footer|menu|tools|signature)|action-?bar|actions|badges?|online-?status|vote-?cell|votecell|js-vote)(?:[-_].*)?$/i

/**
 * A post without the forum's chrome (see `POST_CHROME`) and asides; the page itself is left
 * as it is.
 * Comments a Q&A page marks up on a question or an answer (`Comment` inside `Answer`) are
 * asides on that post in small print, not turns of the discussion: they are left out too.
 */
export function withoutPostChrome(post: Element): Element {
  const copy = post.cloneNode(true) as Element
  stripPostChrome(copy, post)
  return copy
}

/** Words a repeat must have to be taken out: a short line may well be said twice. */
const MIN_REPEAT_WORDS = 8

/**
 * The text a post repeats from a post before it: a quote of a whole earlier post, or the
 * preview of the post it answers that a forum shows above a reply. The reader has read it
 * just above; what the post adds is its own. Elements are taken out whole, outermost first.
 */
function dropRepeats(copy: Element, post: Element): void {
  const thread = threadOfPost.get(post)
  if (!thread) return
  let read = postWords.get(thread)
  if (!read) {
    read = threadWords(thread)
    postWords.set(thread, read)
  }
  const { texts, indexOf, postsWith } = read
  const at = indexOf.get(post) ?? -1
  if (at <= 0) return
  const visit = (el: Element): void => {
    for (const child of Array.from(el.children)) {
      const own = words(child.textContent ?? '')
      if (own.length < MIN_REPEAT_WORDS) continue
      // Without spaces around: a page may glue a post's first word to the poster's name, so
      // the run is looked for as text; only posts sharing words inside it are searched.
      const run = own.join(' ')
      const candidates = postsWith.get(shingle(own, 1)) ?? []
      if (candidates.some((i) => i < at && (texts[i] as string).includes(run))) child.remove()
      else visit(child)
    }
  }
  visit(copy)
}

/**
 * Words in a run that a repeat's inner words must share with the post it repeats: an index
 * of them keeps a thread of a thousand posts from searching every earlier post for each part
 * of each post. The run's first and last words are left out, as they may be glued to others.
 */
const SHINGLE_WORDS = 6
const shingle = (ws: readonly string[], from: number): string =>
  ws.slice(from, from + SHINGLE_WORDS).join(' ')

function threadWords(thread: Thread): ThreadWords {
  const postsWith = new Map<string, number[]>()
  const texts = thread.posts.map((p, i) => {
    const ws = words(p.textContent ?? '')
    for (let from = 0; from + SHINGLE_WORDS <= ws.length; from++) {
      const key = shingle(ws, from)
      const posts = postsWith.get(key)
      if (!posts) postsWith.set(key, [i])
      else if (posts[posts.length - 1] !== i) posts.push(i)
    }
    return ws.join(' ')
  })
  return { texts, indexOf: new Map(thread.posts.map((p, i) => [p, i])), postsWith }
}

/** Removes the forum's chrome from a post in place (see `withoutPostChrome`). */
export function stripPostChrome(copy: Element, post: Element = copy): void {
  dropRepeats(copy, post)
  for (const el of Array.from(copy.querySelectorAll('[itemtype]')))
    if (isCommentOn(el, post)) el.remove()
  for (const el of Array.from(copy.querySelectorAll('[class], [id], [hidden], [aria-hidden]'))) {
    const words = [...(el.getAttribute('class') ?? '').split(/\s+/), el.getAttribute('id') ?? '']
    if (words.some((w) => w && POST_CHROME.test(w)) || isHidden(el)) el.remove()
  }
  for (const time of Array.from(copy.querySelectorAll('time'))) dropShortForm(time)
  // A post's asides are the forum's (the poster's column, a link's preview card), except a
  // quote of another post, which the forum sets in an aside of its own.
  for (const el of Array.from(copy.querySelectorAll('aside')))
    if (!el.querySelector('blockquote')) el.remove()
}

/** A class word naming the short or the long form of a text (`ipsTime__short`, `date-long`). */
const FORM = (form: 'short' | 'long'): RegExp => new RegExp(`(?:^|[-_])${form}$`, 'i')
const SHORT_FORM = FORM('short')
const LONG_FORM = FORM('long')
const classWords = (el: Element): string[] => (el.getAttribute('class') ?? '').split(/\s+/)

/**
 * A date a forum writes twice in one `<time>`, long for wide screens and short for narrow ones
 * (`April 2, 2024` and `1 yr`), which its style sheet shows one at a time: the long one stays.
 * Read as text, the two run together (`April 2, 20241 yr`).
 */
function dropShortForm(time: Element): void {
  const parts = Array.from(time.children)
  if (!parts.some((p) => classWords(p).some((w) => LONG_FORM.test(w)))) return
  for (const p of parts) if (classWords(p).some((w) => SHORT_FORM.test(w))) p.remove()
}

/** Breakpoints and media a `hidden` class may be limited to (`hidden-xs`, `mobile-hide`). */
const MEDIA_WORD =
  /^(xs|sm|md|lg|xl|xxl|\d?xl|mobile|phone|tablet|desktop|print|small|medium|large|wide|narrow|js|no|up|down)$/i

/** Parts of an element a class may hide on their own (`label-hidden`, `title-hide`). */
const PART_WORD =
  /^(labels?|titles?|icons?|captions?|legends?|headers?|headings?|names?|text|avatars?)$/i

/**
 * Whether the forum hides an element until a click (menus, profile cards, edit forms): the
 * `hidden` attribute, `aria-hidden`, or a class whose last word is `hide`/`hidden`
 * (`ipsHide`, `is-hidden`, `d-none`) and that names no breakpoint. Readability leaves out
 * what the page hides; the posts of a thread do not pass through Readability, so the test
 * is made here. Style sheets are gone, so the class is all that says so.
 */
function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true
  const classes = (el.getAttribute('class') ?? '').split(/\s+/)
  // `hidden md:block`, `d-none d-lg-flex`: hidden on small screens only.
  if (classes.some((c) => /^(sm|md|lg|xl|2xl):|^d-(sm|md|lg|xl|xxl)-/.test(c))) return false
  for (const cls of classes) {
    if (cls === 'd-none' || cls === 'sr-only' || cls === 'visually-hidden') return true
    const parts = cls
      .replace(/([a-z])([A-Z])/g, '$1-$2')
      .split(/[-_:]+/)
      .filter(Boolean)
    const last = parts.at(-1)?.toLowerCase()
    // `field--label-hidden`: the part named before the word is hidden, not the element.
    const part = parts.at(-2)?.toLowerCase() ?? ''
    if (
      (last === 'hide' || last === 'hidden') &&
      !parts.some((p) => MEDIA_WORD.test(p)) &&
      !PART_WORD.test(part)
    )
      return true
  }
  return false
}

/**
 * A line of a post that is the forum's, not the writer's, whatever its markup: a bare count
 * or post number (`12`, `#4`, `1.2k`), an avatar's letter (`R`), a button's words (`Reply with quote`, `Click to
 * expand...`), or a statistic of the poster (`Posts: 673`, `Registered: 2016-07-02`).
 */
const POST_CHROME_LINE =
  /^(?:#?\d[\d,.]*[km]?|\p{L}|click to (?:expand|shrink)\W*|reply with quote|upvote|downvote|multi-?quote|add a comment|quote|reply|report|share|permalink|(?:posts|messages|joined|registered|reputation|reaction score|points|threads|member since|likes|trophies|solutions)\s*:.{0,30})$/iu

export const isPostChromeLine = (text: string): boolean => POST_CHROME_LINE.test(text.trim())

/** Class words and ids of a page's side column. */
const SIDE =
  /^(?:side|sidebar|side-?col(?:umn)?|rail|right-?(?:col|column|rail)|sidebar-?(?:info|about|rules|right|left|primary|secondary))$/i

/**
 * Whether the text Readability chose comes from the page's side column (a community's rules,
 * an "about" box) rather than from its main part: `content` is Readability's pick, `page` the
 * page as it was before Readability changed its copy. A piece of its text is looked up in the
 * page, and the elements around it tell where it stands.
 */
export function pickedFromSidebar(page: Document, content: Element): boolean {
  // The pick's first sentence-long piece of text, which Readability keeps as the page has it.
  const texts = page.createTreeWalker(content, 4 /* text */)
  let piece = ''
  for (let n = texts.nextNode(); n && !piece; n = texts.nextNode()) {
    const t = (n.nodeValue ?? '').trim()
    if (t.length >= 30) piece = t
  }
  if (!piece || !page.body) return false
  const walker = page.createTreeWalker(page.body, 4 /* text */)
  let found: Node | undefined
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if ((n.nodeValue ?? '').trim() !== piece) continue
    // The same words twice in the page: where the pick comes from is unknown.
    if (found) return false
    found = n
  }
  // Up to the page's body, whose classes name the layout (`has-sidebar`), not a column.
  for (let el = found?.parentElement ?? null; el && el !== page.body; el = el.parentElement) {
    if (el.tagName === 'ASIDE' || el.getAttribute('role') === 'complementary') return true
    const words = [...(el.getAttribute('class') ?? '').split(/\s+/), el.getAttribute('id') ?? '']
    if (words.some((w) => w && SIDE.test(w.replace(/([a-z])([A-Z])/g, '$1-$2')))) return true
  }
  return false
}
