/**
 * The one contract between the renderer and the main process.
 *
 * Every call the renderer can make is named here once, with a schema for its argument
 * (checked in main before any handler runs) and the type of its result. The preload,
 * the IPC wiring, the HTTP test host and the handler table are all derived from it.
 */
import { z } from 'zod'
import type { Settings } from './settings'
import { settingsChangeSchema } from './settingsSchema'
import {
  COLORS,
  type Annotation,
  type AnnotationList,
  type AppInfo,
  type Article,
  type ArticleSummary,
  type ConflictView,
  type ExportOutcome,
  type FileImport,
  type ImportChoice,
  type ImportOutcome,
  type LinkRoute,
  type VaultStatus,
  type Note,
  type Palette,
  type PlacedBookmark,
  type SearchResult,
  type TrashedArticle,
  type UserState,
} from './types'

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

export const annotationId = z.string().min(1).max(100)
const color = z.enum(COLORS)
/** Limits that keep one note or tag list from swamping the data file. */
export const MAX_NOTE_CHARS = 1_000_000
export const MAX_TAGS = 50
const tag = z
  .string()
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(60, 'a tag is at most 60 characters')
  .regex(/^[^\s,#][^,]*$/u, 'a tag has no commas and does not start with # or a space')
const tags = z.array(tag).max(MAX_TAGS, `at most ${MAX_TAGS} tags`)
const markdown = z.string().max(MAX_NOTE_CHARS, 'a note is at most 1 000 000 characters')
const index = z.number().int().min(0)
/** A file's bytes as base64, so they travel over IPC and the test host's JSON alike. */
const MAX_DROPPED_BYTES = 50 * 1024 * 1024
const base64 = (bytes: number) =>
  z
    .string()
    .max(Math.ceil(bytes / 3) * 4, `a file is at most ${bytes / 1024 / 1024} MB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64')
/** A dropped file's path within what was dropped: relative, no `..`, no drive or root. */
const droppedName = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (n) => !/^([/\\]|[a-zA-Z]:)/.test(n) && !n.split(/[/\\]/).includes('..'),
    'a dropped file is named relative to what was dropped',
  )
const onSimilar = z.enum(['ask', 'keep-both', 'replace']).optional()

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

  getArticleImage: call<{ mime: string; data: string }>()(
    "One of an imported article's pictures, as base64 with its type.",
    z.strictObject({
      articleId,
      file: z
        .string()
        .max(40)
        .regex(/^images\/\d{1,5}\.[a-z]{3,4}$/, 'not a picture of an article'),
    }),
  ),
  chooseImport: call<ImportChoice>()(
    'Asks (in a file dialog) for files or a folder to import, and lists the files Lectern can read in them; nothing is imported yet.',
    z.strictObject({ folder: z.boolean().optional() }),
  ),
  importChosen: call<FileImport>()(
    'Imports one of the files chosen with `chooseImport`, by its index.',
    z.strictObject({ token: z.string().uuid(), index, onSimilar }),
  ),
  importDropped: call<FileImport>()(
    "Imports one dropped file from its bytes, with the files beside it that its pictures may be (a saved page's `_files` folder).",
    z.strictObject({
      name: droppedName,
      data: base64(MAX_DROPPED_BYTES),
      resources: z
        .array(z.strictObject({ name: droppedName, data: base64(10 * 1024 * 1024) }))
        .max(500)
        .optional(),
      onSimilar,
    }),
  ),
  removeArticle: call<TrashedArticle>()(
    'Moves an imported article to the trash; its bookmarks and notes wait there with it.',
    z.strictObject({ articleId }),
  ),
  restoreArticle: call<ArticleSummary>()(
    'Brings an article back from the trash, with its bookmarks and notes.',
    z.strictObject({ articleId }),
  ),
  listRemovedArticles: call<TrashedArticle[]>()(
    'The articles in the trash, most recently removed first.',
    z.void(),
  ),
  setReadingMark: call<void>()(
    'Archives an article or marks it finished (or takes the mark away).',
    z.strictObject({ articleId, mark: z.enum(['archived', 'finished']), on: z.boolean() }),
  ),

  getUserState: call<UserState>()(
    'Palette, reading state, per-article counts, trash size, and any data-file recovery to report.',
    z.void(),
  ),
  listAnnotations: call<AnnotationList>()(
    "Bookmarks (placed in the article's current text) and notes, of one article or of all.",
    z.strictObject({ articleId: articleId.optional() }),
  ),
  addBookmark: call<PlacedBookmark>()(
    'Saves a passage (from a paragraph and offset to an offset in the same or a later paragraph) as a bookmark; resolves once it is on disk.',
    z.strictObject({
      articleId,
      position: z
        .strictObject({
          paragraph: index,
          start: index,
          end: index,
          endParagraph: index.optional(),
        })
        .refine(
          (p) => (p.endParagraph ?? p.paragraph) > p.paragraph || p.start < p.end,
          'the passage must end after it starts',
        ),
      color: color.optional(),
      tags: tags.optional(),
      note: markdown.optional(),
    }),
  ),
  updateBookmark: call<PlacedBookmark>()(
    "Changes a bookmark's colour, tags or note.",
    z.strictObject({
      id: annotationId,
      color: color.optional(),
      tags: tags.optional(),
      note: markdown.optional(),
    }),
  ),
  addNote: call<Note>()(
    'Adds a note on an article as a whole.',
    z.strictObject({ articleId, text: markdown, tags: tags.optional() }),
  ),
  updateNote: call<Note>()(
    "Changes a note's text or tags.",
    z.strictObject({ id: annotationId, text: markdown.optional(), tags: tags.optional() }),
  ),
  getConflict: call<ConflictView | null>()(
    "A bookmark's note or a note's text edited on two computers and not merged: each version with the computer and time that wrote it, and the text they were edited from when known; null when there is no conflict.",
    z.strictObject({ id: annotationId }),
  ),
  resolveConflict: call<Annotation>()(
    'Settles a conflict: keeps my version, theirs, or version N (as `getConflict` numbers them), or a given (merged) text. Logged like any edit, so every computer ends settled.',
    z.union([
      z.strictObject({
        id: annotationId,
        keep: z.union([z.enum(['mine', 'theirs']), z.number().int().min(1)]),
      }),
      z.strictObject({ id: annotationId, text: markdown }),
    ]),
  ),
  deleteAnnotation: call<Annotation>()(
    'Moves a bookmark or note to the trash.',
    z.strictObject({ id: annotationId }),
  ),
  restoreAnnotation: call<Annotation>()(
    'Brings a bookmark or note back from the trash.',
    z.strictObject({ id: annotationId }),
  ),
  purgeAnnotation: call<{ removed: number }>()(
    'Deletes a bookmark or note for good (used to undo its creation).',
    z.strictObject({ id: annotationId }),
  ),
  listTrash: call<Annotation[]>()('What is in the trash, most recently deleted first.', z.void()),
  emptyTrash: call<{ removed: number }>()(
    'Deletes everything in the trash for good: bookmarks, notes and removed articles.',
    z.void(),
  ),
  renameColor: call<Palette>()(
    'Gives a highlight colour a new name (e.g. yellow → "key point").',
    z.strictObject({ color, name: z.string().trim().min(1).max(40) }),
  ),
  saveReading: call<void>()(
    'Remembers how far the reader got in an article, and that it was the last one open.',
    z.strictObject({ articleId, progress: z.number().min(0).max(1), paragraph: index }),
  ),
  dismissRecovery: call<void>()('The reader has seen the data-file recovery notice.', z.void()),
  getSettings: call<Settings>()(
    'Theme, typography (font, size, line height, column width) and panes (widths, shown or hidden, focus mode).',
    z.void(),
  ),
  saveSettings: call<Settings>()(
    'Changes any of the settings (each checked against its limits; unknown fields are refused) and returns them all once on disk.',
    settingsChangeSchema,
  ),

  exportArticle: call<ExportOutcome>()(
    "Asks where to save, then writes the article's bookmarks and notes as Markdown.",
    z.strictObject({ articleId }),
  ),
  exportLibrary: call<ExportOutcome>()(
    'Asks for a folder (or, with `single`, a file), then writes every article that has bookmarks or notes as Markdown.',
    z.strictObject({ single: z.boolean().optional() }),
  ),
  copyArticleMarkdown: call<{ chars: number }>()(
    "Puts the article's Markdown export on the clipboard.",
    z.strictObject({ articleId }),
  ),
  exportBackup: call<ExportOutcome>()(
    'Asks where to save, then writes a JSON backup of all user data (bookmarks, notes, colours, reading state, trash).',
    z.void(),
  ),
  getVaultStatus: call<VaultStatus>()(
    'The vault folder Lectern keeps up to date (null when off), what the last sync did, and files someone else changed.',
    z.void(),
  ),
  chooseVaultFolder: call<VaultStatus>()(
    'Asks (in a folder dialog) for the folder to keep one Markdown file per article in, and syncs it at once; with `stop`, stops keeping one.',
    z.strictObject({ stop: z.boolean().optional() }),
  ),
  resolveVaultConflict: call<VaultStatus>()(
    "Settles a file someone else changed: replace it with Lectern's, keep theirs, or write Lectern's beside it.",
    z.strictObject({
      articleId,
      choice: z.enum(['overwrite', 'keep-theirs', 'write-beside']),
    }),
  ),
  takeOpenedLink: call<LinkRoute | null>()(
    'The `lectern://` link the system last asked Lectern to open (where to go, and any notice), once.',
    z.void(),
  ),
  importBackup: call<ImportOutcome>()(
    'Asks for a backup file and merges it in by id: nothing lost, nothing duplicated; says what it did.',
    z.void(),
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

/**
 * The few things main asks of the window (the application menu's items that the window
 * carries out, such as File ▸ Import, whose progress it shows). One channel, a fixed list.
 */
export const MENU_COMMANDS = ['import-files', 'import-folder', 'open-link'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]
export const COMMAND_CHANNEL = 'lectern:command'

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
}

/** What the preload offers besides the calls: a way to hear the menu's commands. */
export interface LecternCommands {
  /** Returns the unsubscribe. */
  onCommand(listener: (command: MenuCommand) => void): () => void
}
