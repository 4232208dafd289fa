import type { ErrorCode } from '../../core/error-codes.js';

/** What a model (or a person) can do about each SQL failure, sent with the tool error. */
export function sqlErrorHint(code: ErrorCode): string {
  switch (code) {
    case 'CONNECTOR_QUERY_FAILED':
    case 'SQL_PARSE_ERROR':
      return 'Check table and column names against read_data_dna, quote identifiers with double quotes, and use functions of the datasource dialect.';
    case 'SQL_MULTIPLE_STATEMENTS':
      return 'Send exactly one statement, without a trailing second query.';
    case 'SQL_NOT_READ_ONLY':
    case 'SQL_DATA_MODIFYING_CTE':
    case 'SQL_FORBIDDEN_STATEMENT':
      return 'Only a read-only SELECT or WITH query is allowed; compute the answer with a SELECT.';
    case 'SQL_FORBIDDEN_FUNCTION':
      return 'Query only the tables listed by read_data_dna; file, network and system functions are not allowed.';
    case 'CONNECTOR_QUERY_TIMEOUT':
      return 'The query was too slow: aggregate in SQL, add filters, or group by a coarser time grain.';
    case 'AGENT_SQL_REPAIR_EXHAUSTED':
      return 'No attempts are left; explain to the user what failed.';
    default:
      return 'Fix the SQL and try again.';
  }
}
