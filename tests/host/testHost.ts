/**
 * A small HTTP host for browser tests: serves the built renderer, injects the preload
 * stand-in, and answers `POST /api/<call>` with the real handler table through `dispatch`.
 */
import { mkdtemp, readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize, relative } from 'node:path'
import { build } from 'vite'
import { dispatch } from '../../src/main/dispatch'
import { openLectern, type Lectern } from '../../src/main/lectern'
import type { Desktop } from '../../src/main/services/desktop'

export const ROOT = join(import.meta.dirname, '..', '..')
const RENDERER_DIR = join(ROOT, 'out', 'renderer')
const STAND_IN_PATH = '/__lectern/preload.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
}

/** File dialogs answered by the test: set a path (or null for "cancel") before the click. */
export interface TestDesktop extends Desktop {
  answers: {
    save?: string | null
    folder?: string | null
    open?: string | null
    /** What File ▸ Import is given: paths, or null for "cancel". */
    import?: string[] | null
  }
  /** What the app put on the clipboard. */
  clipboard: string
  /** The titles of the dialogs the app opened. */
  asked: string[]
}

function testDesktop(): TestDesktop {
  const desktop: TestDesktop = {
    answers: {},
    clipboard: '',
    asked: [],
    saveFile: async ({ title }) => (desktop.asked.push(title), desktop.answers.save ?? null),
    chooseFolder: async ({ title }) => (desktop.asked.push(title), desktop.answers.folder ?? null),
    openFile: async ({ title }) => (desktop.asked.push(title), desktop.answers.open ?? null),
    chooseImport: async ({ title }) => (desktop.asked.push(title), desktop.answers.import ?? null),
    copyText: (text) => {
      desktop.clipboard = text
    },
  }
  return desktop
}

export interface TestHost {
  url: string
  dataDir: string
  lectern: Lectern
  desktop: TestDesktop
  close(): Promise<void>
}

let standIn: Promise<string> | undefined

/** Origins of the hosts started in this process: the only places a test page may reach. */
export const hostOrigins = new Set<string>()

/** Bundles the stand-in once per process. */
function standInScript(): Promise<string> {
  standIn ??= build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: join(ROOT, 'tests/host/preloadStandIn.ts'),
        formats: ['iife'],
        name: 'lecternStandIn',
      },
    },
  }).then((out) => {
    const result = Array.isArray(out) ? out[0] : out
    const chunk = (result as { output: { type: string; code?: string }[] }).output.find(
      (o) => o.type === 'chunk',
    )
    if (!chunk?.code) throw new Error('the preload stand-in did not build')
    return chunk.code
  })
  return standIn
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startTestHost(
  options: { dataDir?: string; seedsDir?: string } = {},
): Promise<TestHost> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'lectern-host-')))
  const desktop = testDesktop()
  const lectern = await openLectern({
    seedsDir: options.seedsDir ?? join(ROOT, 'seeds'),
    dataDir,
    version: 'test',
    desktop,
    // As the app does: the notes folder (vault) is kept by the service behind the window.
    vault: true,
  })
  const script = await standInScript()

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://host')
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        let args: unknown
        try {
          args = (JSON.parse((await readBody(req)) || '{}') as { args?: unknown }).args
        } catch {
          args = Symbol('unparseable')
        }
        const reply = await dispatch(lectern.handlers, url.pathname.slice('/api/'.length), args)
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply))
        return
      }
      if (url.pathname === STAND_IN_PATH) {
        res.writeHead(200, { 'content-type': TYPES['.js'] as string }).end(script)
        return
      }
      const path = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname)
      const file = normalize(join(RENDERER_DIR, path))
      if (relative(RENDERER_DIR, file).startsWith('..')) {
        res.writeHead(404).end()
        return
      }
      try {
        let body: Buffer | string = await readFile(file)
        if (path === '/index.html') {
          // The stand-in must run before the app's module script, as a preload would.
          body = body
            .toString('utf8')
            .replace('<script', `<script src="${STAND_IN_PATH}"></script><script`)
        }
        res
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body)
      } catch {
        res.writeHead(404).end()
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  hostOrigins.add(url)
  return {
    url,
    dataDir,
    lectern,
    desktop,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await lectern.close()
    },
  }
}
