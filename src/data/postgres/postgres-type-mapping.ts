/** How a PostgreSQL column's text values are made JSON-safe (see postgres-normalize-value.ts). */
export type PostgresValueKind =
  | 'number'
  | 'bigint'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'interval'
  | 'json'
  | 'string'
  | { array: PostgresValueKind };

/** Built-in type OIDs (pg_type.oid; stable across server versions) with their names and kinds. */
const BUILT_IN: Record<number, [name: string, kind: PostgresValueKind]> = {
  16: ['boolean', 'boolean'],
  17: ['bytea', 'string'],
  18: ['char', 'string'],
  19: ['name', 'string'],
  20: ['bigint', 'bigint'],
  21: ['smallint', 'number'],
  23: ['integer', 'number'],
  25: ['text', 'string'],
  26: ['oid', 'number'],
  114: ['json', 'json'],
  700: ['real', 'number'],
  701: ['double precision', 'number'],
  790: ['money', 'string'],
  1042: ['character', 'string'],
  1043: ['character varying', 'string'],
  1082: ['date', 'date'],
  1083: ['time without time zone', 'string'],
  1114: ['timestamp without time zone', 'timestamp'],
  1184: ['timestamp with time zone', 'timestamptz'],
  1186: ['interval', 'interval'],
  1266: ['time with time zone', 'string'],
  1700: ['numeric', 'decimal'],
  2950: ['uuid', 'string'],
  3802: ['jsonb', 'json'],
};

/** Array type OID → element type OID, for the built-in element types above. */
const ARRAY_OF: Record<number, number> = {
  1000: 16, 1001: 17, 1002: 18, 1003: 19, 1016: 20, 1005: 21, 1007: 23, 1009: 25, 1028: 26, 199: 114, 1021: 700, 1022: 701,
  791: 790, 1014: 1042, 1015: 1043, 1182: 1082, 1183: 1083, 1115: 1114, 1185: 1184, 1187: 1186, 1270: 1266, 1231: 1700,
  2951: 2950, 3807: 3802,
};

/** The normalisation a result column of this type gets; unknown types (enums, domains, …) keep their text. */
export function postgresValueKind(oid: number): PostgresValueKind {
  const element = ARRAY_OF[oid];
  if (element !== undefined) return { array: BUILT_IN[element]?.[1] ?? 'string' };
  return BUILT_IN[oid]?.[1] ?? 'string';
}

/**
 * The type name of a result column, as `format_type` would print it for the built-in types;
 * undefined for other types (the connector asks the server once and caches the answer).
 */
export function postgresTypeName(oid: number, modifier: number): string | undefined {
  const element = ARRAY_OF[oid];
  if (element !== undefined) {
    const name = BUILT_IN[element]?.[0];
    return name === undefined ? undefined : `${name}[]`;
  }
  const name = BUILT_IN[oid]?.[0];
  if (name === undefined) return undefined;
  if (oid === 1700 && modifier >= 4) {
    const packed = modifier - 4;
    return `numeric(${(packed >> 16) & 0xffff},${packed & 0xffff})`;
  }
  if ((oid === 1043 || oid === 1042) && modifier >= 4) return `${name}(${modifier - 4})`;
  return name;
}
