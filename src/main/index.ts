/** The Electron main process: opens the services, wires IPC, shows the window. */
import { app, BrowserWindow, dialog, nativeTheme, shell } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronDesktop } from './desktop'
import { registerIpc } from './ipc'
import { callTracker, createLifecycle, openLink, type Lifecycle } from './lifecycle'
import { installMenu } from './menu'
import { COMMAND_CHANNEL } from '../shared/contract'
import { openLectern, type Lectern } from './lectern'
import { dataDirFlag, resolveDataDir, resolveStateDir, stateDirFlag } from './services/paths'
import { LECTERN_SCHEME, linkLookup, routeLecternLink } from './services/links/lecternLink'
import type { WindowState } from './services/window/windowPlacement'
import { windowStateFile } from './services/window/windowStateFile'
import { THEME_COLORS, resolveTheme } from '../shared/themes'
import {
  createMainWindow,
  hardenAllContents,
  secureSession,
  isTrustedUrl,
  registerAppScheme,
  serveRenderer,
} from './windows'

const here = dirname(fileURLToPath(import.meta.url))
const seedsDir = app.isPackaged
  ? join(process.resourcesPath, 'seeds')
  : join(app.getAppPath(), 'seeds')
const preload = join(here, '..', 'preload', 'index.cjs')
const log = (line: string): void => console.warn(`lectern: ${line}`)

// --data-dir or LECTERN_DATA_DIR move all user data; otherwise Electron's userData folder.
const overrideDir = dataDirFlag(process.argv) || process.env.LECTERN_DATA_DIR
if (overrideDir) app.setPath('userData', resolveDataDir(overrideDir))
// This computer's own state (device id, lock, window place), outside the data folder.
const stateDir = resolveStateDir(stateDirFlag(process.argv))

registerAppScheme()
// lectern:// links (in exported notes) open here. From source, the system must be told how
// to start this app with its script; packaged, the app itself is the handler.
if (process.defaultApp && process.argv[1])
  app.setAsDefaultProtocolClient(LECTERN_SCHEME, process.execPath, [join(process.argv[1])])
else app.setAsDefaultProtocolClient(LECTERN_SCHEME)

let lectern: Lectern | undefined
let mainWindow: BrowserWindow | undefined
const windowPlace = windowStateFile(stateDir, log)
let savedPlace: WindowState | null = null
/** The last write of the window's place, for quitting to wait on. */
let placeWritten: Promise<void> = Promise.resolve()
const calls = callTracker()
let lifecycle: Lifecycle | undefined

/** Makes the system's light or dark follow the reader's theme (scroll bars, dialogs); returns the background. */
function followTheme(): string {
  const theme = lectern?.settings.get().theme ?? 'system'
  nativeTheme.themeSource = theme === 'system' ? 'system' : theme === 'dark' ? 'dark' : 'light'
  return THEME_COLORS[resolveTheme(theme, nativeTheme.shouldUseDarkColors)].paper
}

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    const win = createMainWindow(preload, {
      saved: savedPlace,
      remember: (state) => {
        savedPlace = state
        placeWritten = windowPlace.save(state)
      },
      backgroundColor: followTheme(),
    })
    // Windows ends a session without `before-quit`; the window hears it, and everything is
    // saved first (the shutdown waits while the OS allows).
    win.on('query-session-end', (event) => void lifecycle?.sessionEnding(event))
    win.on('session-end', () => void lifecycle?.sessionEnding())
    mainWindow = win
  }
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

/** Closes every window and resolves once each is gone; a page that hangs is not waited for long. */
function closeWindows(): Promise<void> {
  const closing = BrowserWindow.getAllWindows().map(
    (win) =>
      new Promise<void>((resolve) => {
        if (win.isDestroyed()) return resolve()
        win.once('closed', () => resolve())
        const force = setTimeout(() => !win.isDestroyed() && win.destroy(), 5000)
        win.once('closed', () => clearTimeout(force))
        win.close()
      }),
  )
  return Promise.all(closing).then(() => undefined)
}

async function start(): Promise<void> {
  await app.whenReady()
  secureSession()
  hardenAllContents((url) =>
    openLink(url, shell.openExternal, (message, detail) => {
      const win = mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined
      const box = { type: 'info' as const, message, detail, buttons: ['OK'] }
      void (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box))
    }),
  )
  serveRenderer(join(here, '..', 'renderer'))
  lectern = await openLectern({
    seedsDir,
    dataDir: app.getPath('userData'),
    stateDir,
    // Other computers' changes, brought by a sync tool, are merged while the app runs.
    refreshEvery: 30_000,
    version: app.getVersion(),
    desktop: electronDesktop,
    vault: true,
  })
  savedPlace = await windowPlace.load()
  const { handlers } = lectern
  registerIpc(
    {
      ...handlers,
      // A new theme also recolours the window behind the page and the system's own parts.
      saveSettings: async (change) => {
        const settings = await handlers.saveSettings(change)
        const background = followTheme()
        if (mainWindow && !mainWindow.isDestroyed()) mainWindow.setBackgroundColor(background)
        return settings
      },
    },
    isTrustedUrl,
    calls.track,
  )
  const { annotations } = lectern
  // The article open in the window is the last one the reader opened.
  installMenu(
    lectern.handlers,
    () => annotations.userState().reading.lastArticleId,
    (command) => {
      if (mainWindow && !mainWindow.isDestroyed())
        mainWindow.webContents.send(COMMAND_CHANNEL, command)
    },
  )
}

function startLifecycle(): Lifecycle {
  return createLifecycle({
    app,
    platform: process.platform,
    signals: process,
    start,
    showWindow,
    closeWindows,
    callsSettled: calls.settled,
    pendingWrites: () => [placeWritten],
    closeServices: async () => lectern?.close(),
    startFailed: (err) =>
      dialog.showErrorBox(
        'Lectern could not start',
        err instanceof Error ? err.message : String(err),
      ),
    log,
    argv: process.argv,
    openLink(link) {
      if (!lectern) return
      try {
        lectern.links.put(routeLecternLink(link, linkLookup(lectern)))
      } catch (error) {
        lectern.links.put({
          articleId: '',
          notice: error instanceof Error ? error.message : String(error),
        })
      }
      if (mainWindow && !mainWindow.isDestroyed())
        mainWindow.webContents.send(COMMAND_CHANNEL, 'open-link')
    },
  })
}

// Nothing in main may fail silently or take the process down: what was not handled is logged.
process.on('unhandledRejection', (reason) =>
  log(`unhandled: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
)

// One app per data folder: a second launch hands over to the first and quits. (The data
// file's own lock also keeps the `lectern` CLI from writing while the app is open.)
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  lifecycle = startLifecycle()
  void lifecycle.run()
}
