import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ensureElectron,
  findElectronBinary,
  installerReason,
  type Installer,
} from '../../../src/main/launcher/electronBinary'

const ROOT = join(import.meta.dirname, '..', '..', '..')

function fakePackage(): string {
  return mkdtempSync(join(tmpdir(), 'lectern-electron-pkg-'))
}

/** What Electron's installer leaves behind when it succeeds. */
function install(dir: string): void {
  mkdirSync(join(dir, 'dist'), { recursive: true })
  writeFileSync(join(dir, 'dist', 'electron'), '')
  writeFileSync(join(dir, 'path.txt'), 'electron')
}

const offline: Installer = () => ({
  status: 1,
  stderr: 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n',
})

describe('finding and installing Electron before electron-vite looks for it', () => {
  it('uses an installed binary without running the installer', () => {
    const dir = fakePackage()
    install(dir)
    let ran = 0
    const result = ensureElectron(dir, {}, () => (ran++, { status: 0, stderr: '' }), 'linux')
    expect(result).toEqual({ ok: true, path: join(dir, 'dist', 'electron') })
    expect(ran).toBe(0)
  })

  it('runs the installer once when path.txt is missing, and then finds the binary', () => {
    const dir = fakePackage()
    let ran = 0
    const result = ensureElectron(
      dir,
      {},
      (pkg) => (ran++, install(pkg), { status: 0, stderr: '' }),
      'linux',
    )
    expect(result).toEqual({ ok: true, path: join(dir, 'dist', 'electron') })
    expect(ran).toBe(1)
  })

  it('explains a failed download with what to do, never a bare error or a stack', () => {
    const result = ensureElectron(fakePackage(), {}, offline, 'linux')
    expect(result.ok).toBe(false)
    const message = result.ok ? '' : result.message
    expect(message).toMatch(/downloading it failed: fetch failed\./)
    expect(message).toMatch(/Connect to the network once/)
    expect(message).toMatch(/ELECTRON_OVERRIDE_DIST_PATH=/)
    expect(message).toMatch(/ELECTRON_MIRROR=/)
    expect(message).not.toMatch(/Electron uninstall|\n\s+at /)
  })

  it('treats an installer that claims success but left no binary as a failure', () => {
    const result = ensureElectron(fakePackage(), {}, () => ({ status: 0, stderr: '' }), 'linux')
    expect(result.ok).toBe(false)
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH and does not download when it points nowhere', () => {
    const dir = fakePackage()
    const own = mkdtempSync(join(tmpdir(), 'lectern-own-electron-'))
    writeFileSync(join(own, 'electron'), '')
    const never: Installer = () => {
      throw new Error('must not download')
    }
    expect(ensureElectron(dir, { ELECTRON_OVERRIDE_DIST_PATH: own }, never, 'linux')).toEqual({
      ok: true,
      path: join(own, 'electron'),
    })
    const missing = ensureElectron(
      dir,
      { ELECTRON_OVERRIDE_DIST_PATH: join(own, 'nope') },
      never,
      'linux',
    )
    expect(missing.ok).toBe(false)
    expect(missing.ok ? '' : missing.message).toMatch(/ELECTRON_OVERRIDE_DIST_PATH is set/)
  })

  it('names the executable per platform', () => {
    const dir = fakePackage()
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: '/x' }, 'darwin')).toEqual({
      found: false,
      looked: join('/x', 'Electron.app/Contents/MacOS/Electron'),
    })
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: '/x' }, 'win32')).toMatchObject({
      looked: join('/x', 'electron.exe'),
    })
  })

  it('reduces the installer output to one line', () => {
    expect(
      installerReason({ status: 1, stderr: 'RequestError: getaddrinfo ENOTFOUND host\n  at x' }),
    ).toBe('getaddrinfo ENOTFOUND host')
    expect(installerReason({ status: null, stderr: '' })).toBe('the installer did not finish')
  })
})

describe('npm start where Electron cannot be downloaded', () => {
  const installed = findElectronBinary(join(ROOT, 'node_modules', 'electron'), process.env)
  // Where Electron is installed `npm start` would really start it; this is about the other case.
  it.skipIf(installed.found)(
    'stops within seconds with the explanation and a non-zero exit',
    () => {
      const started = Date.now()
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'src/main/launcher/launch.ts'), 'start'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 60_000,
          // A mirror on a closed local port: the download fails at once, with or without network.
          env: {
            ...process.env,
            ELECTRON_MIRROR: 'http://127.0.0.1:9/',
            electron_config_cache: mkdtempSync(join(tmpdir(), 'lectern-electron-cache-')),
          },
        },
      )
      expect(run.status).toBe(1)
      expect(run.stderr).toMatch(/Lectern cannot start: Electron, the program it runs in/)
      expect(run.stderr).not.toMatch(/Electron uninstall/)
      expect(run.stdout).not.toMatch(/building|vite v\d/i) // stopped before building anything
      expect(Date.now() - started).toBeLessThan(30_000)
    },
  )
})
