/** The desktop as Electron offers it: native dialogs over the main window, the system clipboard. */
import { app, BrowserWindow, clipboard, dialog, type FileFilter } from 'electron'
import { join } from 'node:path'
import type { Desktop, FileKind } from './services/desktop'

const FILTERS: Record<FileKind, FileFilter[]> = {
  markdown: [{ name: 'Markdown', extensions: ['md'] }],
  json: [{ name: 'Lectern backup', extensions: ['json'] }],
}

const parent = (): BrowserWindow | undefined =>
  BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]

export const electronDesktop: Desktop = {
  async saveFile({ title, defaultName, kind }) {
    const options = {
      title,
      defaultPath: join(app.getPath('documents'), defaultName),
      filters: FILTERS[kind],
    }
    const win = parent()
    const { canceled, filePath } = win
      ? await dialog.showSaveDialog(win, options)
      : await dialog.showSaveDialog(options)
    return canceled || !filePath ? null : filePath
  },
  async chooseFolder({ title }) {
    const options = {
      title,
      defaultPath: app.getPath('documents'),
      properties: ['openDirectory', 'createDirectory'] as const,
    }
    const win = parent()
    const props = { ...options, properties: [...options.properties] }
    const { canceled, filePaths } = win
      ? await dialog.showOpenDialog(win, props)
      : await dialog.showOpenDialog(props)
    return canceled ? null : (filePaths[0] ?? null)
  },
  async openFile({ title, kind }) {
    const options = { title, filters: FILTERS[kind], properties: ['openFile' as const] }
    const win = parent()
    const { canceled, filePaths } = win
      ? await dialog.showOpenDialog(win, options)
      : await dialog.showOpenDialog(options)
    return canceled ? null : (filePaths[0] ?? null)
  },
  async chooseImport({ title, folder, extensions }) {
    const options = {
      title,
      defaultPath: app.getPath('downloads'),
      filters: folder ? [] : [{ name: 'Articles', extensions }],
      properties: folder
        ? (['openDirectory', 'multiSelections'] as const)
        : (['openFile', 'multiSelections'] as const),
    }
    const props = { ...options, properties: [...options.properties] }
    const win = parent()
    const { canceled, filePaths } = win
      ? await dialog.showOpenDialog(win, props)
      : await dialog.showOpenDialog(props)
    return canceled || filePaths.length === 0 ? null : filePaths
  },
  copyText: (text) => clipboard.writeText(text),
}
