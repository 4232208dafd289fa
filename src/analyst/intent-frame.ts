import type { TimeGrain } from '../core/dna.js';

/** A column of a table, as the schema names it. */
export interface ColumnRef {
  table: string;
  column: string;
  /** Token position in the question, for ordering the SELECT list as the question asks. */
  at?: number;
}

export type Aggregate = 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max' | 'median' | 'rate' | 'metric';

/** One computed value of the answer: an aggregate over a column, or a raw aggregate expression. */
export interface MeasureSpec {
  aggregate: Aggregate;
  /** null for `count(*)` and for expression measures. */
  column: ColumnRef | null;
  /** A complete SQL aggregate expression (derived metrics, rates); wins over `aggregate`/`column`. */
  expression?: string;
  /** The table whose columns `expression` names (unqualified): it must be the base table or joined. */
  table?: string;
  /** Output column name (snake_case). */
  label: string;
  /** Plain words for the explanation ("failure rate", "average amount"). */
  words: string;
  /** The DNA derived metric this measure is, when it is one (answers compare with its baseline). */
  metricName?: string;
  /** Used only to order or filter groups ("the owner with the most dogs"), not selected. */
  hidden?: boolean;
  at?: number;
}

export interface GroupSpec {
  column: ColumnRef;
  /** Set for time columns bucketed by a grain (time series). */
  grain?: TimeGrain;
  /** Grouped by but not selected (an entity key behind HAVING or argmax by count). */
  hidden?: boolean;
  /** The column holds case-only variants of one category ('retail', 'Retail'): group by its lower-case form. */
  foldCase?: boolean;
  at?: number;
}

export type FilterOp = '=' | '!=' | 'in' | 'not in' | '>' | '>=' | '<' | '<=' | 'between' | 'like' | 'is null' | 'is not null';

export interface FilterSpec {
  column: ColumnRef;
  op: FilterOp;
  values: (string | number | boolean)[];
  /** Plain words for the explanation ("device_type is Android"). */
  words: string;
  /** Short phrase naming the segment in answers ("Android", "cancelled", "Q2 2024"). */
  segment?: string;
  /** Alternatives joined with OR ("opened after 2013 or before 2008"). */
  or?: FilterSpec[];
  /** Compare with an aggregate of the same column over its table ("older than average"). */
  against?: 'avg';
  /** Half-open time range filters are written `>= lo AND < hi`. */
  halfOpen?: boolean;
  /** The column holds case variants of one value ('ROAD', 'Road'): compare lower-cased. */
  foldCase?: boolean;
  /** A date range put on the table's main time column because no word named a time column. */
  defaultTime?: boolean;
}

export interface OrderSpec {
  /** Order by the i-th measure, or by a column. */
  measureIndex?: number;
  column?: ColumnRef;
  direction: 'asc' | 'desc';
}

/** A join step from a table already in the query to a new one. */
export interface JoinStep {
  fromTable: string;
  fromColumn: string;
  toTable: string;
  toColumn: string;
}

/** A condition on an aggregate after grouping (HAVING). */
export interface HavingSpec {
  measure: MeasureSpec;
  op: '>' | '>=' | '<' | '<=' | '=' | '!=';
  value: number;
}

/** Rows of the base table kept or removed by membership in another set (negation and set questions). */
export interface SetCondition {
  kind: 'not in' | 'in';
  column: ColumnRef;
  words?: string;
  /** The other side: a column of a (possibly joined) table, optionally filtered. */
  subquery: {
    table: string;
    column: string;
    /** The table of `column` when it is not `table` (reached by `joins`). */
    columnTable?: string;
    joins: JoinStep[];
    filters: FilterSpec[];
    /** Tables the subquery must join to even without a filter on them ("dogs with no treatment"). */
    reach?: string[];
  };
  /** Compare on the first selected column instead of the key ("names in both A and B"). */
  keyFromProjection?: boolean;
}

/**
 * The analyst's structured interpretation of a question: what to compute, over which rows,
 * broken down how. The SQL builder turns it into one statement of the datasource's dialect.
 */
export interface IntentFrame {
  shape: 'aggregate' | 'breakdown' | 'timeseries' | 'list' | 'distribution' | 'compare';
  table: string;
  joins: JoinStep[];
  measures: MeasureSpec[];
  groupBy: GroupSpec[];
  filters: FilterSpec[];
  having: HavingSpec[];
  /** Columns listed as they are (list questions), in the order the question asks. */
  projection: ColumnRef[];
  distinct: boolean;
  orderBy: OrderSpec[];
  limit: number | null;
  setConditions: SetCondition[];
  /** Bucketed histogram of a numeric column (distribution questions). */
  histogram?: { column: ColumnRef; width: number; cap: number | null };
  /** Share of each group in the total (adds a `share` column). */
  withShare?: boolean;
  /** Rows whose column equals its max/min over the filtered rows (ties kept). */
  argmax?: { column: ColumnRef; direction: 'asc' | 'desc' };
  /** Order the SELECT list by where each item appears in the question. */
  selectInQuestionOrder?: boolean;
}

/** A frame with nothing in it yet, over one table. */
export function emptyFrame(table: string): IntentFrame {
  return {
    shape: 'aggregate',
    table,
    joins: [],
    measures: [],
    groupBy: [],
    filters: [],
    having: [],
    projection: [],
    distinct: false,
    orderBy: [],
    limit: null,
    setConditions: [],
  };
}
