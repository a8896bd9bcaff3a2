// Peer for the HTTP benchmark (ours, not the SDK's code): the official TypeScript SDK
// (@modelcontextprotocol/sdk, installed by bench/run.sh into a temp folder at bench time) serving
// an echo tool over stateless Streamable HTTP, as the SDK documents it: a fresh server and
// transport per request, sessionIdGenerator undefined, JSON responses.
// Usage: node ts-echo-server.mjs PORT   (serves POST /mcp on 127.0.0.1)
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const port = Number(process.argv[2]);

function newServer() {
  const server = new McpServer({ name: 'ts-sdk-echo', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes the message back', inputSchema: { message: z.string() } },
    async ({ message }) => ({
      content: [{ type: 'text', text: message }],
      structuredContent: { message },
    }),
  );
  return server;
}

http
  .createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url.startsWith('/mcp')) {
      res.writeHead(405).end();
      return;
    }
    const chunks = [];
    for await (const c of req) chunks.push(c);
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const server = newServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      transport.close();
      server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500).end();
    }
  })
  .listen(port, '127.0.0.1', () => console.log(`ts-sdk-echo listening on ${port}`));
