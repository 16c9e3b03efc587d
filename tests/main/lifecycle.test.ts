/**
 * Start-up and quitting, driven the way Electron drives them (its events, in its order) with
 * the real services behind: every save a closing window sends, and main's own writes, are on
 * disk before the store closes, whichever road led to quitting.
 */
import { EventEmitter } from 'node:events'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { guardedDispatch } from '../../src/main/dispatch'
import { openLectern, type Lectern } from '../../src/main/lectern'
import {
  callTracker,
  createLifecycle,
  openLink,
  type Cancellable,
  type Lifecycle,
  type LifecycleOptions,
} from '../../src/main/lifecycle'
import { windowStateFile } from '../../src/main/services/window/windowStateFile'
import type { WindowState } from '../../src/main/services/window/windowPlacement'
import { SEEDS } from './seedLibrary'

/** Electron's `app` as far as the lifecycle sees it; `quit()` emits what Electron emits. */
class FakeApp extends EventEmitter {
  quitted = false
  exitCode: number | undefined
  quit(): void {
    for (const name of ['before-quit', 'will-quit']) {
      let prevented = false
      this.emit(name, { preventDefault: () => (prevented = true) })
      if (prevented) return
    }
    this.quitted = true
  }
  exit(code: number): void {
    this.exitCode = code
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const TRUSTED = 'app://lectern/index.html'

/**
 * The app as index.ts assembles it, with a window whose page saves, as it unloads, whatever
 * `onUnload` sends (the note the reader was typing, a settings change).
 */
async function assemble(
  over: Partial<LifecycleOptions> & { onUnload?: (call: Call) => void; startDelay?: number } = {},
) {
  const dataDir = await mkdtemp(join(tmpdir(), 'lectern-lifecycle-'))
  const app = new FakeApp()
  const signals = new EventEmitter()
  const calls = callTracker()
  const place = windowStateFile(dataDir)
  let placeWritten: Promise<void> = Promise.resolve()
  let lectern: Lectern | undefined
  const events: string[] = []
  let windowOpen = false
  let call: Call = () => Promise.reject(new Error('not started'))

  const lifecycle = createLifecycle({
    app,
    platform: 'linux',
    signals: signals as never,
    async start() {
      if (over.startDelay) await sleep(over.startDelay)
      lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: 'test' })
      const dispatch = guardedDispatch(lectern.handlers, (url) => url === TRUSTED)
      call = (name, args) => calls.track(dispatch(TRUSTED, name, args))
      events.push('started')
    },
    showWindow() {
      events.push('show')
      windowOpen = true
    },
    async closeWindows() {
      if (!windowOpen) return
      // The window's `close` writes its place; the page's `pagehide` sends its last saves.
      events.push('close-window')
      placeWritten = place.save(WINDOW_STATE)
      over.onUnload?.(call)
      windowOpen = false
      await sleep(1)
      events.push('window-closed')
    },
    callsSettled: calls.settled,
    pendingWrites: () => [placeWritten],
    async closeServices() {
      await lectern?.close()
      events.push('store-closed')
    },
    startFailed: (error) => events.push(`start-failed: ${(error as Error).message}`),
    log: (line) => events.push(`log: ${line}`),
    ...over,
  })
  return { app, signals, lifecycle, events, dataDir, call: (...a: Parameters<Call>) => call(...a) }
}

type Call = (name: string, args: unknown) => Promise<unknown>

const WINDOW_STATE: WindowState = {
  bounds: { x: 10, y: 20, width: 900, height: 700 },
  maximized: false,
  fullScreen: false,
}

async function reopen(dataDir: string): Promise<Lectern> {
  return openLectern({ seedsDir: SEEDS, dataDir, version: 'test', readOnly: true })
}

async function quitsCleanly(app: FakeApp, lifecycle: Lifecycle): Promise<void> {
  await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 10_000 })
  expect(lifecycle.phase()).toBe('closed')
}

describe('quitting loses nothing', () => {
  it('keeps a note typed 50 ms before Quit, sent as the page unloads', async () => {
    let noteId = ''
    const { app, lifecycle, dataDir, call } = await assemble({
      // The note editor's debounce has not fired yet: the page sends the text on pagehide.
      onUnload: (send) =>
        void send('updateNote', { id: noteId, text: 'typed just before quitting' }),
    })
    await lifecycle.run()
    const articleId = ((await call('listArticles', undefined)) as { value: { id: string }[] })
      .value[0]!.id
    noteId = (
      (await call('addNote', { articleId, text: 'first draft' })) as { value: { id: string } }
    ).value.id
    await sleep(50)
    app.quit() // File ▸ Quit, Ctrl/Cmd+Q
    await quitsCleanly(app, lifecycle)
    const after = await reopen(dataDir)
    expect((await after.handlers.listAnnotations({ articleId })).notes.map((n) => n.text)).toEqual([
      'typed just before quitting',
    ])
    await after.close()
  })

  it('waits for a settings change in flight before closing the store', async () => {
    const { app, lifecycle, dataDir, call, events } = await assemble()
    await lifecycle.run()
    const saving = call('saveSettings', { fontSize: 23 })
    app.quit()
    await quitsCleanly(app, lifecycle)
    expect(await saving).toMatchObject({ ok: true })
    expect(events.indexOf('store-closed')).toBeGreaterThan(events.indexOf('window-closed'))
    const after = await reopen(dataDir)
    expect(after.settings.get().fontSize).toBe(23)
    await after.close()
  })

  it('writes the window’s place, started as the window closes, before quitting', async () => {
    const { app, lifecycle, dataDir } = await assemble()
    await lifecycle.run()
    app.quit()
    await quitsCleanly(app, lifecycle)
    expect(JSON.parse(await readFile(join(dataDir, 'window-state.json'), 'utf8'))).toEqual(
      WINDOW_STATE,
    )
  })

  it('closes the windows first, then the store, then lets the quit go on, once', async () => {
    const { app, lifecycle, events } = await assemble()
    await lifecycle.run()
    app.quit()
    app.quit() // a second Ctrl+Q while saving
    await quitsCleanly(app, lifecycle)
    expect(events.filter((e) => !e.startsWith('log'))).toEqual([
      'started',
      'show',
      'close-window',
      'window-closed',
      'store-closed',
    ])
  })

  it('quits when the last window closes (not on macOS, where the app stays open)', async () => {
    const linux = await assemble()
    await linux.lifecycle.run()
    linux.app.emit('window-all-closed')
    await quitsCleanly(linux.app, linux.lifecycle)

    const mac = await assemble({ platform: 'darwin' })
    await mac.lifecycle.run()
    mac.app.emit('window-all-closed')
    await sleep(20)
    expect(mac.lifecycle.phase()).toBe('ready')
    mac.app.quit()
    await quitsCleanly(mac.app, mac.lifecycle)
  })

  it.each(['SIGTERM', 'SIGINT'])('saves everything on %s from a terminal', async (signal) => {
    let noteId = ''
    const { app, signals, lifecycle, dataDir, call } = await assemble({
      onUnload: (send) => void send('updateNote', { id: noteId, text: `saved on ${signal}` }),
    })
    await lifecycle.run()
    const articleId = ((await call('listArticles', undefined)) as { value: { id: string }[] })
      .value[1]!.id
    noteId = ((await call('addNote', { articleId, text: 'x' })) as { value: { id: string } }).value
      .id
    signals.emit(signal)
    await quitsCleanly(app, lifecycle)
    const after = await reopen(dataDir)
    expect((await after.handlers.listAnnotations({ articleId })).notes[0]?.text).toBe(
      `saved on ${signal}`,
    )
    await after.close()
  })

  it('holds a Windows session end until everything is saved', async () => {
    let noteId = ''
    const { app, lifecycle, dataDir, call } = await assemble({
      onUnload: (send) => void send('updateNote', { id: noteId, text: 'saved at log-off' }),
    })
    await lifecycle.run()
    const articleId = ((await call('listArticles', undefined)) as { value: { id: string }[] })
      .value[2]!.id
    noteId = ((await call('addNote', { articleId, text: 'x' })) as { value: { id: string } }).value
      .id
    const event: Cancellable = { preventDefault: vi.fn() }
    // No before-quit on Windows here: the window's query-session-end is all there is.
    await lifecycle.sessionEnding(event)
    expect(event.preventDefault).toHaveBeenCalled()
    await quitsCleanly(app, lifecycle)
    const after = await reopen(dataDir)
    expect((await after.handlers.listAnnotations({ articleId })).notes[0]?.text).toBe(
      'saved at log-off',
    )
    await after.close()
  })

  it('logs a failure to close the store and still quits', async () => {
    const { app, lifecycle, events } = await assemble({
      closeServices: () => Promise.reject(new Error('disk gone')),
    })
    await lifecycle.run()
    app.quit()
    await quitsCleanly(app, lifecycle)
    expect(events).toContain('log: while quitting, closing the data folder failed: disk gone')
  })
})

describe('a second launch', () => {
  it('during start-up opens no window before the handlers exist, then exactly one', async () => {
    const { app, lifecycle, events } = await assemble({ startDelay: 30 })
    const running = lifecycle.run()
    app.emit('second-instance')
    app.emit('activate')
    expect(events).toEqual([])
    await running
    expect(events).toEqual(['started', 'show'])
    app.emit('second-instance') // once ready, it brings the window forward
    expect(events).toEqual(['started', 'show', 'show'])
  })

  it('while quitting is ignored', async () => {
    const { app, lifecycle, events } = await assemble()
    await lifecycle.run()
    app.quit()
    app.emit('second-instance')
    await quitsCleanly(app, lifecycle)
    app.emit('second-instance')
    expect(events.filter((e) => e === 'show')).toHaveLength(1)
  })

  it('a quit asked for during start-up waits for the services, shows nothing, closes them', async () => {
    const { app, lifecycle, events } = await assemble({ startDelay: 30 })
    const running = lifecycle.run()
    app.quit()
    await running
    await quitsCleanly(app, lifecycle)
    expect(events.filter((e) => !e.startsWith('log'))).toEqual(['started', 'store-closed'])
  })

  it('a start-up that fails is told and exits with status 1', async () => {
    const { app, lifecycle, events } = await assemble({
      start: () => Promise.reject(new Error('no seeds')),
    })
    await lifecycle.run()
    expect(events).toEqual(['start-failed: no seeds'])
    expect(app.exitCode).toBe(1)
  })
})

describe('links the page asks main to open', () => {
  it('tells the reader when no application opens them, and nothing goes unhandled', async () => {
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    const told: string[] = []
    try {
      await openLink(
        'mailto:someone@example.org',
        () => Promise.reject(new Error('No application found')),
        (message) => told.push(message),
      )
      await sleep(10)
    } finally {
      process.off('unhandledRejection', unhandled)
    }
    expect(told).toEqual(['No application on this computer opens email links.'])
    expect(unhandled).not.toHaveBeenCalled()
  })

  it('says nothing when the link opens', async () => {
    const told: string[] = []
    await openLink(
      'https://example.org/',
      () => Promise.resolve(),
      (m) => told.push(m),
    )
    expect(told).toEqual([])
  })
})

describe('lectern:// links', () => {
  it('a link Lectern was started with, or a second launch brings, is opened once the window is up', async () => {
    const opened: string[] = []
    const { app, lifecycle, events } = await assemble({
      startDelay: 30,
      argv: ['/usr/bin/lectern', '--no-sandbox', 'lectern://article/a1?paragraph=3'],
      openLink: (link) => opened.push(link),
    })
    const running = lifecycle.run()
    app.emit('second-instance', {}, ['/usr/bin/lectern', 'lectern://article/b2'])
    // Not before the window can take them.
    expect(opened).toEqual([])
    await running
    expect(events).toEqual(['started', 'show'])
    expect(opened).toEqual(['lectern://article/a1?paragraph=3', 'lectern://article/b2'])
    // Once ready: at once, with the window brought forward; macOS's open-url likewise.
    app.emit('second-instance', {}, ['lectern', 'LECTERN://article/c3'])
    let prevented = false
    app.emit('open-url', { preventDefault: () => (prevented = true) }, 'lectern://article/d4')
    expect(prevented).toBe(true)
    expect(opened.slice(2)).toEqual(['LECTERN://article/c3', 'lectern://article/d4'])
    expect(events.filter((e) => e === 'show')).toHaveLength(3)
    app.quit()
    app.emit('second-instance', {}, ['lectern', 'lectern://article/e5'])
    await quitsCleanly(app, lifecycle)
    expect(opened).toHaveLength(4) // none while quitting
  })
})
