/** Finds Lectern's package folder (the one holding `seeds/`) from any file inside it. */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'lectern')
      return dir
    if (dirname(dir) === dir)
      throw new Error(`Lectern's package folder was not found above ${from}`)
  }
}
