/**
 * The application menu: File holds export, backup and restore (the same handlers the window's
 * Export menu calls); Edit and View keep the platform's standard items.
 */
import { dialog, Menu, type MenuItemConstructorOptions } from 'electron'
import type { Handlers, MenuCommand } from '../shared/contract'
import type { ExportOutcome, ImportOutcome } from '../shared/types'

type Run = () => Promise<ExportOutcome | ImportOutcome>

function report(outcome: ExportOutcome | ImportOutcome): string | null {
  if (outcome.cancelled) return null
  if ('added' in outcome) {
    return `Restored from ${outcome.path}: ${outcome.added} added, ${outcome.updated} updated, ${outcome.unchanged} already here.`
  }
  return `Saved to ${outcome.path}${outcome.files > 1 ? ` (${outcome.files} files)` : ''}.`
}

export function installMenu(
  handlers: Handlers,
  currentArticle: () => string | undefined,
  /** Asks the window to carry out a command (it shows the import's progress). */
  tellWindow: (command: MenuCommand) => void,
): void {
  const item = (label: string, run: Run): MenuItemConstructorOptions => ({
    label,
    click: () => {
      run().then(
        (outcome) => {
          const message = report(outcome)
          if (message) void dialog.showMessageBox({ type: 'info', message, buttons: ['OK'] })
        },
        (err: unknown) =>
          dialog.showErrorBox(`${label.replace('…', '')} failed`, (err as Error).message),
      )
    },
  })
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      {
        label: 'Import Files…',
        accelerator: 'CmdOrCtrl+O',
        click: () => tellWindow('import-files'),
      },
      { label: 'Import a Folder…', click: () => tellWindow('import-folder') },
      { type: 'separator' },
      item('Export This Article’s Notes…', async () => {
        const articleId = currentArticle()
        if (!articleId) throw new Error('Open an article first.')
        return handlers.exportArticle({ articleId })
      }),
      item('Export All Notes to a Folder…', async () => handlers.exportLibrary({})),
      item('Export All Notes to One File…', async () => handlers.exportLibrary({ single: true })),
      { type: 'separator' },
      item('Back Up All Data…', async () => handlers.exportBackup()),
      item('Restore from a Backup…', async () => handlers.importBackup()),
      { type: 'separator' },
      process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  }
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
