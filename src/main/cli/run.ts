/**
 * `lectern`: the same services as the app, from a terminal, under plain Node.
 * Output is for people by default and JSON with `--json`; errors are one line on stderr.
 */
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pkg from '../../../package.json'
import type { CallArgs, CallName, CallResult } from '../../shared/contract'
import {
  COLORS,
  type Color,
  type ConflictView,
  type FileImport,
  type Palette,
} from '../../shared/types'
import { dispatch } from '../dispatch'
import { openLectern, type Lectern } from '../lectern'
import type { SyncStatus } from '../services/store/userStore'
import { filesToImport } from '../services/import/libraryImport'
import { findPackageRoot } from '../services/packageRoot'
import { resolveDataDir, resolveStateDir } from '../services/paths'
import { openVaultSync, type ConflictChoice, type SyncReport } from '../services/vault/vaultSync'
import { printArticle, printBookmark, printList, printNote, printSearch } from './format'
import { CHOICES, printReport, watchVault } from './vault'

const HELP = `Usage: lectern <command> [options]

Commands:
  list                       List the articles (id, title, author, source, date, words)
  show <id>                  Print one article
  search <query>             Search every paragraph, bookmark and note; best matches first
  bookmark add <articleId> --paragraph N [--to-paragraph M] [--start S --end E] [--color NAME] [--tag T]... [--note TEXT]
                             Bookmark a passage (the whole paragraph without --start/--end;
                             with --to-paragraph, from S in N to E in M)
  bookmark update <id> [--note TEXT] [--color NAME] [--tag T]... [--untag T]...
                             Change a bookmark's note or colour, add or remove tags
  bookmarks [--article ID]   List bookmarks (merged from every computer sharing the folder)
  note add <articleId> --text TEXT [--tag T]...
                             Add a note on an article
  note update <id> [--text TEXT] [--tag T]... [--untag T]...
                             Change a note's text, add or remove tags
  note versions <id>         The versions of a note (or a bookmark's note) edited on two
                             computers that could not be merged, numbered, with who and when
  note resolve <id> --keep mine|theirs|N | --text TEXT
                             Settle them: keep this computer's version, the other
                             computer's, version N, or the text given (on every computer)
  notes [--article ID]       List notes
  sync-status                The computers seen in the data folder, how much of each is
                             merged, text conflicts waiting, copies made by sync tools
  delete <id>                Move a bookmark or note to the trash
  export --out PATH [--article ID] [--single] [--timestamp]
                             Write bookmarks and notes as Markdown: one file per article
                             into the folder PATH, or one file with --single or --article;
                             --timestamp adds the time of export to the front matter
  export --out DIR --watch   The same as vault sync DIR --watch
  vault sync DIR [--watch] [--timestamp]
                             Keep the folder DIR (say, inside an Obsidian vault) up to date:
                             one file per article, files of articles without notes moved to
                             DIR/.lectern-trash, files changed by someone else left alone and
                             reported; --watch syncs again after every change, until Ctrl+C
  vault resolve DIR ARTICLE overwrite|keep-theirs|write-beside
                             Settle a conflict over an article's file: replace theirs with
                             Lectern's (theirs goes to the trash), keep theirs, or write
                             Lectern's version beside theirs
  backup --out FILE          Write a JSON backup of all user data
  restore FILE               Merge a JSON backup in (matched by id; nothing lost or doubled)
  import <path>... [--keep-both | --replace]
                             Add files (.html, .htm, .xhtml, .md, .txt, .pdf) and folders (walked
                             for them) to the library; one line per file. An article that
                             looks like one already there is kept beside it with
                             --keep-both, replaces it with --replace (its bookmarks and notes
                             move over), and is otherwise left out and reported
  remove <articleId>         Move an imported article to the trash, with its bookmarks and notes
  unremove <articleId>       Bring an article back from the trash
  removed                    List the articles in the trash
  extract <file>... [--url URL]
                             Show what importing each file (.html, .htm, .xhtml, .md, .txt, .pdf)
                             would give, without adding it to the library

Options:
  --json                     Print JSON instead of text
  --limit N                  With search: at most N hits (default 20)
  --data-dir DIR             Where user data lives (default: the app's data folder;
                             LECTERN_DATA_DIR also sets it)
  --state-dir DIR            Where this computer's own state lives (device id, lock);
                             outside the data folder (LECTERN_STATE_DIR also sets it)
  -h, --help                 Show this help
  -v, --version              Show the version

Colours: ${COLORS.join(', ')} (or their names, e.g. "key point").
`

class UsageError extends Error {}

/** The command printed its output, but some of its work failed (exit code 1). */
class PartialFailure extends Error {
  constructor(
    readonly output: string,
    message: string,
  ) {
    super(message)
  }
}

type Values = {
  json: boolean
  limit?: string
  'data-dir'?: string
  paragraph?: string
  'to-paragraph'?: string
  start?: string
  end?: string
  color?: string
  tag?: string[]
  untag?: string[]
  note?: string
  text?: string
  keep?: string
  article?: string
  out?: string
  single: boolean
  timestamp: boolean
  'no-timestamp': boolean
  watch: boolean
  url?: string
  'keep-both': boolean
  replace: boolean
}

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

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new UsageError(`${flag} must be a whole number, got "${value}"`)
  return n
}

/** A colour given by key (`red`) or by its name in the palette (`disagree`). */
function colorOf(value: string | undefined, palette: Palette): Color | undefined {
  if (value === undefined) return undefined
  const wanted = value.trim().toLowerCase()
  const found = COLORS.find((c) => c === wanted || palette[c].name.toLowerCase() === wanted)
  if (!found) {
    const names = COLORS.map((c) => `${c} ("${palette[c].name}")`).join(', ')
    throw new UsageError(`unknown colour "${value}"; use one of ${names}`)
  }
  return found
}

/** The tags an item will have after `--tag` and `--untag`, or nothing when neither is given. */
function tagChange(lectern: Lectern, id: string, values: Values): { tags?: string[] } {
  if (!values.tag && !values.untag) return {}
  const item = [...lectern.store.data.bookmarks, ...lectern.store.data.notes].find(
    (a) => a.id === id,
  )
  const current = item?.tags ?? []
  const removed = new Set(values.untag ?? [])
  return { tags: [...current, ...(values.tag ?? [])].filter((t) => !removed.has(t)) }
}

function printSyncStatus(status: SyncStatus): string {
  const lines = [`This computer: ${status.device}`]
  for (const c of status.computers) {
    const waiting = c.sizeBytes - c.mergedBytes
    lines.push(
      `${c.thisComputer ? '* ' : '  '}${c.device}${c.name ? ` (${c.name})` : ''}: ${c.mergedBytes} bytes merged` +
        `${c.latest ? `, latest change ${c.latest}` : ''}${waiting > 0 ? `, ${waiting} bytes still arriving` : ''}` +
        `${c.files.length > 1 ? `; files: ${c.files.join(', ')}` : ''}`,
    )
  }
  lines.push(
    status.conflicts.length
      ? `Conflicts waiting: ${status.conflicts.map((c) => `${c.type} ${c.id} (${c.versions} versions)`).join(', ')}`
      : 'No conflicts waiting.',
  )
  if (status.snapshotCopies.length)
    lines.push(`Copies of lectern.json merged (kept): ${status.snapshotCopies.join(', ')}`)
  for (const problem of status.problems) lines.push(`Problem: ${problem}`)
  return `${lines.join('\n')}\n`
}

/** `note versions` and `note resolve`: a text edited on two computers, shown or settled. */
async function settleNote(
  lectern: Lectern,
  action: 'versions' | 'resolve',
  id: string,
  values: Values,
  out: (value: unknown, text: () => string) => string,
): Promise<string> {
  if (action === 'versions') {
    const conflict = await call(lectern, 'getConflict', { id })
    return out(conflict, () =>
      conflict ? printConflict(conflict) : `${id}: no versions to settle.\n`,
    )
  }
  const keep = values.keep
  if ((keep === undefined) === (values.text === undefined))
    throw new UsageError('note resolve needs --keep mine|theirs|N or --text TEXT')
  let how: { keep: 'mine' | 'theirs' | number } | { text: string }
  if (values.text !== undefined) how = { text: values.text }
  else if (keep === 'mine' || keep === 'theirs') how = { keep }
  else {
    const n = wholeNumber(keep, '--keep')
    if (!n) throw new UsageError('--keep is mine, theirs or a version number (from 1)')
    how = { keep: n }
  }
  const settled = await call(lectern, 'resolveConflict', { id, ...how })
  const text = settled.type === 'note' ? settled.text : settled.note
  return out(settled, () => `${settled.id}: settled on every computer as\n${indentText(text)}\n`)
}

const indentText = (text: string): string =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')

function printConflict(conflict: ConflictView): string {
  const lines = [`${conflict.type} ${conflict.id}: edited on two computers`]
  for (const v of conflict.versions) {
    const who = `${v.computer}${v.mine ? ', this computer' : ''}`
    lines.push(`${v.n}. ${v.n === 1 ? 'shown, ' : ''}${who}, ${v.at}`, indentText(v.text))
  }
  if (conflict.base !== undefined) lines.push('Edited from:', indentText(conflict.base))
  return `${lines.join('\n')}\n`
}

/** Commands that change the user's data take the writer's lock; the others only read. */
const WRITES = new Set(['bookmark', 'note', 'delete', 'restore', 'import', 'remove', 'unremove'])

async function runCommand(
  lectern: Lectern,
  command: string,
  rest: string[],
  values: Values,
): Promise<string> {
  const out = (value: unknown, text: () => string): string =>
    values.json ? `${JSON.stringify(value, null, 2)}\n` : text()
  const noArgs = (): void => {
    if (rest.length) throw new UsageError(`${command} takes no arguments, got "${rest.join(' ')}"`)
  }
  switch (command) {
    case 'list': {
      noArgs()
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
      const limit = wholeNumber(values.limit, '--limit') ?? 20
      if (limit < 1) throw new UsageError('--limit must be 1 or more')
      const result = await call(lectern, 'search', { query, limit })
      const hits = result.hits.map(({ kind, articleId, title, paragraph, snippet, score }) => ({
        kind,
        articleId,
        title,
        paragraph,
        snippet,
        score,
      }))
      return out(hits, () => printSearch(result))
    }
    case 'bookmark': {
      const [action, articleId, ...extra] = rest
      if (action === 'update' && articleId && !extra.length) {
        const { palette } = await call(lectern, 'getUserState', undefined)
        const color = colorOf(values.color, palette)
        const bookmark = await call(lectern, 'updateBookmark', {
          id: articleId,
          ...(color ? { color } : {}),
          ...(values.note !== undefined ? { note: values.note } : {}),
          ...tagChange(lectern, articleId, values),
        })
        return out(bookmark, () => printBookmark(bookmark, palette))
      }
      if (action !== 'add' || !articleId || extra.length) {
        throw new UsageError(
          'usage: lectern bookmark add <articleId> --paragraph N [--to-paragraph M] [--start S --end E]',
        )
      }
      const paragraph = wholeNumber(values.paragraph, '--paragraph')
      if (paragraph === undefined) throw new UsageError('bookmark add needs --paragraph N')
      let start = wholeNumber(values.start, '--start')
      let end = wholeNumber(values.end, '--end')
      if ((start === undefined) !== (end === undefined))
        throw new UsageError('give both --start and --end, or neither')
      const last = wholeNumber(values['to-paragraph'], '--to-paragraph') ?? paragraph
      const article = await call(lectern, 'getArticle', { id: articleId })
      for (const p of [paragraph, last]) {
        if (article.paragraphs[p] === undefined) {
          throw new Error(
            `article ${articleId} has paragraphs 0 to ${article.paragraphs.length - 1}, not ${p}`,
          )
        }
      }
      start ??= 0
      end ??= (article.paragraphs[last] as string).length
      const { palette } = await call(lectern, 'getUserState', undefined)
      const color = colorOf(values.color, palette)
      const bookmark = await call(lectern, 'addBookmark', {
        articleId,
        position: { paragraph, start, end, ...(last !== paragraph ? { endParagraph: last } : {}) },
        ...(color ? { color } : {}),
        ...(values.tag ? { tags: values.tag } : {}),
        ...(values.note !== undefined ? { note: values.note } : {}),
      })
      return out(bookmark, () => printBookmark(bookmark, palette))
    }
    case 'bookmarks':
    case 'notes': {
      noArgs()
      const list = await call(
        lectern,
        'listAnnotations',
        values.article ? { articleId: values.article } : {},
      )
      if (command === 'notes')
        return out(list.notes, () => list.notes.map(printNote).join('\n') || 'No notes.\n')
      const { palette } = await call(lectern, 'getUserState', undefined)
      return out(
        list.bookmarks,
        () => list.bookmarks.map((b) => printBookmark(b, palette)).join('\n') || 'No bookmarks.\n',
      )
    }
    case 'note': {
      const [action, articleId, ...extra] = rest
      if ((action === 'versions' || action === 'resolve') && articleId && !extra.length)
        return settleNote(lectern, action, articleId, values, out)
      if (action === 'update' && articleId && !extra.length) {
        const note = await call(lectern, 'updateNote', {
          id: articleId,
          ...(values.text !== undefined ? { text: values.text } : {}),
          ...tagChange(lectern, articleId, values),
        })
        return out(note, () => printNote(note))
      }
      if (action !== 'add' || !articleId || extra.length)
        throw new UsageError(
          'usage: lectern note add <articleId> --text TEXT, or note update|versions|resolve <id>',
        )
      if (values.text === undefined || !values.text.trim())
        throw new UsageError('note add needs --text TEXT')
      const note = await call(lectern, 'addNote', {
        articleId,
        text: values.text,
        ...(values.tag ? { tags: values.tag } : {}),
      })
      return out(note, () => printNote(note))
    }
    case 'sync-status': {
      noArgs()
      const status = lectern.store.syncStatus()
      return out(status, () => printSyncStatus(status))
    }
    case 'delete': {
      if (rest.length !== 1) throw new UsageError('delete needs exactly one bookmark or note id')
      const item = await call(lectern, 'deleteAnnotation', { id: rest[0] as string })
      return out(item, () => `Moved ${item.type} ${item.id} to the trash.\n`)
    }
    case 'export': {
      noArgs()
      if (!values.out) throw new UsageError('export needs --out PATH')
      if (values.single && values.article)
        throw new UsageError('give --article or --single, not both')
      if (values.timestamp && values['no-timestamp'])
        throw new UsageError('give --timestamp or --no-timestamp, not both')
      // --no-timestamp is what export does by default now; it is still accepted.
      const options = { timestamp: values.timestamp }
      const written = values.article
        ? await lectern.exporter.exportArticle(values.article, resolve(values.out), options)
        : await lectern.exporter.exportLibrary(
            values.single ? { file: resolve(values.out) } : { folder: resolve(values.out) },
            options,
          )
      const n = written.files.length
      return out(written, () => `Exported ${n} ${n === 1 ? 'file' : 'files'} to ${written.path}\n`)
    }
    case 'backup': {
      noArgs()
      if (!values.out) throw new UsageError('backup needs --out FILE')
      const written = await lectern.exporter.backup(resolve(values.out))
      return out(written, () => `Backed up to ${written.path}\n`)
    }
    case 'restore': {
      if (rest.length !== 1) throw new UsageError('restore needs exactly one backup file')
      const report = await lectern.exporter.restore(resolve(rest[0] as string))
      return out(
        report,
        () =>
          `Restored: ${report.added} added, ${report.updated} updated, ${report.unchanged} already here; ${report.settings} settings taken.\n`,
      )
    }
    case 'import':
      return importPaths(lectern, rest, values)
    case 'remove': {
      if (rest.length !== 1) throw new UsageError('remove needs exactly one article id')
      const article = await call(lectern, 'removeArticle', { articleId: rest[0] as string })
      return out(article, () => `Moved “${article.title}” to the trash.\n`)
    }
    case 'unremove': {
      if (rest.length !== 1) throw new UsageError('unremove needs exactly one article id')
      const article = await call(lectern, 'restoreArticle', { articleId: rest[0] as string })
      return out(article, () => `Brought back “${article.title}”.\n`)
    }
    case 'removed': {
      noArgs()
      const list = await call(lectern, 'listRemovedArticles', undefined)
      return out(
        list,
        () =>
          list.map((a) => `${a.id}  ${a.title}  (removed ${a.deleted.slice(0, 10)})\n`).join('') ||
          'The trash has no articles.\n',
      )
    }
    default:
      throw new UsageError(`unknown command "${command}"; try "lectern --help"`)
  }
}

/** `lectern import`: one line (or JSON entry) per file; exit 1 when any failed. */
async function importPaths(lectern: Lectern, paths: string[], values: Values): Promise<string> {
  if (!paths.length) throw new UsageError('import needs at least one file or folder')
  if (values['keep-both'] && values.replace)
    throw new UsageError('give --keep-both or --replace, not both')
  const onSimilar = values.replace ? 'replace' : values['keep-both'] ? 'keep-both' : 'ask'
  const files = await filesToImport(
    paths.map((p) => resolve(p)),
    lectern.importExtensions,
  )
  const results: FileImport[] = []
  for (const file of files) {
    const result = await lectern.importer().importFile(file, { onSimilar })
    results.push(result)
    // A count that overwrites itself, for a person watching; never in a pipe or a log.
    if (process.stderr.isTTY) process.stderr.write(`\r${results.length}/${files.length} `)
  }
  if (process.stderr.isTTY && files.length) process.stderr.write('\r')
  const shown = results.map((r) => ({
    file: r.file,
    status: r.status === 'similar' ? 'duplicate' : r.status,
    ...(r.articleId ? { articleId: r.articleId } : {}),
    ...(r.title ? { title: r.title } : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(r.message ? { message: r.message } : {}),
    ...(r.similarTo ? { similarTo: r.similarTo } : {}),
    ...(r.items ? { items: r.items } : {}),
    ...(r.orphans ? { orphans: r.orphans } : {}),
  }))
  const output = values.json ? `${JSON.stringify(shown, null, 2)}\n` : printImports(results)
  const failed = results.filter((r) => r.status === 'failed').length
  if (failed)
    throw new PartialFailure(output, `${failed} of ${results.length} files could not be imported`)
  return output
}

const shorten = (s: string, max: number): string =>
  s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`

function printImports(results: FileImport[]): string {
  const lines = results.map((r) => {
    if (r.status === 'failed') return `failed     ${r.file}: ${r.error}`
    if (r.status === 'similar')
      return `skipped    ${r.file}: ${r.message} (--keep-both or --replace to add it)`
    const what = r.message ? ` (${r.message})` : ''
    // An export of many articles: a line for each, under the export's own.
    const items = (r.items ?? []).map(
      (i) =>
        `  ${i.status.padEnd(10)} ${i.file}${i.articleId ? ` → ${i.articleId} “${i.title}”` : ''}${i.error ? `: ${i.error}` : ''}`,
    )
    const orphans = (r.orphans ?? []).map(
      (o) => `  ${'orphan'.padEnd(10)} “${shorten(o.quote, 80)}” in “${o.title}” (${o.articleId})`,
    )
    return [
      `${r.status.padEnd(10)} ${r.file} → ${r.articleId} “${r.title}”${what}`,
      ...items,
      ...orphans,
    ].join('\n')
  })
  const count = (s: FileImport['status']): number => results.filter((r) => r.status === s).length
  lines.push(
    `${count('imported')} imported, ${count('duplicate') + count('similar')} already there, ${count('failed')} failed.`,
  )
  return `${lines.join('\n')}\n`
}

async function extract(files: string[], values: Values): Promise<string> {
  if (!files.length) throw new UsageError('extract needs at least one file')
  if (values.url !== undefined && !/^https?:\/\/\S+$/i.test(values.url))
    throw new UsageError(`--url must be an http(s) address, got "${values.url}"`)
  // Loaded only for this command: the others start without the import service.
  const { extractFiles, printExtracted } = await import('./extract')
  const results = await extractFiles(files, values.url)
  const output = values.json ? `${JSON.stringify(results, null, 2)}\n` : printExtracted(results)
  const failed = results.filter((r) => 'error' in r).length
  if (failed)
    throw new PartialFailure(output, `${failed} of ${results.length} files could not be read`)
  return output
}

export async function main(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      'data-dir': { type: 'string' },
      paragraph: { type: 'string' },
      'to-paragraph': { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      color: { type: 'string' },
      tag: { type: 'string', multiple: true },
      untag: { type: 'string', multiple: true },
      'state-dir': { type: 'string' },
      note: { type: 'string' },
      text: { type: 'string' },
      keep: { type: 'string' },
      article: { type: 'string' },
      out: { type: 'string' },
      single: { type: 'boolean', default: false },
      timestamp: { type: 'boolean', default: false },
      'no-timestamp': { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      url: { type: 'string' },
      'keep-both': { type: 'boolean', default: false },
      replace: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  })
  if (values.help) return HELP
  if (values.version) return `${pkg.version}\n`
  const [command, ...rest] = positionals
  if (!command) throw new UsageError('missing command; try "lectern --help"')
  if (command === 'vault' || (command === 'export' && values.watch))
    return runVault(command, rest, values)
  if (values.watch) throw new UsageError('--watch goes with export --out DIR or vault sync')
  // Reads files only: the library is not opened.
  if (command === 'extract') return extract(rest, values)

  const lectern = await openLectern({
    seedsDir: seedsDir(),
    dataDir: resolveDataDir(values['data-dir']),
    version: pkg.version,
    readOnly: !WRITES.has(command),
    stateDir: resolveStateDir(values['state-dir']),
  })
  try {
    return await runCommand(lectern, command, rest, values)
  } finally {
    await lectern.close()
  }
}

/** The vault commands, and `export --watch`: Lectern's data is only read. */
async function runVault(command: string, rest: string[], values: Values): Promise<string> {
  const out = (report: SyncReport, folder: string): string =>
    values.json ? `${JSON.stringify(report, null, 2)}\n` : printReport(folder, report)
  let action: string | undefined
  let dir: string | undefined
  let args: string[] = []
  if (command === 'export') {
    if (!values.out) throw new UsageError('export --watch needs --out DIR')
    if (values.single || values.article)
      throw new UsageError('export --watch writes a folder: leave out --single and --article')
    if (rest.length) throw new UsageError(`export takes no arguments, got "${rest.join(' ')}"`)
    ;[action, dir] = ['sync', values.out]
  } else [action, dir, ...args] = rest
  if (action !== 'sync' && action !== 'resolve')
    throw new UsageError(
      'usage: lectern vault sync DIR [--watch] | lectern vault resolve DIR ARTICLE CHOICE',
    )
  if (!dir) throw new UsageError(`vault ${action} needs a folder`)
  const folder = resolve(dir)
  const dataDir = resolveDataDir(values['data-dir'])
  const open = () =>
    openLectern({ seedsDir: seedsDir(), dataDir, version: pkg.version, readOnly: true })
  const timestamp = values.timestamp

  if (action === 'sync' && values.watch) {
    if (args.length) throw new UsageError(`vault sync takes one folder, got "${args.join(' ')}"`)
    const stop = new AbortController()
    const abort = (): void => stop.abort()
    process.once('SIGINT', abort).once('SIGTERM', abort)
    try {
      await watchVault({
        folder,
        dataDir,
        open,
        timestamp,
        signal: stop.signal,
        onReport: (report) => process.stdout.write(out(report, folder)),
        onError: (error) => process.stderr.write(`lectern: ${error.message}\n`),
      })
    } finally {
      process.off('SIGINT', abort).off('SIGTERM', abort)
    }
    return ''
  }

  let articleId: string | undefined
  let choice: ConflictChoice | undefined
  if (action === 'resolve') {
    ;[articleId] = args
    const given = args[1]
    choice = CHOICES.find((c) => c === given)
    if (!articleId || !choice || args.length !== 2)
      throw new UsageError(`usage: lectern vault resolve DIR ARTICLE ${CHOICES.join('|')}`)
  } else if (args.length)
    throw new UsageError(`vault sync takes one folder, got "${args.join(' ')}"`)

  const lectern = await open()
  try {
    const vault = await openVaultSync({ folder, exporter: lectern.exporter, timestamp })
    try {
      const report = await vault.sync()
      return out(articleId && choice ? await vault.resolve(articleId, choice) : report, folder)
    } finally {
      await vault.close()
    }
  } finally {
    await lectern.close()
  }
}

/** Runs the CLI and turns any failure into one line on stderr and a non-zero exit code. */
export async function run(argv: string[]): Promise<number> {
  try {
    process.stdout.write(await main(argv))
    return 0
  } catch (err) {
    if (err instanceof PartialFailure) process.stdout.write(err.output)
    const message = err instanceof Error ? err.message : String(err)
    process.stderr.write(`lectern: ${message.split('\n').join(' ')}\n`)
    return err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ? 2
      : 1
  }
}
