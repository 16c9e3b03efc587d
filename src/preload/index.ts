/**
 * Runs sandboxed before the page: exposes exactly the contract's calls as `window.lectern`.
 * The page never sees `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { channelOf } from '../shared/contract'
import { createApi, type Reply } from '../shared/reply'

const api = createApi((name, args) => ipcRenderer.invoke(channelOf(name), args) as Promise<Reply>)

contextBridge.exposeInMainWorld('lectern', api)
