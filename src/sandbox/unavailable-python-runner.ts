import { AppError } from '../core/app-error.js';
import type { PythonAvailability, PythonRunner } from './python-runner.js';

/**
 * The runner the pipeline gets when Python cannot run here (or in tests of the SQL-only
 * fallback): `detect()` reports why, `run()` rejects with `SANDBOX_UNAVAILABLE`.
 */
export function createUnavailablePythonRunner(availability: Omit<PythonAvailability, 'available'> = { missing: ['python3'], message: 'Python analysis is off.' }): PythonRunner {
  const report: PythonAvailability = { ...availability, available: false };
  return {
    async detect() {
      return report;
    },
    async run() {
      throw new AppError('SANDBOX_UNAVAILABLE', report.message, { details: { missing: report.missing } });
    },
  };
}
