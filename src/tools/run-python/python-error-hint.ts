/** What the model should do after a failed `run_python` call, by error code. */
export function pythonErrorHint(code: string): string {
  switch (code) {
    case 'SANDBOX_CODE_ERROR':
      return 'Read the error and its line, fix the code (column names are those of df.columns) and call run_python again.';
    case 'SANDBOX_TIMEOUT':
    case 'SANDBOX_CPU_LIMIT':
      return 'The computation is too slow: aggregate first, avoid Python loops over rows, and try again.';
    case 'SANDBOX_MEMORY':
      return 'The computation needs too much memory: work on fewer columns or aggregated data.';
    case 'SANDBOX_OUTPUT_LIMIT':
      return 'Print less and return a small result (a summary or the top rows, not the whole frame).';
    case 'SANDBOX_PROCESS_LIMIT':
      return 'Do not start processes or threads; plain pandas, numpy and scipy are enough.';
    case 'SANDBOX_UNAVAILABLE':
      return 'Python is not available here: answer from the SQL result and say the statistics could not be computed.';
    default:
      return 'Answer from the SQL result and say the statistics could not be computed.';
  }
}
