/**
 * A Python string literal for a column name. JSON string syntax is valid Python (quotes,
 * backslashes and \uXXXX escapes), so a name with quotes or newlines cannot break the code.
 */
export function pythonString(value: string): string {
  return JSON.stringify(value);
}
