/** Serves the built renderer with the real services for a person to try in a browser. */
import { startTestHost } from './testHost'

const host = await startTestHost({ dataDir: process.env.LECTERN_DATA_DIR })
console.log(`Lectern test host on ${host.url} (data in ${host.dataDir})`)
