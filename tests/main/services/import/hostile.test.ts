import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportService } from '../../../../src/main/services/import/importService'
import { blocksToText, ImportError } from '../../../../src/main/services/import/types'

const service = new ImportService({ timeoutMs: 120_000 })
afterAll(() => service.close())

const failure = async (p: Promise<unknown>): Promise<ImportError> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ImportError)
  return err as ImportError
}

describe('hostile input', { timeout: 120_000 }, () => {
  it('refuses a binary file named .html', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-import-'))
    const file = join(dir, 'photo.html')
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    await writeFile(file, Buffer.concat([png, Buffer.alloc(2000, 7)]))
    const err = await failure(service.extractFile(file))
    expect(err.reason).toBe('wrong-format')
    expect(err.message).toMatch(/^not HTML despite its name/)
  })

  it('refuses a 60 MB page before reading it, with the limit in the message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-import-'))
    const file = join(dir, 'huge.html')
    const para = `<p>${'words '.repeat(200)}</p>\n`
    await writeFile(
      file,
      `<html><body>${para.repeat(Math.ceil((60 * 1024 * 1024) / para.length))}</body></html>`,
    )
    const err = await failure(service.extractFile(file))
    expect(err.reason).toBe('too-large')
    expect(err.message).toBe('over 50 MB: the file is 60 MB')
  })

  it('reads 100 000 nested <div>s without running out of stack', async () => {
    const depth = 100_000
    const html = `<html><body>${'<div>'.repeat(depth)}<p>${'Deep down there is still a sentence worth reading. '.repeat(6)}</p>${'</div>'.repeat(depth)}</body></html>`
    const a = await service.extractBytes('deep.html', new TextEncoder().encode(html))
    expect(blocksToText(a.blocks)).toContain('Deep down there is still a sentence worth reading.')
  })

  it('reads invalid UTF-8 as text, replacing only the broken bytes', async () => {
    const head = Buffer.from(
      `<html><head><meta charset="utf-8"><title>Broken bytes</title></head><body><article><p>${'Café society met on Tuesdays to argue about books and weather. '.repeat(5)}`,
    )
    const a = await service.extractBytes(
      'broken.html',
      Buffer.concat([
        head,
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from(' and then it went on.</p></article></body></html>'),
      ]),
    )
    const body = blocksToText(a.blocks)
    expect(body).toContain('Café society met on Tuesdays')
    expect(body).toContain('\ufffd')
    expect(body).toContain('and then it went on.')
  })

  it('never keeps scripts, styles, iframes or forms of a page', async () => {
    const html = `<html><head><title>Quiet page</title><meta http-equiv="refresh" content="0;url=https://evil.example/"><style>p{background:url(https://evil.example/x.png)}</style></head>
      <body onload="alert(1)"><article><p onclick="steal()">${'A calm paragraph about nothing in particular, written to be long enough to read. '.repeat(4)}</p>
      <script>document.write('INJECTED')</script><iframe src="https://evil.example/frame">IFRAME TEXT</iframe>
      <form action="https://evil.example/post"><input value="FORM VALUE"><button>SUBMIT</button></form>
      <img src="https://evil.example/track.gif" alt="tracker"></article></body></html>`
    const a = await service.extractBytes('quiet.html', new TextEncoder().encode(html))
    const json = JSON.stringify(a)
    for (const bad of [
      'INJECTED',
      'IFRAME TEXT',
      'FORM VALUE',
      'SUBMIT',
      'alert(1)',
      'steal()',
      'background',
    ])
      expect(json).not.toContain(bad)
    // A picture on the web is referred to, never fetched.
    expect(a.blocks).toContainEqual({
      type: 'image',
      alt: 'tracker',
      src: 'https://evil.example/track.gif',
      origin: 'web',
    })
  })

  it('fails one page that runs over the time limit and goes on with the next', async () => {
    const slow = new ImportService({ timeoutMs: 1 })
    try {
      const html = new TextEncoder().encode(
        `<html><body><p>${'text '.repeat(50_000)}</p></body></html>`,
      )
      const err = await failure(slow.extractBytes('slow.html', html))
      expect(err.reason).toBe('timeout')
    } finally {
      await slow.close()
    }
    const a = await service.extractBytes(
      'next.html',
      new TextEncoder().encode(
        `<html><body><p>${'The next page still reads fine after that. '.repeat(5)}</p></body></html>`,
      ),
    )
    expect(blocksToText(a.blocks)).toContain('The next page still reads fine')
  })

  it('says a file is empty, and names what it cannot read', async () => {
    expect((await failure(service.extractBytes('empty.html', new Uint8Array()))).reason).toBe(
      'empty',
    )
    expect(
      (await failure(service.extractBytes('slides.pptx', new Uint8Array([80, 75, 3, 4])))).message,
    ).toMatch(/^unsupported: Lectern reads \.html/)
    expect((await failure(service.extractFile('/nonexistent/page.html'))).message).toBe(
      'unreadable: no such file',
    )
  })
})
