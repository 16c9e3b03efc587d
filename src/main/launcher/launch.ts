/**
 * `npm start` and `npm run dev`: make sure Electron's binary is installed (once), then hand
 * over to electron-vite. `start` builds once and previews that build (`--skipBuild`, since
 * `electron-vite preview` would otherwise build a second time); `dev` runs the dev server.
 * Arguments after `--` go to Lectern itself (`npm start -- --data-dir ~/notes`).
 */
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { ensureElectron } from './electronBinary'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const mode = process.argv[2]
const appArgs = process.argv.slice(3)
if (mode !== 'start' && mode !== 'dev') {
  console.error('usage: launch.ts start|dev [-- lectern arguments]')
  process.exit(2)
}

const electronDir = dirname(
  createRequire(join(ROOT, 'package.json')).resolve('electron/package.json'),
)
const electron = ensureElectron(electronDir, process.env)
if (!electron.ok) {
  console.error(`\n${electron.message}\n`)
  process.exit(1)
}

const electronVite = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
// electron-vite honours ELECTRON_EXEC_PATH, so it never reads path.txt itself.
const env = { ...process.env, ELECTRON_EXEC_PATH: electron.path }
const passOn = appArgs.length > 0 ? ['--', ...appArgs] : []

if (mode === 'start') {
  const build = spawnSync(process.execPath, [electronVite, 'build'], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
}
const child = spawn(
  process.execPath,
  [
    electronVite,
    mode === 'start' ? 'preview' : 'dev',
    ...(mode === 'start' ? ['--skipBuild'] : []),
    ...passOn,
  ],
  { cwd: ROOT, env, stdio: 'inherit' },
)
// A terminal's Ctrl+C or a `kill` reaches Lectern through electron-vite, which passes it on,
// so Lectern quits the way it always does: everything saved first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal))
}
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
