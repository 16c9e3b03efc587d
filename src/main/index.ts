/** The Electron main process: opens the services, wires IPC, shows the window. */
import { app, BrowserWindow, dialog, nativeTheme } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronDesktop } from './desktop'
import { registerIpc } from './ipc'
import { installMenu } from './menu'
import { openLectern, type Lectern } from './lectern'
import { dataDirFlag, resolveDataDir } from './services/paths'
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

// --data-dir or LECTERN_DATA_DIR move all user data; otherwise Electron's userData folder.
const overrideDir = dataDirFlag(process.argv) || process.env.LECTERN_DATA_DIR
if (overrideDir) app.setPath('userData', resolveDataDir(overrideDir))

registerAppScheme()

let lectern: Lectern | undefined
let mainWindow: BrowserWindow | undefined
const windowPlace = windowStateFile(app.getPath('userData'), (line) =>
  console.warn(`lectern: ${line}`),
)
let savedPlace: WindowState | null = null
/** The last write of the window's place, for quitting to wait on. */
let placeWritten: Promise<void> = Promise.resolve()

/** Makes the system's light or dark follow the reader's theme (scroll bars, dialogs); returns the background. */
function followTheme(): string {
  const theme = lectern?.settings.get().theme ?? 'system'
  nativeTheme.themeSource = theme === 'system' ? 'system' : theme === 'dark' ? 'dark' : 'light'
  return THEME_COLORS[resolveTheme(theme, nativeTheme.shouldUseDarkColors)].paper
}

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow(preload, {
      saved: savedPlace,
      remember: (state) => {
        savedPlace = state
        placeWritten = windowPlace.save(state)
      },
      backgroundColor: followTheme(),
    })
  }
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

async function start(): Promise<void> {
  await app.whenReady()
  secureSession()
  hardenAllContents()
  serveRenderer(join(here, '..', 'renderer'))
  lectern = await openLectern({
    seedsDir,
    dataDir: app.getPath('userData'),
    version: app.getVersion(),
    desktop: electronDesktop,
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
  )
  const { annotations } = lectern
  // The article open in the window is the last one the reader opened.
  installMenu(lectern.handlers, () => annotations.userState().reading.lastArticleId)
  showWindow()
  app.on('activate', showWindow)
}

// One app per data folder: a second launch hands over to the first and quits. (The data
// file's own lock also keeps the `lectern` CLI from writing while the app is open.)
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => app.isReady() && showWindow())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  // Pending writes finish and the data folder is released before the process ends.
  let closing = false
  app.on('before-quit', (event) => {
    if (!lectern || closing) return
    event.preventDefault()
    closing = true
    void Promise.all([lectern.close(), placeWritten]).finally(() => app.quit())
  })
  start().catch((err: unknown) => {
    dialog.showErrorBox('Lectern could not start', err instanceof Error ? err.message : String(err))
    app.exit(1)
  })
}
