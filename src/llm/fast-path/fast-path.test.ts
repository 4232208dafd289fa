import { describe, expect, it } from 'vitest';
import { profileRows } from '../../analyst/fixtures/profile-rows.js';
import { paymentsTable } from '../../analyst/fixtures/sample-tables.js';
import { InsightxConfig } from '../../core/config.js';
import type { RunEventPayload } from '../../core/events.js';
import { createAgentModels } from '../create-agent-models.js';
import { decideFastPath } from './decide-fast-path.js';

const dna = profileRows([paymentsTable()]);
const remoteConfig = (raw: Record<string, unknown> = {}) =>
  InsightxConfig.parse({ models: { tiers: { light: 'bytez:Qwen/Qwen3-4B', heavy: 'bytez:Qwen/Qwen3-4B' } }, providers: { bytez: { keys: ['k1'] } }, ...raw });

describe('fast path', () => {
  it('is taken when the embedded analyst reads the question confidently', () => {
    const decision = decideFastPath({ question: 'How many payments are there?', dna, threshold: 0.65 });
    expect(decision.take).toBe(true);
    expect(decision.reason).toMatch(/^Fast path: .*without calling the remote model/);
  });

  it('is not taken for a question the analyst cannot read', () => {
    expect(decideFastPath({ question: 'What is the weather on Mars tomorrow?', dna, threshold: 0.65 }).take).toBe(false);
  });

  it('is never taken by default: no confidence reaches the 97 % precision it needs, so the configured model answers', () => {
    const run = { emit: () => undefined, question: 'How many payments are there?', dna };
    expect(createAgentModels(remoteConfig()).forAgent('sql', run)).toMatchObject({ id: 'bytez:Qwen/Qwen3-4B', local: false });
  });

  it('answers every agent of the run with the embedded analyst when a threshold is set, and the run says so once', () => {
    const events: RunEventPayload[] = [];
    const models = createAgentModels(remoteConfig({ fastPathConfidence: 0.65 }));
    const run = { emit: (event: RunEventPayload) => void events.push(event), question: 'How many payments are there?', dna };
    const router = models.forAgent('router', run);
    const sql = models.forAgent('sql', run);
    expect(router).toMatchObject({ id: 'local:analyst', local: true, fastPath: true });
    expect(sql).toMatchObject({ id: 'local:analyst', local: true, fastPath: true });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'thought-delta', agent: 'router', delta: expect.stringMatching(/^Fast path:/) });
  });

  it('is off with --no-fast-path (the run override) or fastPath: false in the configuration', () => {
    const run = { emit: () => undefined, question: 'How many payments are there?', dna };
    expect(createAgentModels(remoteConfig({ fastPathConfidence: 0.65 })).forAgent('sql', { ...run, fastPath: false })).toMatchObject({ id: 'bytez:Qwen/Qwen3-4B', local: false });
    expect(createAgentModels(remoteConfig({ fastPath: false, fastPathConfidence: 0.65 })).forAgent('sql', run)).toMatchObject({ id: 'bytez:Qwen/Qwen3-4B', local: false });
  });

  it('needs the question and the DNA: without them the configured model answers', () => {
    expect(createAgentModels(remoteConfig()).forAgent('sql', { emit: () => undefined })).toMatchObject({ local: false });
  });
});
