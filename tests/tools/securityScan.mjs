// Runs Electronegativity over the built app (out/) and fails on any finding that is not
// listed here with the reason it does not apply. The README repeats these reasons.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'

const ELECTRON = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version
const REPORT = 'test-reports/electronegativity.sarif'

/** Findings that are reviewed and do not apply, by check id and file. */
const JUSTIFIED = {
  'CONTEXT_ISOLATION_JS_CHECK main/index.js':
    'contextIsolation: true is set in mainWindowOptions (security.ts); the scanner cannot follow the function call. tests/main/security.test.ts asserts it.',
  'SANDBOX_JS_CHECK main/index.js':
    'sandbox: true is set in mainWindowOptions (security.ts); the scanner cannot follow the function call. tests/main/security.test.ts asserts it.',
  'AUXCLICK_JS_CHECK main/index.js':
    "disableBlinkFeatures: 'Auxclick' is set in mainWindowOptions, and every new window is refused by the window-open handler.",
  'OPEN_EXTERNAL_JS_CHECK main/index.js':
    'shell.openExternal is reached only for http:, https: and mailto: links the reader clicks (isExternalLink, tested).',
  'PROTOCOL_HANDLER_JS_CHECK main/index.js':
    'lectern:// links are parsed strictly (an article id, a bookmark or note id, a paragraph number; anything else is refused, tested in lecternLink.test.ts) and only choose which article the window shows: nothing is loaded, navigated or run.',
  'CSP_GLOBAL_CHECK renderer/index.html':
    "LOW: the evaluator flags script-src 'self' in general; here 'self' is the app's own bundle under app://, which serves no user content or JSONP.",
}

mkdirSync('test-reports', { recursive: true })
execFileSync(
  process.execPath,
  ['tests/tools/electronegativity.cjs', '-i', 'out', '-r', '-e', ELECTRON, '-o', REPORT],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
)
// SARIF, not CSV: a finding's sample may span lines.
const { runs } = JSON.parse(readFileSync(REPORT, 'utf8'))
const findings = runs[0].results.map((r) => {
  const file = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '?'
  return { id: r.ruleId, severity: r.level, file, key: `${r.ruleId} ${file}` }
})
let unexpected = 0
for (const f of findings) {
  const reason = JUSTIFIED[f.key]
  if (!reason) unexpected++
  console.log(
    `${reason ? 'justified ' : 'UNEXPECTED'}  ${f.severity.padEnd(6)} ${f.key}${reason ? `\n            ${reason}` : ''}`,
  )
}
console.log(`electronegativity: ${findings.length} findings, ${unexpected} unexpected`)
process.exitCode = unexpected ? 1 : 0
