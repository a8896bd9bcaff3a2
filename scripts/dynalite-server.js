#!/usr/bin/env node
// Starts dynalite (the DynamoDB-API test server from node_modules) like its own cli.js does, but keeps it
// alive when a client drops a connection in the middle of a request: dynalite 4's request handler rethrows
// the socket's "aborted" error (ECONNRESET), which otherwise ends the whole process and with it every
// later test that shares the server. A dropped request has no one left to answer, so ignoring it is safe;
// any other uncaught error still ends the process with its stack trace.
'use strict'
const args = process.argv.slice(2)
const opt = {}
for (let i = 0; i < args.length; i += 2) {
  if (!args[i].startsWith('--') || args[i + 1] === undefined) {
    console.error('usage: dynalite-server.js [--host H] [--port P] [--createTableMs N] ...')
    process.exit(2)
  }
  const v = args[i + 1]
  opt[args[i].slice(2)] = /^[0-9]+$/.test(v) ? Number(v) : v
}
let dropped = 0
process.on('uncaughtException', (err) => {
  if (err && (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.message === 'aborted')) {
    dropped++
    console.log('client dropped a request mid-flight (%s); %d so far', err.code || err.message, dropped)
    return
  }
  console.error(err)
  process.exit(1)
})
const server = require('dynalite')(opt).listen(opt.port || 4567, opt.host, () => {
  const a = server.address()
  console.log('Dynalite listening at: http://%s:%s', opt.host || 'localhost', a.port)
})
