// Peer for the HTTP benchmark (ours, not the SDK's code), built like the seed this project
// replaced: the official TypeScript SDK (@modelcontextprotocol/sdk) serving an echo tool over
// stateless Streamable HTTP (as ts-echo-server.mjs), whose tool handler calls a Lambda function
// through the AWS SDK for JavaScript v3 (@aws-sdk/client-lambda InvokeCommand, one client per
// process) — here the same function host our local server uses. Both packages are installed by
// bench/run.sh into a temp folder at bench time.
// Usage: node ts-seed-path-server.mjs PORT LAMBDA_ENDPOINT FUNCTION_ARN
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { z } from 'zod';

const port = Number(process.argv[2]);
const endpoint = process.argv[3];
const functionArn = process.argv[4];

const lambda = new LambdaClient({
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 1,
});
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function newServer() {
  const server = new McpServer({ name: 'ts-sdk-seed-path', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes the message back', inputSchema: { message: z.string() } },
    async (args) => {
      // the event of DESIGN §3, as the orchestrator sends it
      const event = {
        args,
        extra: { tool: 'echo', principal: 'arn:aws:iam::000000000000:user/local' },
      };
      const out = await lambda.send(
        new InvokeCommand({
          FunctionName: functionArn,
          InvocationType: 'RequestResponse',
          Payload: encoder.encode(JSON.stringify(event)),
        }),
      );
      const result = JSON.parse(decoder.decode(out.Payload));
      if (out.FunctionError) {
        return { content: [{ type: 'text', text: result.errorMessage }], isError: true };
      }
      return result;
    },
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
  .listen(port, '127.0.0.1', () => console.log(`ts-sdk-seed-path listening on ${port}`));
