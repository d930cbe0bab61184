/** How big each comparison of the suite runs. */
export interface BenchSizes {
  capture: {
    captures: number;
    concurrencies: number[];
    baselineCaptures: number;
  };
  /**
   * Campuses of the embedded service, and so the captures of the worker
   * whose memory is watched (its batch renders every campus).
   */
  campuses: number;
  readyRequests: number;
  freshRequests: number;
  concurrentRequests: number;
  planCampuses: number;
  /** Jobs the naive planner really writes and sends. */
  naivePlanSample: number;
}

/** The full run: about a quarter of an hour on a 2-core machine. */
export const fullSizes: BenchSizes = {
  capture: { captures: 24, concurrencies: [1, 2, 3], baselineCaptures: 6 },
  campuses: 500,
  readyRequests: 200,
  freshRequests: 10,
  concurrentRequests: 50,
  planCampuses: 100_000,
  naivePlanSample: 5_000,
};

/** Every comparison, small: a couple of minutes, for tests. */
export const quickSizes: BenchSizes = {
  capture: { captures: 6, concurrencies: [2], baselineCaptures: 2 },
  campuses: 60,
  readyRequests: 30,
  freshRequests: 3,
  concurrentRequests: 50,
  planCampuses: 5_000,
  naivePlanSample: 500,
};
