/** The Electron main process: opens the services, wires IPC, shows the window. */
import { app, BrowserWindow, dialog } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { registerIpc } from './ipc'
import { openLectern } from './lectern'
import { dataDirFlag, resolveDataDir } from './services/paths'
import {
  createMainWindow,
  hardenSession,
  isTrustedUrl,
  registerAppScheme,
  serveRenderer,
} from './windows'

const here = dirname(fileURLToPath(import.meta.url))
const seedsDir = app.isPackaged
  ? join(process.resourcesPath, 'seeds')
  : join(app.getAppPath(), 'seeds')

// --data-dir or LECTERN_DATA_DIR move all user data; otherwise Electron's userData folder.
const overrideDir = dataDirFlag(process.argv) || process.env.LECTERN_DATA_DIR
if (overrideDir) app.setPath('userData', resolveDataDir(overrideDir))

registerAppScheme()

async function start(): Promise<void> {
  await app.whenReady()
  hardenSession()
  serveRenderer(join(here, '..', 'renderer'))
  const lectern = await openLectern({
    seedsDir,
    dataDir: app.getPath('userData'),
    version: app.getVersion(),
  })
  registerIpc(lectern.handlers, isTrustedUrl)
  const preload = join(here, '..', 'preload', 'index.cjs')
  createMainWindow(preload)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preload)
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

start().catch((err: unknown) => {
  dialog.showErrorBox('Lectern could not start', err instanceof Error ? err.message : String(err))
  app.exit(1)
})
