import { describe, expect, it } from 'vitest';
import { classifyKeyFailure, parseRetryAfter } from './classify-key-failure.js';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('which answers set a key aside', () => {
  it('OpenAI rate limit: rate-limited, with retry-after-ms', async () => {
    const response = json(429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after-ms': '1500' });
    expect(await classifyKeyFailure(response)).toEqual({ reason: 'rate-limited', message: 'Rate limit reached', status: 429, retryAfterMs: 1500 });
  });

  it('OpenAI insufficient_quota: quota-exhausted', async () => {
    const response = json(429, { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } });
    expect(await classifyKeyFailure(response)).toMatchObject({ reason: 'quota-exhausted', status: 429 });
  });

  it('Anthropic credit balance (a 400): quota-exhausted', async () => {
    const response = json(400, { type: 'error', error: { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API.' } });
    expect(await classifyKeyFailure(response)).toMatchObject({ reason: 'quota-exhausted', message: 'Your credit balance is too low to access the Anthropic API.' });
  });

  it('Anthropic 529 overloaded, 401 and 403', async () => {
    expect(await classifyKeyFailure(json(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, { 'retry-after': '2' }))).toMatchObject({ reason: 'overloaded', retryAfterMs: 2000 });
    expect(await classifyKeyFailure(json(401, { error: { message: 'bad key' } }))).toMatchObject({ reason: 'unauthorized' });
    expect(await classifyKeyFailure(json(403, { error: { message: 'no' } }))).toMatchObject({ reason: 'forbidden' });
  });

  it('leaves request mistakes and server errors to the SDK, with the body still readable', async () => {
    const badRequest = json(400, { error: { message: "Unknown parameter: 'foo'" } });
    expect(await classifyKeyFailure(badRequest)).toBeUndefined();
    expect(await badRequest.json()).toEqual({ error: { message: "Unknown parameter: 'foo'" } });
    expect(await classifyKeyFailure(json(500, { error: { message: 'boom' } }))).toBeUndefined();
  });

  it('reads retry-after as seconds or an HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }))).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000)).toBe(6000);
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });
});
