#!/usr/bin/env node
/** Entry point of the `lectern` command (see cli/run.ts). */
import { run } from './cli/run'

// Output piped into a reader that stops early (`lectern extract … | head`) is no error: the
// command finishes its work quietly, its remaining output unread, rather than dying mid-way.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error
})

process.exitCode = await run(process.argv.slice(2))
