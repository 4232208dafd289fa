/**
 * The one registry of error codes. Every code has an entry in docs/errors.md
 * (a test fails when one is missing). Codes are DOMAIN_REASON.
 */
export type ErrorCategory = 'user' | 'system' | 'third_party';

export interface ErrorCodeInfo {
  category: ErrorCategory;
  httpStatus: number;
  retryable: boolean;
  /** One line for people: what it means. */
  summary: string;
}

const user = (httpStatus: number, summary: string): ErrorCodeInfo => ({ category: 'user', httpStatus, retryable: false, summary });
const system = (summary: string, retryable = false): ErrorCodeInfo => ({ category: 'system', httpStatus: 500, retryable, summary });
const thirdParty = (httpStatus: number, summary: string, retryable = true): ErrorCodeInfo => ({ category: 'third_party', httpStatus, retryable, summary });

export const ERROR_CODES = {
  // input and configuration
  INPUT_INVALID: user(400, 'The request or command input is not valid.'),
  INPUT_EMPTY_QUESTION: user(400, 'The question is empty.'),
  CONFIG_INVALID: user(400, 'The configuration file or environment has a mistake.'),
  NOT_FOUND: user(404, 'The thing asked for does not exist (or is not yours).'),
  // datasources and connectors
  DATASOURCE_NOT_FOUND: user(404, 'No datasource with that name or path.'),
  DATASOURCE_UNREADABLE: user(400, 'The datasource file cannot be opened or read.'),
  DATASOURCE_UNSUPPORTED: user(400, 'That kind of file or connection is not supported.'),
  DATASOURCE_PATH_NOT_ALLOWED: user(403, 'The file is outside the folders a workspace may register files from.'),
  DATASOURCE_NAME_TAKEN: user(409, 'The workspace or the configuration already has a datasource of that name.'),
  DATASOURCE_TOO_LARGE: user(413, 'The file holds more rows or columns than a registered file may.'),
  DATASOURCE_LOAD_TIMEOUT: user(408, 'Loading the file took longer than allowed.'),
  CONNECTOR_QUERY_FAILED: user(400, 'The engine rejected the SQL (syntax, unknown column, type mismatch).'),
  CONNECTOR_QUERY_TIMEOUT: user(408, 'The query ran longer than the statement timeout.'),
  CONNECTOR_QUERY_CANCELLED: user(499, 'The query was cancelled.'),
  CONNECTOR_CONNECTION_FAILED: thirdParty(502, 'The database could not be reached.'),
  CONNECTOR_PERMISSION_DENIED: user(403, 'The database refused the query for lack of permission.'),
  // read-only guard
  SQL_PARSE_ERROR: user(400, 'The SQL could not be parsed.'),
  SQL_MULTIPLE_STATEMENTS: user(400, 'Only one statement may be run at a time.'),
  SQL_NOT_READ_ONLY: user(400, 'The statement is not a read-only SELECT/WITH query.'),
  SQL_DATA_MODIFYING_CTE: user(400, 'A WITH clause contains a data-modifying statement.'),
  SQL_FORBIDDEN_FUNCTION: user(400, 'The query calls a file, network or system function, or reads the engine catalogue, which is not allowed.'),
  SQL_FORBIDDEN_STATEMENT: user(400, 'COPY, ATTACH, INSTALL, LOAD, PRAGMA, SET, SUMMARIZE, DESCRIBE, SHOW and similar statements are not allowed.'),
  // analysis and agents
  ANALYST_CANNOT_ANSWER: user(422, 'The data cannot answer this question.'),
  AGENT_SQL_REPAIR_EXHAUSTED: system('The SQL agent could not produce working SQL within its attempts.'),
  AGENT_OUTPUT_INVALID: system('An agent produced output that does not match its schema.'),
  RUN_CANCELLED: user(499, 'The run was cancelled.'),
  RUN_INTERRUPTED: system('The server stopped while the run was in progress; it was marked failed at the next start.'),
  // language models
  LLM_CALL_FAILED: thirdParty(502, 'The language model call failed.'),
  LLM_ALL_KEYS_EXHAUSTED: thirdParty(503, 'Every API key of the provider failed; see the per-key reasons.', false),
  LLM_STREAM_BROKEN: thirdParty(502, 'The model stream ended before it was complete.'),
  // sandbox
  SANDBOX_UNAVAILABLE: system('Python analysis is not available on this machine (python3, pandas or bubblewrap missing).'),
  SANDBOX_TIMEOUT: user(408, 'The Python code ran past its wall-time limit.'),
  SANDBOX_CPU_LIMIT: user(408, 'The Python code used more CPU time than allowed.'),
  SANDBOX_MEMORY: user(413, 'The Python code used more memory than allowed.'),
  SANDBOX_OUTPUT_LIMIT: user(413, 'The Python code printed or returned more output than allowed.'),
  SANDBOX_PROCESS_LIMIT: user(429, 'The Python code started more processes than allowed.'),
  SANDBOX_CODE_ERROR: user(400, 'The Python code raised an error.'),
  // store and server
  STORE_QUERY_FAILED: system('The store database failed.'),
  STORE_LOCKED: user(409, 'The embedded store is in use by another InsightX process.'),
  AUTH_REQUIRED: user(401, 'A bearer API token is required.'),
  AUTH_INVALID_TOKEN: user(401, 'The API token is not valid.'),
  HTTP_BODY_INVALID_JSON: user(400, 'The request body is not valid JSON.'),
  HTTP_BODY_TOO_LARGE: user(413, 'The request body is larger than allowed.'),
  HTTP_BODY_TOO_DEEP: user(400, 'The request body nests objects or arrays too deeply.'),
  HTTP_UNSUPPORTED_MEDIA_TYPE: user(415, 'The request body is not in a media type or charset this route takes.'),
  HTTP_UNSUPPORTED_FORMAT: user(406, 'The requested format is not supported.'),
  SERVER_SHUTTING_DOWN: { category: 'system', httpStatus: 503, retryable: true, summary: 'The server is shutting down and starts no new runs.' },
  INTERNAL: system('An unexpected error; the details are in the server log.'),
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;
