/** Base of the errors the report catalogue raises. */
export class ReportError extends Error {
  override readonly name: string = 'ReportError';
}

/** A report id that the catalogue does not hold. */
export class UnknownReportError extends ReportError {
  override readonly name = 'UnknownReportError';

  constructor(readonly reportId: string) {
    super(`unknown report ${JSON.stringify(reportId)}`);
  }
}

/** A catalogue that contradicts itself, found when it is built. */
export class CatalogueDefinitionError extends ReportError {
  override readonly name = 'CatalogueDefinitionError';
}
