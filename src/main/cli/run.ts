/**
 * `lectern`: the same services as the app, from a terminal, under plain Node.
 * Output is for people by default and JSON with `--json`; errors are one line on stderr.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pkg from '../../../package.json'
import type { CallArgs, CallName, CallResult } from '../../shared/contract'
import type { Article, ArticleSummary, SearchResult } from '../../shared/types'
import { dispatch } from '../dispatch'
import { openLectern, type Lectern } from '../lectern'
import { findPackageRoot } from '../services/packageRoot'
import { resolveDataDir } from '../services/paths'

const HELP = `Usage: lectern <command> [options]

Commands:
  list                     List the articles (id, title, author, source, date, words)
  show <id>                Print one article
  search <query>           Search every paragraph; best matches first

Options:
  --json                   Print JSON instead of text
  --limit N                With search: at most N hits (default 20)
  --data-dir DIR           Where user data lives (default: the app's data folder;
                           LECTERN_DATA_DIR also sets it)
  -h, --help               Show this help
  -v, --version            Show the version
`

class UsageError extends Error {}

/** The bundled articles: `seeds/` at the root of the package this code is part of. */
function seedsDir(): string {
  return (
    process.env.LECTERN_SEEDS_DIR ||
    join(findPackageRoot(dirname(fileURLToPath(import.meta.url))), 'seeds')
  )
}

async function call<K extends CallName>(
  lectern: Lectern,
  name: K,
  args: CallArgs<K>,
): Promise<CallResult<K>> {
  const reply = await dispatch(lectern.handlers, name, args)
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value as CallResult<K>
}

const metaLine = (a: ArticleSummary): string =>
  [a.author, a.source, a.date, `${a.words} words`].filter(Boolean).join(' · ')

function printList(articles: ArticleSummary[]): string {
  return articles.map((a) => `${a.id}  ${a.title}\n    ${metaLine(a)}`).join('\n') + '\n'
}

function printArticle(a: Article): string {
  return `${a.title}\n${metaLine(a)}\n\n${a.paragraphs.join('\n\n')}\n`
}

function printSearch(result: SearchResult): string {
  if (result.hits.length === 0) return `No matches for "${result.query}".\n`
  return (
    result.hits
      .map(
        (h) =>
          `${h.articleId} ¶${h.paragraph}  ${h.score.toFixed(2)}  ${h.title}\n    ${h.snippet}`,
      )
      .join('\n') + '\n'
  )
}

export async function main(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  })
  if (values.help) return HELP
  if (values.version) return `${pkg.version}\n`
  const [command, ...rest] = positionals
  if (!command) throw new UsageError('missing command; try "lectern --help"')

  const lectern = await openLectern({
    seedsDir: seedsDir(),
    dataDir: resolveDataDir(values['data-dir']),
    version: pkg.version,
  })
  const out = (value: unknown, text: () => string): string =>
    values.json ? `${JSON.stringify(value, null, 2)}\n` : text()

  switch (command) {
    case 'list': {
      if (rest.length) throw new UsageError(`list takes no arguments, got "${rest.join(' ')}"`)
      const articles = await call(lectern, 'listArticles', undefined)
      return out(articles, () => printList(articles))
    }
    case 'show': {
      if (rest.length !== 1) throw new UsageError('show needs exactly one article id')
      const article = await call(lectern, 'getArticle', { id: rest[0] as string })
      return out(article, () => printArticle(article))
    }
    case 'search': {
      const query = rest.join(' ')
      if (!query.trim()) throw new UsageError('search needs a query')
      const limit = values.limit === undefined ? 20 : Number(values.limit)
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError('--limit must be a whole number of 1 or more')
      const result = await call(lectern, 'search', { query, limit })
      const hits = result.hits.map(({ articleId, title, paragraph, snippet, score }) => ({
        articleId,
        title,
        paragraph,
        snippet,
        score,
      }))
      return out(hits, () => printSearch(result))
    }
    default:
      throw new UsageError(`unknown command "${command}"; try "lectern --help"`)
  }
}

/** Runs the CLI and turns any failure into one line on stderr and a non-zero exit code. */
export async function run(argv: string[]): Promise<number> {
  try {
    process.stdout.write(await main(argv))
    return 0
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    process.stderr.write(`lectern: ${message.split('\n').join(' ')}\n`)
    return err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ? 2
      : 1
  }
}
