/**
 * Start-up and shut-down in the order that loses nothing, kept free of Electron so a Node
 * test can drive every path with an app-like event source (as `security.ts` is for the
 * security rules). `index.ts` hands it Electron's `app`, the windows and the services.
 *
 * Quitting, by any road (File ▸ Quit, Ctrl/Cmd+Q, the last window closed, the OS ending the
 * session, SIGTERM or SIGINT), runs one sequence: close the windows and wait until they are
 * gone (each page's `pagehide` sends its unsaved note and settings), wait for every call in
 * flight (those saves), wait for main's own pending writes (the window's place), and only then
 * close the store. Electron's `before-quit` comes before the windows close, so it is held with
 * `preventDefault()` until all of that is on disk, then the quit goes on.
 */

/** An event Electron lets a listener cancel. */
export interface Cancellable {
  preventDefault(): void
}

/** The parts of Electron's `app` the lifecycle uses. */
export interface AppEvents {
  on(event: 'before-quit' | 'will-quit', listener: (event: Cancellable) => void): unknown
  on(event: 'window-all-closed' | 'activate', listener: () => void): unknown
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown
  /** macOS hands a `lectern://` link to the running app this way. */
  on(event: 'open-url', listener: (event: Cancellable, url: string) => void): unknown
  quit(): void
  exit(code: number): void
}

/** Where signals come from (`process`). */
export interface SignalSource {
  on(signal: 'SIGTERM' | 'SIGINT' | 'SIGHUP', listener: () => void): unknown
}

export interface LifecycleOptions {
  app: AppEvents
  platform: NodeJS.Platform
  signals?: SignalSource
  /** Opens the services and wires IPC; the window may be shown once it resolves. */
  start(): Promise<void>
  /** Shows the main window, creating it if need be. */
  showWindow(): void
  /** Closes every window and resolves once each is gone (its page unloaded). */
  closeWindows(): Promise<void>
  /** Resolves once no call from a window is in flight. */
  callsSettled(): Promise<void>
  /** Main's own writes still pending (the window's place), read after the windows closed. */
  pendingWrites(): Promise<unknown>[]
  /** Closes the store: waits for its writes and releases the data folder. */
  closeServices(): Promise<void>
  /** Start-up failed: tell the person (a dialog); the app then exits with status 1. */
  startFailed(error: unknown): void
  log(line: string): void
  /**
   * A `lectern://` link to open (from the first launch's arguments, a second launch's, or
   * macOS's open-url): called once the window can take it, never while quitting.
   */
  openLink?(link: string): void
  /** The first launch's arguments, for a link Lectern was started with. */
  argv?: readonly string[]
}

export type Phase = 'starting' | 'ready' | 'quitting' | 'closed'

export interface Lifecycle {
  phase(): Phase
  /** Starts the app; resolves once the window is shown (or start-up failed). */
  run(): Promise<void>
  /** Quits after everything is saved (what every road to quitting comes to). */
  quit(): Promise<void>
  /**
   * Windows is ending the session (`query-session-end`, `session-end` on a window): Electron
   * emits no `before-quit` then, so the same sequence runs here; the shutdown is held while
   * the OS allows it.
   */
  sessionEnding(event?: Cancellable): Promise<void>
}

export function createLifecycle(options: LifecycleOptions): Lifecycle {
  const { app, log } = options
  let phase: Phase = 'starting'
  let started: Promise<void> = Promise.resolve()
  let shutdown: Promise<void> | undefined
  /** Set the moment a quit is asked for, so a start finishing afterwards shows no window. */
  let quitAsked = false
  /**
   * A second launch or a dock click brings the window forward. While starting it waits: the
   * window is shown once the handlers exist. While quitting it is ignored: the store is closing.
   */
  const show = (): void => {
    if (phase === 'ready' && !quitAsked) options.showWindow()
  }

  const step = async (what: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work()
    } catch (error) {
      log(
        `while quitting, ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  const quit = (): Promise<void> => {
    quitAsked = true
    shutdown ??= (async () => {
      // Services still opening are let finish, so they can be closed properly.
      await started.catch(() => undefined)
      if (phase === 'closed') return
      phase = 'quitting'
      await step('closing the windows', options.closeWindows)
      await step('waiting for the last saves', options.callsSettled)
      await step('saving the window’s place', () => Promise.all(options.pendingWrites()))
      await step('closing the data folder', options.closeServices)
      phase = 'closed'
      app.quit()
    })()
    return shutdown
  }

  app.on('before-quit', (event) => {
    if (phase === 'closed') return
    event.preventDefault()
    void quit()
  })
  app.on('will-quit', (event) => {
    if (phase === 'closed') return
    event.preventDefault()
    void quit()
  })
  app.on('window-all-closed', () => {
    // On macOS an app stays open with no window, as people there expect.
    if (options.platform !== 'darwin') void quit()
  })
  /** Links that came before the window could take them, handed over once it can. */
  const waiting: string[] = []
  const link = (url: string | undefined): void => {
    if (!url || quitAsked || !options.openLink) return
    if (phase === 'ready') options.openLink(url)
    else if (phase === 'starting') waiting.push(url)
  }
  const linkIn = (argv: readonly string[]): string | undefined =>
    argv.find((a) => a.toLowerCase().startsWith('lectern://'))
  link(linkIn(options.argv ?? []))
  app.on('second-instance', (_event, argv) => {
    show()
    link(linkIn(argv ?? []))
  })
  app.on('open-url', (event, url) => {
    event.preventDefault()
    show()
    link(url)
  })
  app.on('activate', show)
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    options.signals?.on(signal, () => {
      log(`${signal}: quitting once everything is saved`)
      void quit()
    })
  }

  return {
    phase: () => phase,
    quit,
    async sessionEnding(event) {
      event?.preventDefault()
      await quit()
    },
    run() {
      started = options.start()
      return started.then(
        () => {
          if (phase !== 'starting') return
          phase = 'ready'
          if (!quitAsked) options.showWindow()
          for (const url of waiting.splice(0)) link(url)
        },
        (error: unknown) => {
          phase = 'closed'
          options.startFailed(error)
          app.exit(1)
        },
      )
    },
  }
}

/**
 * Counts the calls from windows still being answered, so quitting can wait for the last
 * saves a closing page sent.
 */
export function callTracker(): {
  track<T>(call: Promise<T>): Promise<T>
  settled(): Promise<void>
} {
  const inFlight = new Set<Promise<unknown>>()
  return {
    track(call) {
      inFlight.add(call)
      const done = (): void => void inFlight.delete(call)
      call.then(done, done)
      return call
    },
    async settled() {
      // A page's last messages may still be queued behind the close: let them arrive first.
      await new Promise((resolve) => setTimeout(resolve, 0))
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
  }
}

/**
 * Opens a link in the system's browser or mailer. No application for it (`mailto:` with no
 * mail program) is no crash: the person is told, in their window.
 */
export async function openLink(
  url: string,
  openExternal: (url: string) => Promise<void>,
  tell: (message: string, detail: string) => void,
): Promise<void> {
  try {
    await openExternal(url)
  } catch (error) {
    const scheme = url.split(':')[0] ?? 'this'
    const kind = scheme === 'mailto' ? 'email links' : `${scheme}: links`
    tell(
      `No application on this computer opens ${kind}.`,
      `${url}\n\n${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
