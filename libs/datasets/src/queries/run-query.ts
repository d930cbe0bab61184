import { QueryTypes, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { DatasetsQueryError } from '../datasets-error';

/**
 * Runs a SELECT and reads every row through `row`. The schema is where
 * dialect differences end: mysql2 hands DECIMAL and SUM/AVG results out as
 * strings, SQLite as numbers; `z.coerce.number()` makes both numbers.
 */
export async function selectRows<Row extends z.ZodType>(
  sequelize: Sequelize,
  operation: string,
  sql: string,
  replacements: Record<string, unknown>,
  row: Row,
): Promise<z.output<Row>[]> {
  let rows: unknown;
  try {
    rows = await sequelize.query(sql, {
      replacements,
      type: QueryTypes.SELECT,
    });
  } catch (error) {
    throw new DatasetsQueryError(operation, { cause: error });
  }

  const parsed = z.array(row).safeParse(rows);
  if (!parsed.success) {
    throw new DatasetsQueryError(operation, { cause: parsed.error });
  }
  return parsed.data;
}

/** A number column that may arrive as a string (DECIMAL, SUM, COUNT). */
export const numeric = () => z.coerce.number().refine(Number.isFinite);
