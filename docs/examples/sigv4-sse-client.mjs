// A SigV4-signed client for the legacy SSE transport (GET /sse + POST /message) of mcp-lambda.
//
//   npm install eventsource@5 aws4@1       (eventsource 5 needs Node.js >= 22.12)
//   export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... [AWS_SESSION_TOKEN=...]
//   node sigv4-sse-client.mjs https://<url-id>.lambda-url.us-east-1.on.aws/
//
// Every HTTP request is signed for service "lambda". EventSource calls the fetch function below for the
// first connection and for every reconnection, so each attempt gets a fresh signature (SigV4 signatures
// expire after 5 minutes, and the server ends each stream before the Lambda timeout).
import {EventSource} from 'eventsource'
import aws4 from 'aws4'

const base = new URL(process.argv[2] ?? process.env.MCP_URL)
const region = process.env.AWS_REGION ?? 'us-east-1'
const credentials = {
  accessKeyId: process.env.AWS_ACCESS_KEY_ID,
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  sessionToken: process.env.AWS_SESSION_TOKEN,
}

/** fetch() with a SigV4 signature over method, host, path, query and body. */
function signedFetch(input, init = {}) {
  const url = new URL(input)
  const signed = aws4.sign(
    {
      service: 'lambda',
      region,
      method: init.method ?? 'GET',
      host: url.host,
      path: url.pathname + url.search,
      body: init.body,
      headers: {...(init.body ? {'content-type': 'application/json'} : {})},
    },
    credentials,
  )
  const {Host, host, ...headers} = signed.headers // fetch sets Host itself
  return fetch(url, {...init, headers: {...Object.fromEntries(new Headers(init.headers)), ...headers}})
}

const es = new EventSource(new URL('sse', base), {fetch: signedFetch})

// 2024-11-05 transport: the first event names the URL to POST JSON-RPC messages to.
es.addEventListener('endpoint', async (event) => {
  const messages = new URL(event.data, base)
  const post = (body) =>
    signedFetch(messages, {method: 'POST', body: JSON.stringify(body)}).then((r) => {
      if (r.status !== 202) throw new Error(`POST ${messages.pathname} answered ${r.status}`)
    })
  await post({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {protocolVersion: '2024-11-05', capabilities: {}, clientInfo: {name: 'sigv4-sse-client', version: '1.0.0'}},
  })
  await post({jsonrpc: '2.0', method: 'notifications/initialized'})
  await post({jsonrpc: '2.0', id: 2, method: 'tools/list', params: {}})
})

// Replies to the POSTs arrive on the stream as "message" events.
es.addEventListener('message', (event) => {
  const reply = JSON.parse(event.data)
  console.log(JSON.stringify(reply, null, 2))
  if (reply.id === 2) es.close()
})

es.addEventListener('error', (event) => console.error('SSE error', event.code ?? '', event.message ?? ''))
