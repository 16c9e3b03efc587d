// Runs Electronegativity with the network cut off. Left alone it fetches translations and
// Electron's release list on every run; here `got` fails at once, so nothing leaves the machine.
const Module = require('node:module')

const load = Module._load
Module._load = function (request, ...rest) {
  if (request === 'got') return () => Promise.reject(new Error('offline: no network in this run'))
  return load.call(this, request, ...rest)
}
require('@doyensec/electronegativity/dist/index.js')
