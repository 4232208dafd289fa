/** How a MySQL/MariaDB column's values are made JSON-safe (see mysql-normalize-value.ts). */
export type MysqlValueKind =
  | 'integer' | 'bigint' | 'decimal' | 'float' | 'date' | 'datetime' | 'timestamp' | 'time' | 'year' | 'json' | 'bit' | 'binary' | 'text' | 'null';

/** What the protocol says about a result column (mysql2's FieldPacket). */
export interface MysqlFieldInfo {
  columnType?: number;
  flags?: number | string[];
  characterSet?: number;
  columnLength?: number;
  decimals?: number;
}

/** Protocol type codes (MySQL client/server protocol, `enum_field_types`). */
const TYPE = {
  DECIMAL: 0, TINY: 1, SHORT: 2, LONG: 3, FLOAT: 4, DOUBLE: 5, NULL: 6, TIMESTAMP: 7, LONGLONG: 8, INT24: 9, DATE: 10, TIME: 11,
  DATETIME: 12, YEAR: 13, NEWDATE: 14, VARCHAR: 15, BIT: 16, TIMESTAMP2: 17, DATETIME2: 18, TIME2: 19, JSON: 245, NEWDECIMAL: 246,
  ENUM: 247, SET: 248, TINY_BLOB: 249, MEDIUM_BLOB: 250, LONG_BLOB: 251, BLOB: 252, VAR_STRING: 253, STRING: 254, GEOMETRY: 255,
} as const;

const FLAG_UNSIGNED = 32;
const FLAG_ENUM = 256;
const FLAG_SET = 2048;
/** Character set number 63 is `binary`: the bytes are not text. */
const BINARY_CHARSET = 63;

const NAMES: Record<number, string> = {
  [TYPE.TINY]: 'TINYINT', [TYPE.SHORT]: 'SMALLINT', [TYPE.LONG]: 'INT', [TYPE.INT24]: 'MEDIUMINT', [TYPE.LONGLONG]: 'BIGINT',
  [TYPE.FLOAT]: 'FLOAT', [TYPE.DOUBLE]: 'DOUBLE', [TYPE.NULL]: 'NULL', [TYPE.TIMESTAMP]: 'TIMESTAMP', [TYPE.TIMESTAMP2]: 'TIMESTAMP',
  [TYPE.DATE]: 'DATE', [TYPE.NEWDATE]: 'DATE', [TYPE.TIME]: 'TIME', [TYPE.TIME2]: 'TIME', [TYPE.DATETIME]: 'DATETIME',
  [TYPE.DATETIME2]: 'DATETIME', [TYPE.YEAR]: 'YEAR', [TYPE.BIT]: 'BIT', [TYPE.JSON]: 'JSON', [TYPE.GEOMETRY]: 'GEOMETRY',
  [TYPE.ENUM]: 'ENUM', [TYPE.SET]: 'SET',
};

function flagBits(flags: MysqlFieldInfo['flags']): number {
  if (typeof flags === 'number') return flags;
  return 0;
}

/** The normalisation a result column gets. */
export function mysqlValueKind(field: MysqlFieldInfo): MysqlValueKind {
  const type = field.columnType ?? TYPE.VAR_STRING;
  switch (type) {
    case TYPE.TINY: case TYPE.SHORT: case TYPE.LONG: case TYPE.INT24:
      return 'integer';
    case TYPE.LONGLONG:
      return 'bigint';
    case TYPE.DECIMAL: case TYPE.NEWDECIMAL:
      return 'decimal';
    case TYPE.FLOAT: case TYPE.DOUBLE:
      return 'float';
    case TYPE.DATE: case TYPE.NEWDATE:
      return 'date';
    case TYPE.DATETIME: case TYPE.DATETIME2:
      return 'datetime';
    case TYPE.TIMESTAMP: case TYPE.TIMESTAMP2:
      return 'timestamp';
    case TYPE.TIME: case TYPE.TIME2:
      return 'time';
    case TYPE.YEAR:
      return 'year';
    case TYPE.JSON:
      return 'json';
    case TYPE.BIT:
      return 'bit';
    case TYPE.NULL:
      return 'null';
    case TYPE.GEOMETRY:
      return 'binary';
    default:
      return field.characterSet === BINARY_CHARSET ? 'binary' : 'text';
  }
}

/** A readable type name for a result column: `DECIMAL(10,2)`, `BIGINT UNSIGNED`, `VARCHAR`, `VARBINARY`, `ENUM`. */
export function mysqlTypeName(field: MysqlFieldInfo): string {
  const type = field.columnType ?? TYPE.VAR_STRING;
  const flags = flagBits(field.flags);
  const unsigned = (flags & FLAG_UNSIGNED) !== 0 ? ' UNSIGNED' : '';
  if (type === TYPE.DECIMAL || type === TYPE.NEWDECIMAL) {
    const scale = field.decimals ?? 0;
    // The display length counts the sign (signed columns) and the decimal point (when scale > 0).
    const precision = Math.max(1, (field.columnLength ?? 10) - (scale > 0 ? 1 : 0) - (unsigned ? 0 : 1));
    return `DECIMAL(${precision},${scale})${unsigned}`;
  }
  if ((flags & FLAG_ENUM) !== 0) return 'ENUM';
  if ((flags & FLAG_SET) !== 0) return 'SET';
  const name = NAMES[type];
  if (name) return /INT$/.test(name) ? `${name}${unsigned}` : name;
  const binary = field.characterSet === BINARY_CHARSET;
  if (type === TYPE.STRING) return binary ? 'BINARY' : 'CHAR';
  if (type === TYPE.TINY_BLOB || type === TYPE.MEDIUM_BLOB || type === TYPE.LONG_BLOB || type === TYPE.BLOB) return binary ? 'BLOB' : 'TEXT';
  return binary ? 'VARBINARY' : 'VARCHAR';
}
