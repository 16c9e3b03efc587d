#!/usr/bin/env node
/** Entry point of the `lectern` command (see cli/run.ts). */
import { run } from './cli/run'

process.exitCode = await run(process.argv.slice(2))
