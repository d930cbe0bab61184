import type { Sequelize, Transaction } from 'sequelize';

/** Rows per INSERT statement: well under MySQL's packet limit. */
const rowsPerStatement = 1000;

/**
 * Multi-row INSERTs built directly: `bulkCreate` builds a model instance
 * per row, which makes a 100,000-campus seed (two million rows) several
 * times slower. Values are numbers and strings escaped by the dialect.
 */
export async function insertRows<Row extends object>(
  sequelize: Sequelize,
  transaction: Transaction,
  table: string,
  columns: Record<string, keyof Row>,
  rows: readonly Row[],
): Promise<void> {
  const names = Object.keys(columns);
  const fields = Object.values(columns);

  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const values = rows
      .slice(start, start + rowsPerStatement)
      .map(
        (row) =>
          '(' +
          fields
            .map((field) => sequelize.escape(row[field] as string))
            .join(',') +
          ')',
      );
    await sequelize.query(
      `INSERT INTO ${table} (${names.join(',')}) VALUES ${values.join(',')}`,
      { transaction },
    );
  }
}
