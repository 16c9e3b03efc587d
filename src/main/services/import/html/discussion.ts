/**
 * Forum threads and Q&A pages: the whole discussion is the content, while Readability keeps
 * only the opening post. A thread shows as a run of sibling elements of one kind (same tag,
 * same class words) that name themselves posts, comments, replies or answers, each with text
 * of its own. When the text Readability chose lies inside such a run, the run is the article.
 */

/** Words in class names, ids and schema.org types that mark a post. */
const POST_HINT =
  /(^|[^a-z])(post|posts|comment|comments|message|reply|replies|answer|answers|entry|topic|thread|discussion|forumpost|bbpost|msg|cooked)([^a-z]|$)|(Comment|Answer|DiscussionForumPosting|Question)$/i

/** Words that mark the chrome around posts, not posts. */
const NOT_POST =
  /(^|[^a-z])(nav|menu|sidebar|footer|header|share|related|widget|ad|ads|promo|breadcrumb)([^a-z]|$)/i

const MIN_POST_CHARS = 40

function signature(el: Element): string {
  const classes = (el.getAttribute('class') ?? '')
    .split(/\s+/)
    .filter((c) => c && !/\d/.test(c))
    .sort()
    .join('.')
  return `${el.tagName}.${classes}`
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

const textLength = (el: Element): number =>
  (el.textContent ?? '').replace(/\s+/g, ' ').trim().length

function linkTextLength(el: Element): number {
  let n = 0
  for (const a of Array.from(el.querySelectorAll('a'))) n += textLength(a)
  return n
}

export interface Thread {
  posts: Element[]
  chars: number
}

/** The largest run of post-like siblings in the page, if there is one. */
export function findThread(body: Element): Thread | undefined {
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
    for (const members of groups.values()) {
      if (members.length < 2) continue
      const first = members[0] as Element
      const hinted = POST_HINT.test(hints(first)) && !NOT_POST.test(hints(first))
      if (!hinted) continue
      const lengths = members.map(textLength)
      const substantial = lengths.filter((n) => n >= MIN_POST_CHARS).length
      if (substantial < 2) continue
      const chars = lengths.reduce((a, b) => a + b, 0)
      const links = members.reduce((a, m) => a + linkTextLength(m), 0)
      // A list of links (a thread index, a menu) is not a discussion.
      if (links > chars * 0.5) continue
      if (!best || chars > best.chars) best = { posts: members, chars }
    }
  }
  return best
}

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

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
  return covered >= 0.8 && thread.chars >= articleText.length * 1.3
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
