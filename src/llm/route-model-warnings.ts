/** A warning the AI SDK reports for a model call (unsupported setting, compatibility mode…). */
interface ModelWarning {
  type: string;
  feature?: string;
  details?: string;
  message?: string;
}

/**
 * Sends the AI SDK's model warnings to `write` (stderr, a logger) instead of the SDK's default
 * `console.info`/`console.warn`, which would mix them into stdout, where `insightx ask --json`
 * prints exactly one JSON object. The SDK reads one process-wide setting, so the composition
 * root calls this once.
 */
export function routeModelWarnings(write: (line: string) => void): void {
  (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = (options: { warnings: ModelWarning[]; provider: string; model: string }) => {
    for (const warning of options.warnings) {
      const text = warning.message ?? `${warning.feature ?? warning.type} is not supported${warning.details ? `: ${warning.details}` : ''}`;
      write(`model warning (${options.provider} ${options.model}): ${text}\n`);
    }
  };
}
