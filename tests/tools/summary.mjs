// Adds up the unit and browser test reports into one closing line: "N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

const read = (path) => JSON.parse(readFileSync(path, 'utf8'))
const unit = read('test-reports/vitest.json')
const browser = read('test-reports/playwright.json').stats

const passed = unit.numPassedTests + browser.expected
const failed = unit.numFailedTests + browser.unexpected + browser.flaky
const skipped = unit.numPendingTests + unit.numTodoTests + browser.skipped
console.log(`\nunit: ${unit.numPassedTests} passed, browser: ${browser.expected} passed`)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exitCode = failed > 0 ? 1 : 0
