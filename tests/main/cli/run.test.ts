import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { main } from '../../../src/main/cli/run'
import { openLectern } from '../../../src/main/lectern'
import { ROOT } from '../seedLibrary'

const exec = promisify(execFile)
/** For tests that run the built command a dozen times: Node processes, slow on a busy machine. */
const SPAWNS = 90_000
const BUILT_CLI = join(ROOT, 'out/main/cli.js')

/** Runs the built `lectern` command as a person would, under plain Node. */
async function lectern(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BUILT_CLI, ...args], {
      env: { ...process.env, LECTERN_DATA_DIR: '' },
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('lectern CLI (in process)', () => {
  it('lists articles as JSON with the documented fields', async () => {
    const list = JSON.parse(await main(['list', '--json'])) as Record<string, unknown>[]
    expect(list).toHaveLength(5)
    expect(Object.keys(list[2]!).sort()).toEqual(
      ['author', 'date', 'id', 'origin', 'readingMinutes', 'source', 'title', 'words'].sort(),
    )
  })

  it('shows an article with its paragraphs', async () => {
    const a = JSON.parse(await main(['show', '002_dac4dfd4f164a684', '--json'])) as {
      paragraphs: string[]
    }
    expect(a.paragraphs).toHaveLength(21)
    const text = await main(['show', '002_dac4dfd4f164a684'])
    expect(text.split('\n')[0]).toBe('Broader Look at Russia-Israel Partnership')
    expect(text).toContain('Akhmet Makhmoudov · Crescent International · 2020-04-01')
  })

  it('searches with ranked hits and a limit', async () => {
    const hits = JSON.parse(
      await main(['search', 'encrypted', 'telephone', '--json', '--limit', '3']),
    ) as {
      articleId: string
      paragraph: number
      score: number
      snippet: string
      title: string
    }[]
    expect(hits.length).toBeLessThanOrEqual(3)
    expect(hits[0]).toMatchObject({ articleId: '004_02c1bed588b60a46', paragraph: 15 })
    expect(Object.keys(hits[0]!).sort()).toEqual([
      'articleId',
      'kind',
      'paragraph',
      'score',
      'snippet',
      'title',
    ])
  })

  it('says which words it searched for when it corrected one that matches nothing', async () => {
    const corrected = await main(['search', 'Netanyahoo', '--limit', '2'])
    const lines = corrected.split('\n')
    expect(lines[0]).toBe('Showing results for "Netanyahu".')
    expect(lines[1]).toMatch(/^\S+ ¶\d+ {2}\d/)
    // Words the library has are searched as typed, and nothing is announced.
    const asTyped = await main(['search', 'Netanyahu', '--limit', '2'])
    expect(asTyped).not.toContain('Showing results for')
    expect(asTyped.split('\n').slice(0, 4)).toEqual(lines.slice(1, 5))
  })

  it('prints help', async () => {
    expect(await main(['--help'])).toMatch(/Usage: lectern <command>/)
  })
})

describe('lectern CLI (built, under plain Node)', () => {
  it('is built', () => expect(existsSync(BUILT_CLI), 'run `npm run build` first').toBe(true))

  it('finishes quietly when its reader stops reading early (`| head`)', async () => {
    // A PDF's JSON four times (320 KB): more than a pipe holds, so writes follow the reader's going.
    const pdf = join(ROOT, 'tests/fixtures/import/pdf/shared-mime-info-spec.pdf')
    const child = spawn(process.execPath, [BUILT_CLI, 'extract', '--json', pdf, pdf, pdf, pdf], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })

  it('lists, shows and searches', async () => {
    const list = await lectern('list')
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('000_ba4c929e0bb2f9d7  Israel Remains Putin’s ‘Partner!’')
    const search = await lectern('search', 'crocodile tears', '--data-dir', '/tmp/lectern-cli-test')
    expect(search.code).toBe(0)
    expect(search.stdout).toMatch(/^000_ba4c929e0bb2f9d7 ¶5 /)
  })

  it.each([
    [['show', 'no-such-id'], 1, 'lectern: No article with id "no-such-id".'],
    [['show'], 2, 'lectern: show needs exactly one article id'],
    [['frobnicate'], 2, 'lectern: unknown command "frobnicate"; try "lectern --help"'],
    [['search', 'x', '--limit', 'ten'], 2, 'lectern: --limit must be a whole number, got "ten"'],
    [['list', '--bogus'], 2, "lectern: Unknown option '--bogus'"],
    [[], 2, 'lectern: missing command; try "lectern --help"'],
  ])('fails clearly: %j', async (args, code, message) => {
    const r = await lectern(...args)
    expect(r.code).toBe(code)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain(message)
  })
})

describe('lectern CLI: bookmarks and notes', { timeout: SPAWNS }, () => {
  const ID = '004_02c1bed588b60a46'

  it('adds a bookmark, lists it, adds a note, deletes, all durable in --data-dir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-cli-'))
    const p15 = (JSON.parse(await main(['show', ID, '--json'])) as { paragraphs: string[] })
      .paragraphs[15]!
    const start = p15.indexOf('“encrypted')
    const end = p15.indexOf('line”') + 'line”'.length
    const add = await lectern(
      'bookmark',
      'add',
      ID,
      '--paragraph',
      '15',
      '--start',
      String(start),
      '--end',
      String(end),
      '--color',
      'evidence',
      '--tag',
      'phone',
      '--tag',
      'secrecy',
      '--note',
      'direct line',
      '--json',
      '--data-dir',
      dir,
    )
    expect(add.stderr).toBe('')
    expect(add.code).toBe(0)
    const bookmark = JSON.parse(add.stdout) as {
      id: string
      color: string
      tags: string[]
      anchor: { quote: { exact: string } }
    }
    expect(bookmark).toMatchObject({ color: 'blue', tags: ['phone', 'secrecy'] })
    expect(bookmark.anchor.quote.exact).toBe('“encrypted telephone line”')
    const onDisk = JSON.parse(await readFile(join(dir, 'lectern.json'), 'utf8')) as {
      bookmarks: { id: string }[]
    }
    expect(onDisk.bookmarks.map((b) => b.id)).toEqual([bookmark.id])

    const whole = JSON.parse(
      (await lectern('bookmark', 'add', ID, '--paragraph', '0', '--json', '--data-dir', dir))
        .stdout,
    ) as {
      anchor: { position: { start: number; end: number } }
    }
    expect(whole.anchor.position.start).toBe(0)

    const list = await lectern('bookmarks', '--article', ID, '--data-dir', dir)
    expect(list.stdout).toContain('“encrypted telephone line”')
    expect(list.stdout).toContain('blue (evidence)  #phone #secrecy')

    const note = await lectern(
      'note',
      'add',
      ID,
      '--text',
      'Whole-article thought',
      '--data-dir',
      dir,
      '--json',
    )
    const noteId = (JSON.parse(note.stdout) as { id: string }).id
    expect((await lectern('notes', '--data-dir', dir)).stdout).toContain('Whole-article thought')

    const del = await lectern('delete', noteId, '--data-dir', dir)
    expect(del.stdout).toBe(`Moved note ${noteId} to the trash.\n`)
    expect((await lectern('notes', '--data-dir', dir, '--json')).stdout.trim()).toBe('[]')

    const search = JSON.parse(
      (await lectern('search', 'secrecy', '--json', '--data-dir', dir)).stdout,
    ) as { kind: string }[]
    expect(search[0]?.kind).toBe('bookmark')
  })

  it.each([
    [['bookmark', 'add', ID, '--paragraph', '99'], 1, 'has paragraphs 0 to 21, not 99'],
    [['bookmark', 'add', 'nope', '--paragraph', '1'], 1, 'No article with id "nope"'],
    [
      ['bookmark', 'add', ID, '--paragraph', '1', '--start', '5', '--end', '2'],
      1,
      'the passage must end after it starts',
    ],
    [['bookmark', 'add', ID, '--paragraph', '1', '--start', '5'], 2, 'give both --start and --end'],
    [['bookmark', 'add', ID, '--paragraph', 'two'], 2, '--paragraph must be a whole number'],
    [['bookmark', 'add', ID, '--paragraph', '1', '--color', 'mauve'], 2, 'unknown colour "mauve"'],
    [['bookmark', 'add', ID], 2, 'bookmark add needs --paragraph N'],
    [['note', 'add', ID], 2, 'note add needs --text TEXT'],
    [['delete', 'no-such'], 1, 'No bookmark or note with id "no-such"'],
  ])('fails clearly and writes nothing: %j', async (args, code, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-cli-bad-'))
    const r = await lectern(...args, '--data-dir', dir)
    expect(r.stderr).toContain(message)
    expect(r.code).toBe(code)
    expect(await readFile(join(dir, 'lectern.json'), 'utf8').catch(() => 'absent')).toBe('absent')
  })

  it('refuses to write while the app (or another command) holds the data folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-cli-locked-'))
    const app = await openLectern({ seedsDir: join(ROOT, 'seeds'), dataDir: dir, version: 'test' })
    try {
      const r = await lectern('note', 'add', ID, '--text', 'x', '--data-dir', dir)
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/^lectern: Another Lectern is using .* \(process \d+\)/)
      // Reading is still fine.
      expect((await lectern('bookmarks', '--data-dir', dir)).code).toBe(0)
    } finally {
      await app.close()
    }
    expect((await lectern('note', 'add', ID, '--text', 'x', '--data-dir', dir)).code).toBe(0)
  })
})

describe('lectern CLI: export, backup, restore', { timeout: SPAWNS }, () => {
  const ID = '004_02c1bed588b60a46'

  it('exports Markdown, backs up, and restores into another data folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-cli-export-'))
    expect(
      (
        await lectern(
          'bookmark',
          'add',
          ID,
          '--paragraph',
          '3',
          '--note',
          'see **this**',
          '--data-dir',
          dir,
        )
      ).code,
    ).toBe(0)
    expect(
      (await lectern('note', 'add', '000_ba4c929e0bb2f9d7', '--text', 'overall', '--data-dir', dir))
        .code,
    ).toBe(0)

    const folder = join(dir, 'md')
    const all = await lectern('export', '--out', folder, '--no-timestamp', '--data-dir', dir)
    expect(all.stdout).toBe(`Exported 2 files to ${folder}\n`)
    const names = (await readdir(folder)).sort()
    expect(names).toHaveLength(2)
    const first = await readFile(join(folder, names[1]!), 'utf8')
    expect(first).toMatch(/^---\ntitle: The Close Relations between Putin and Zionism\n/)
    expect(first).not.toContain('exported:')
    expect(first).toContain('> [!note]\n> see **this**')
    // Again into the same folder, without the flag that is now the default: the same bytes.
    await lectern('export', '--out', folder, '--data-dir', dir)
    expect((await readdir(folder)).sort()).toEqual(names)
    expect(await readFile(join(folder, names[1]!), 'utf8')).toBe(first)

    const single = join(dir, 'all.md')
    expect(
      (await lectern('export', '--out', single, '--single', '--timestamp', '--data-dir', dir)).code,
    ).toBe(0)
    expect(await readFile(single, 'utf8')).toMatch(/^---\ntitle: Lectern notes\nexported: \d{4}-/)
    const one = join(dir, 'one.md')
    expect((await lectern('export', '--out', one, '--article', ID, '--data-dir', dir)).code).toBe(0)
    expect(await readFile(one, 'utf8')).toContain('article_id: 004_02c1bed588b60a46')

    const backup = join(dir, 'backup.json')
    expect((await lectern('backup', '--out', backup, '--data-dir', dir)).stdout).toBe(
      `Backed up to ${backup}\n`,
    )
    const other = await mkdtemp(join(tmpdir(), 'lectern-cli-restore-'))
    const restored = await lectern('restore', backup, '--data-dir', other)
    expect(restored.stdout).toMatch(/^Restored: 2 added, 0 updated, 0 already here/)
    expect((await lectern('restore', backup, '--data-dir', other, '--json')).stdout).toContain(
      '"added": 0',
    )
    expect(
      JSON.parse((await lectern('bookmarks', '--json', '--data-dir', other)).stdout),
    ).toHaveLength(1)
  })

  it.each([
    [['export'], 2, 'export needs --out PATH'],
    [
      ['export', '--out', '/tmp/x', '--single', '--article', 'a'],
      2,
      'give --article or --single, not both',
    ],
    [['export', '--out', '/tmp/x.md', '--article', 'nope'], 1, 'No article with id "nope"'],
    [['backup'], 2, 'backup needs --out FILE'],
    [['restore'], 2, 'restore needs exactly one backup file'],
    [['restore', '/no/such/backup.json'], 1, 'Could not read /no/such/backup.json'],
  ])('fails clearly: %j', async (args, code, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-cli-export-bad-'))
    const r = await lectern(...args, '--data-dir', dir)
    expect(r.stderr).toContain(message)
    expect(r.code).toBe(code)
  })
})
