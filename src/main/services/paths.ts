/**
 * Where Lectern keeps its files. The default data folder is the one Electron's
 * `app.getPath('userData')` gives for an app named "Lectern", so the CLI and the app agree.
 */
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export const APP_NAME = 'Lectern'

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = homedir()
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME)
}

/** `--data-dir` wins, then `LECTERN_DATA_DIR`, then the platform's default. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = flag || env.LECTERN_DATA_DIR
  return chosen ? resolve(chosen) : defaultDataDir(process.platform, env)
}

/** Reads `--data-dir DIR` or `--data-dir=DIR` from a raw argument list (as Electron passes it). */
export function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--data-dir') return argv[i + 1]
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length)
  }
  return undefined
}

/**
 * This computer's own state (its device id for each data folder, the lock, window placement):
 * never inside the data folder, which a sync tool may share with other computers.
 */
export function defaultStateDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = homedir()
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), APP_NAME)
  if (platform === 'darwin')
    return join(home, 'Library', 'Application Support', `${APP_NAME} Local`)
  return join(env.XDG_STATE_HOME || join(home, '.local', 'state'), APP_NAME)
}

/** `--state-dir` wins, then `LECTERN_STATE_DIR`, then the platform's default. */
export function resolveStateDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = flag || env.LECTERN_STATE_DIR
  return chosen ? resolve(chosen) : defaultStateDir(process.platform, env)
}

/** Reads `--state-dir DIR` or `--state-dir=DIR` from a raw argument list. */
export function stateDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--state-dir') return argv[i + 1]
    if (arg.startsWith('--state-dir=')) return arg.slice('--state-dir='.length)
  }
  return undefined
}
