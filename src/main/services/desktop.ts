/**
 * What the services ask of the desktop: file dialogs and the clipboard. The app answers
 * with Electron's dialogs; the browser tests' host answers with paths chosen by the test.
 */
export type FileKind = 'markdown' | 'json'

export interface Desktop {
  /** Where to save a file; null when the reader cancels. */
  saveFile(options: { title: string; defaultName: string; kind: FileKind }): Promise<string | null>
  chooseFolder(options: { title: string }): Promise<string | null>
  openFile(options: { title: string; kind: FileKind }): Promise<string | null>
  /** Files (several) or, with `folder`, folders to import; null when the reader cancels. */
  chooseImport(options: {
    title: string
    folder: boolean
    extensions: string[]
  }): Promise<string[] | null>
  copyText(text: string): void
}

/** For processes with no desktop (the CLI): every question is an error. */
export const noDesktop: Desktop = {
  saveFile: () => Promise.reject(new Error('no file dialogs here')),
  chooseFolder: () => Promise.reject(new Error('no file dialogs here')),
  openFile: () => Promise.reject(new Error('no file dialogs here')),
  chooseImport: () => Promise.reject(new Error('no file dialogs here')),
  copyText: () => {
    throw new Error('no clipboard here')
  },
}
