/**
 * The one contract between the renderer and the main process.
 *
 * Every call the renderer can make is named here once, with a schema for its argument
 * (checked in main before any handler runs) and the type of its result. The preload,
 * the IPC wiring, the HTTP test host and the handler table are all derived from it.
 */
import { z } from 'zod'
import type { AppInfo, Article, ArticleSummary, SearchResult } from './types'

/** Declares one call: `Result` is carried as a phantom type next to the argument schema. */
function call<Result>() {
  return <Args extends z.ZodType>(doc: string, args: Args) => ({
    doc,
    args,
    result: undefined as unknown as Result,
  })
}

export const articleId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.-]+$/, 'an article id has only letters, digits, dot, dash and underscore')

export const contract = {
  getAppInfo: call<AppInfo>()('Version, data folder and article count.', z.void()),
  listArticles: call<ArticleSummary[]>()(
    'Every article in the library, in library order, without their text.',
    z.void(),
  ),
  getArticle: call<Article>()(
    'One article with its paragraphs; fails with `not-found` for an unknown id.',
    z.strictObject({ id: articleId }),
  ),
  search: call<SearchResult>()(
    'Ranked passage-level search over all articles. Type-ahead friendly: the last word is a prefix.',
    z.strictObject({
      query: z.string().max(10_000, 'a query is at most 10 000 characters'),
      limit: z.number().int().min(1).max(500).optional(),
    }),
  ),
}

export type Contract = typeof contract
export type CallName = keyof Contract
export type CallArgs<K extends CallName> = z.input<Contract[K]['args']>
export type CallResult<K extends CallName> = Contract[K]['result']

/** What `window.lectern` offers the renderer. */
export type LecternApi = {
  [K in CallName]: (args: CallArgs<K>) => Promise<CallResult<K>>
}

/** What main implements: handlers receive arguments already validated. */
export type Handlers = {
  [K in CallName]: (args: z.output<Contract[K]['args']>) => Promise<CallResult<K>> | CallResult<K>
}

export const callNames = Object.keys(contract) as CallName[]

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}

/** The IPC channel a call travels on. */
export const channelOf = (name: CallName): string => `lectern:${name}`
