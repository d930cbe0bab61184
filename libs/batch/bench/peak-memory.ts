const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export interface MemoryFigures {
  /** Resident set size when the run started, after the imports. */
  startRssMb: number;
  /** The highest resident set size the process ever had. */
  peakRssMb: number;
  /** The highest JavaScript heap in use seen by sampling. */
  peakHeapMb: number;
}

/**
 * Watches this process's memory while `work` runs: the kernel's own peak
 * of the resident set (nothing slips between samples), and the heap in
 * use sampled every 50 ms.
 */
export async function withPeakMemory<T>(
  work: () => Promise<T>,
): Promise<{ result: T; memory: MemoryFigures }> {
  const startRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 50);
  try {
    const result = await work();
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    return {
      result,
      memory: {
        startRssMb: mib(startRss),
        // maxRSS is in KiB.
        peakRssMb: mib(process.resourceUsage().maxRSS * 1024),
        peakHeapMb: mib(peakHeap),
      },
    };
  } finally {
    clearInterval(sampler);
  }
}
