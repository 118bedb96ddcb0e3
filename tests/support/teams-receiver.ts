import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  bytes: number;
}

/**
 * A real HTTP server on loopback standing in for a Teams Workflows webhook: records every POST and
 * answers from a script (e.g. one 429 with Retry-After, then 202), 202 once the script runs out.
 */
export async function startTeamsReceiver(
  script: { status: number; headers?: Record<string, string> }[] = [],
): Promise<{ url: string; posts: ReceivedPost[]; stop(): Promise<void> }> {
  const posts: ReceivedPost[] = [];
  const answers = [...script];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      posts.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(raw.toString('utf8')),
        bytes: raw.length,
      });
      const answer = answers.shift() ?? { status: 202 };
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/workflows/contrail-alerts/triggers/manual/run`,
    posts,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The text of every TextBlock and fact of the posted Adaptive Card, and its action URLs. */
export function cardText(post: ReceivedPost): { text: string; urls: string[] } {
  const message = post.body as { attachments: { contentType: string; content: Record<string, unknown> }[] };
  const card = message.attachments[0]!.content as {
    body: { text?: string; facts?: { title: string; value: string }[] }[];
    actions: { url: string }[];
  };
  const text = card.body
    .map((b) => b.text ?? (b.facts ?? []).map((f) => `${f.title}: ${f.value}`).join('\n'))
    .join('\n');
  return { text, urls: card.actions.map((a) => a.url) };
}
