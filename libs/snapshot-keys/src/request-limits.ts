/**
 * Bounds on a request. They keep a canonical request small enough for one
 * DynamoDB item and one queue message, with room to spare.
 */
export const requestLimits = {
  reportIdLength: 64,
  scopeIdLength: 64,
  filters: 16,
  filterNameLength: 64,
  filterValues: 50,
  filterValueLength: 128,
} as const;
