import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/main/**/*.test.ts', 'tests/shared/**/*.test.ts'],
    environment: 'node',
    // Device ids and locks of the folders tests make stay out of the real state folder.
    env: { LECTERN_STATE_DIR: join(tmpdir(), 'lectern-test-state') },
    testTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-reports/vitest.json' },
  },
})
