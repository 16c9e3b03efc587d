import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { developmentCsp } from './src/main/security'

/** The policy as index.html states it; the built page keeps it unchanged. */
const CSP_META = /(http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/

/**
 * `npm run dev` only (`apply: 'serve'`): Vite's injected styles, its React refresh preamble and
 * its hot-reload socket need more than the built page's policy allows. They get exactly that:
 * a nonce fresh for each dev server, and its own websocket (see `developmentCsp`).
 */
export function developmentSecurityPolicy(nonce = randomBytes(18).toString('base64')): Plugin {
  return {
    name: 'lectern-development-csp',
    apply: 'serve',
    // Vite puts this nonce on every script and style it injects, and on `<meta property=csp-nonce>`.
    config: () => ({ html: { cspNonce: nonce } }),
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const server = ctx.server
        const url =
          server?.resolvedUrls?.local[0] ?? `http://localhost:${server?.config.server.port ?? 5173}`
        if (!CSP_META.test(html)) throw new Error('index.html has no Content-Security-Policy')
        return html.replace(CSP_META, `$1${developmentCsp(url, nonce)}$2`)
      },
    },
  }
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // The app's entry and the `lectern` CLI share the services; the CLI never loads Electron.
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/main/cli.ts'),
          // HTML pages are read in a worker thread; it needs a file of its own.
          importWorker: resolve('src/main/services/import/html/worker.ts'),
          // PDFs too, in a worker of their own.
          pdfWorker: resolve('src/main/services/import/pdf/worker.ts'),
          // A large library's search index is built in a worker thread too.
          searchWorker: resolve('src/main/services/search/indexWorker.ts'),
          // Folding the change logs into the snapshot happens off the app's thread.
          foldWorker: resolve('src/main/services/store/journal/foldWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      // Every asset is a file of its own: the CSP allows no data: URLs.
      assetsInlineLimit: 0,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react(), developmentSecurityPolicy()],
  },
})
