import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

/** Every file under a folder with its content hash: to see that nothing else changed. */
export async function fingerprint(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = join(d, e.name)
      if (e.isDirectory()) await walk(full)
      else
        out.set(
          relative(dir, full),
          createHash('sha256')
            .update(await readFile(full))
            .digest('hex'),
        )
    }
  }
  await walk(dir)
  return out
}
