/**
 * Prints the PDF fixtures in tests/fixtures/import/pdf with Chromium: one column (serif
 * body, sans-serif headings), two columns (sans-serif, justified), each with a running
 * header, a footer and page numbers, and a scan: a page that is only a picture of text.
 * Run: npx tsx tests/tools/makePdfFixtures.ts (needs /usr/bin/chromium).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { BLOCKS, TITLE } from '../fixtures/import/pdf/source'

const OUT = join(import.meta.dirname, '../fixtures/import/pdf')

/** Soft hyphens inside long words, so lines break inside them. */
const shy = (s: string): string =>
  s.replace(
    /\p{L}{11,}/gu,
    (w) => w.slice(0, 5) + w.slice(5, -4).replace(/(\p{L}{3})/gu, '$1\u00ad') + w.slice(-4),
  )

function page(columns: boolean): string {
  const body = BLOCKS.map((b) =>
    b.type === 'heading' ? `<h${b.level}>${b.text}</h${b.level}>` : `<p>${shy(b.text)}</p>`,
  ).join('\n')
  const font = columns
    ? 'font: 10pt/1.35 "DejaVu Sans", sans-serif; text-align: justify'
    : 'font: 12pt/1.5 "DejaVu Serif", serif'
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${TITLE}</title><style>
body { ${font}; margin: 0 }
h1, h2, h3 { font-family: "DejaVu Sans", sans-serif; break-after: avoid }
h1 { font-size: 22pt } h2 { font-size: 15pt } h3 { font-size: ${columns ? 10 : 12}pt; font-weight: bold }
p { margin: 0 0 9pt }
.cols { ${columns ? 'columns: 2; column-gap: 22pt' : 'width: 300pt'} }
</style></head><body><h1>${TITLE}</h1><div class="cols">${body}</div></body></html>`
}

const header = `<div style="font:8px sans-serif;width:100%;margin:0 40px">${TITLE} · a test print</div>`
const footer =
  '<div style="font:8px sans-serif;width:100%;text-align:center"><span class="pageNumber"></span></div>'

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
})
try {
  const tab = await browser.newPage()
  for (const [name, columns, format] of [
    ['one-column.pdf', false, 'A5'],
    ['two-columns.pdf', true, 'A5'],
  ] as const) {
    await tab.setContent(page(columns))
    writeFileSync(
      join(OUT, name),
      await tab.pdf({
        format,
        displayHeaderFooter: true,
        headerTemplate: header,
        footerTemplate: footer,
        margin: { top: '56px', bottom: '56px', left: '40px', right: '40px' },
      }),
    )
  }
  // A scan: a picture of the first paragraphs, and nothing else on the page.
  await tab.setViewportSize({ width: 500, height: 300 })
  await tab.setContent(page(false))
  const picture = await tab.screenshot({ type: 'jpeg', quality: 40 })
  await tab.setContent(
    `<body style="margin:0"><img style="width:100%" src="data:image/jpeg;base64,${picture.toString('base64')}"></body>`,
  )
  writeFileSync(join(OUT, 'scanned.pdf'), await tab.pdf({ format: 'A6' }))
} finally {
  await browser.close()
}
