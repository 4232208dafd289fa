/**
 * A SQL CASE expression that picks one of `choices` with the given weights from a uniform
 * number in [0, 1) (`uniform` is a SQL expression). Used to generate realistic categories.
 */
export function weightedPick(uniform: string, choices: readonly (readonly [string, number])[]): string {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let cumulative = 0;
  const branches = choices.slice(0, -1).map(([value, weight]) => {
    cumulative += weight / total;
    return `WHEN ${uniform} < ${cumulative.toFixed(6)} THEN ${sqlString(value)}`;
  });
  return `CASE ${branches.join(' ')} ELSE ${sqlString(choices[choices.length - 1][0])} END`;
}

/** A SQL CASE that maps a text expression to a number, `otherwise` when unlisted. */
export function lookup(expression: string, values: Readonly<Record<string, number>>, otherwise = 1): string {
  const branches = Object.entries(values).map(([key, value]) => `WHEN ${sqlString(key)} THEN ${value}`);
  return `CASE ${expression} ${branches.join(' ')} ELSE ${otherwise} END`;
}

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Uniform number in [0, 1) from a row number and a salt. Hash-based rather than random() so
 * the data is identical on every run, whatever the thread scheduling.
 */
export function uniform(row: string, salt: string): string {
  return `((hash(${row}, ${sqlString(salt)}) % 1000003) / 1000003.0)`;
}
