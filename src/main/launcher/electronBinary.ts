/**
 * Making sure Electron's own program is on disk before electron-vite looks for it.
 *
 * The `electron` package installs no binary when npm installs it: the binary (about 100 MB)
 * is downloaded by its `install.js`, which only runs on a first `require('electron')`.
 * electron-vite never requires it; it reads `node_modules/electron/path.txt` and, when that is
 * missing, fails with a bare "Electron uninstall". So `npm start` runs the installer first and,
 * where it cannot download (no network), says what happened and what to do instead.
 *
 * Plain Node: no Electron, so a unit test drives every branch with a fake package folder.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The executable inside Electron's dist folder, as its installer names it per platform. */
export function platformExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

export type BinaryLookup = { found: true; path: string } | { found: false; looked: string }

/** Where Electron's binary is, honouring the same variables as the `electron` package itself. */
export function findElectronBinary(
  packageDir: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): BinaryLookup {
  const candidate = (path: string): BinaryLookup =>
    existsSync(path) ? { found: true, path } : { found: false, looked: path }
  if (env.ELECTRON_EXEC_PATH) return candidate(env.ELECTRON_EXEC_PATH)
  const pathFile = join(packageDir, 'path.txt')
  const written = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const name = written || platformExecutable(platform)
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return candidate(join(env.ELECTRON_OVERRIDE_DIST_PATH, name))
  // Without path.txt the installer never finished, whatever else is in dist/.
  if (!written) return { found: false, looked: pathFile }
  return candidate(join(packageDir, 'dist', name))
}

/** What running Electron's installer did: its exit status and the last thing it said on stderr. */
export interface InstallerRun {
  status: number | null
  stderr: string
}

export type Installer = (packageDir: string, env: NodeJS.ProcessEnv) => InstallerRun

/** Electron's own installer, in a child Node; a download that hangs is given up after a while. */
export const runElectronInstaller: Installer = (packageDir, env) => {
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 15 * 60_000,
  })
  const stderr = result.error ? String(result.error.message) : (result.stderr ?? '')
  return { status: result.error ? null : result.status, stderr }
}

export type EnsureResult = { ok: true; path: string } | { ok: false; message: string }

/** Finds Electron's binary, installing it once if need be; never throws. */
export function ensureElectron(
  packageDir: string,
  env: NodeJS.ProcessEnv,
  install: Installer = runElectronInstaller,
  platform: NodeJS.Platform = process.platform,
): EnsureResult {
  const before = findElectronBinary(packageDir, env, platform)
  if (before.found) return { ok: true, path: before.path }
  if (env.ELECTRON_EXEC_PATH || env.ELECTRON_OVERRIDE_DIST_PATH) {
    // The reader pointed at an Electron of their own: downloading another would not help.
    return { ok: false, message: notAtGivenPath(before.looked, env) }
  }
  const run = install(packageDir, env)
  const after = findElectronBinary(packageDir, env, platform)
  if (run.status === 0 && after.found) return { ok: true, path: after.path }
  return { ok: false, message: downloadFailed(installerReason(run), env) }
}

/** The installer's own explanation in one line: the last line of its stack's first message. */
export function installerReason(run: InstallerRun): string {
  const lines = run.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at '))
  const said = lines.find((l) => /error|fail|refused|ENOTFOUND|EAI_AGAIN|timed? ?out/i.test(l))
  const reason = (said ?? lines[0] ?? '').replace(/^(\w*Error|Error):\s*/, '')
  if (reason) return reason.length > 160 ? `${reason.slice(0, 157)}…` : reason
  return run.status === null ? 'the installer did not finish' : `exit status ${run.status}`
}

const ELECTRON_VERSION_HINT = 'an Electron of the same major version as node_modules/electron'

function downloadFailed(reason: string, env: NodeJS.ProcessEnv): string {
  const mirror = env.ELECTRON_MIRROR ? ` (from the mirror ${env.ELECTRON_MIRROR})` : ''
  return [
    'Lectern cannot start: Electron, the program it runs in, is not installed yet,',
    `and downloading it${mirror} failed: ${reason}.`,
    '',
    'Any one of these fixes it; then run the same command again:',
    '  - Connect to the network once. Electron (about 100 MB) is downloaded on the first',
    '    start only; after that Lectern starts and runs with no network at all.',
    `  - Use ${ELECTRON_VERSION_HINT} that you already have:`,
    '      ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start',
    '  - Download it from a mirror you can reach:',
    '      ELECTRON_MIRROR=https://your-mirror.example/electron/ npm start',
  ].join('\n')
}

function notAtGivenPath(looked: string, env: NodeJS.ProcessEnv): string {
  const variable = env.ELECTRON_EXEC_PATH ? 'ELECTRON_EXEC_PATH' : 'ELECTRON_OVERRIDE_DIST_PATH'
  return [
    `Lectern cannot start: ${variable} is set, but there is no Electron program at`,
    `  ${looked}`,
    '',
    `Point ${variable} at ${ELECTRON_VERSION_HINT} (for ELECTRON_OVERRIDE_DIST_PATH,`,
    'the folder holding the `electron` executable), or unset it to download Electron once.',
  ].join('\n')
}
