import { OutboundError, classifyNetworkError } from './outbound-errors.js';

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** What is used of undici's body stream (its own ReadableStream type, not the global one). */
interface SourceBody {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> };
  cancel(): Promise<void>;
}

/**
 * The remote's answer as a standard Response whose body stops with OutboundError 'too-large' past
 * `maxBytes`, and whose read errors (timeout, reset) are classified like the request's.
 */
export function cappedResponse(
  answer: { status: number; statusText: string; headers: Iterable<[string, string]>; body: SourceBody | null },
  options: { maxBytes: number; url: URL; redirected: boolean; signals: { timeout: AbortSignal; caller?: AbortSignal } },
): Response {
  if (answer.status < 200 || answer.status > 599) throw new OutboundError('unreachable', 'the answer was not valid HTTP');
  const source = NULL_BODY_STATUSES.has(answer.status) ? null : answer.body;
  let body: ReadableStream<Uint8Array> | null = null;
  if (source) {
    const reader = source.getReader();
    let total = 0;
    body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let chunk: { done: boolean; value?: Uint8Array };
        try {
          chunk = await reader.read();
        } catch (err) {
          controller.error(classifyNetworkError(err, options.signals));
          return;
        }
        if (chunk.done || !chunk.value) {
          controller.close();
          return;
        }
        total += chunk.value.byteLength;
        if (total > options.maxBytes) {
          controller.error(new OutboundError('too-large', `the answer is larger than ${options.maxBytes} bytes`));
          reader.cancel().catch(() => {});
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
  } else {
    answer.body?.cancel().catch(() => {});
  }
  const response = new Response(body, { status: answer.status, statusText: answer.statusText, headers: [...answer.headers] });
  Object.defineProperty(response, 'url', { value: options.url.href });
  Object.defineProperty(response, 'redirected', { value: options.redirected });
  return response;
}
