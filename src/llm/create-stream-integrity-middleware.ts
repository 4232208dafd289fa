import type { LanguageModelV3Middleware, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { AppError } from '../core/app-error.js';

/**
 * Turns a remote stream that breaks off into `LLM_STREAM_BROKEN`, so the run ends with a clear
 * error instead of a half answer that looks complete. Two ways a stream breaks:
 * - the connection drops mid-body: reading the stream throws;
 * - the body ends before the provider's last event (`[DONE]`, `response.completed`,
 *   `message_stop`): the SDK still closes with a `finish` part, but with no finish reason from
 *   the provider (`raw` null or undefined, `unified` 'other') — a complete answer always has one — or,
 *   for OpenAI-compatible endpoints, with its own "ended without a finish reason" error part,
 *   or, for Anthropic, with no `finish` part at all.
 * The error is put into the stream as an `error` part and the stream ends there.
 */
export function createStreamIntegrityMiddleware(provider: string): LanguageModelV3Middleware {
  return {
    specificationVersion: 'v3',
    wrapStream: async ({ doStream, params }) => {
      const { stream, ...rest } = await doStream();
      const reader = stream.getReader();
      let finished = false;
      const broken = (cause?: unknown): AppError =>
        new AppError('LLM_STREAM_BROKEN', `The ${provider} stream ended before the answer was complete; nothing from it was kept.`, {
          details: { provider },
          cause,
        });
      const guarded = new ReadableStream<LanguageModelV3StreamPart>({
        async pull(controller) {
          let next: Awaited<ReturnType<typeof reader.read>>;
          try {
            next = await reader.read();
          } catch (error) {
            if (params.abortSignal?.aborted) {
              controller.error(error);
              return;
            }
            controller.enqueue({ type: 'error', error: broken(error) });
            controller.close();
            return;
          }
          if (next.done) {
            // Anthropic's provider closes without any `finish` part when `message_stop` never came.
            if (!finished) controller.enqueue({ type: 'error', error: broken() });
            controller.close();
            return;
          }
          const part = next.value;
          if (part.type === 'finish') finished = true;
          // The OpenAI-compatible provider notices a missing finish reason itself and says so in an error part.
          if (part.type === 'error' && /ended without a finish reason/i.test(String((part.error as { message?: unknown })?.message ?? ''))) {
            controller.enqueue({ type: 'error', error: broken(part.error) });
            return;
          }
          if (part.type === 'finish' && part.finishReason.unified === 'other' && part.finishReason.raw == null) {
            controller.enqueue({ type: 'error', error: broken() });
            controller.enqueue({ ...part, finishReason: { unified: 'error', raw: 'stream-broken' } });
            controller.close();
            await reader.cancel().catch(() => undefined);
            return;
          }
          controller.enqueue(part);
        },
        async cancel(reason) {
          await reader.cancel(reason);
        },
      });
      return { stream: guarded, ...rest };
    },
  };
}
