import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { main } from '../../../src/main/cli/run'
import { ROOT } from '../seedLibrary'

const exec = promisify(execFile)
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
      ['author', 'date', 'id', 'readingMinutes', 'source', 'title', 'words'].sort(),
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
      'paragraph',
      'score',
      'snippet',
      'title',
    ])
  })

  it('prints help', async () => {
    expect(await main(['--help'])).toMatch(/Usage: lectern <command>/)
  })
})

describe('lectern CLI (built, under plain Node)', () => {
  it('is built', () => expect(existsSync(BUILT_CLI), 'run `npm run build` first').toBe(true))

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
    [['search', 'x', '--limit', 'ten'], 2, 'lectern: --limit must be a whole number of 1 or more'],
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
