import { cpus, loadavg, totalmem } from 'node:os';
import type { MachineInfo } from './bench-results';

const load = () => loadavg().map((value) => Math.round(value * 100) / 100);

/** What the figures were measured on; the load is read again at the end. */
export function machineInfo(): MachineInfo {
  const all = cpus();
  return {
    cpus: all.length,
    cpuModel: all[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    platform: `${process.platform} ${process.arch}`,
    node: process.versions.node,
    loadAtStart: load(),
    loadAtEnd: load(),
  };
}

export function currentLoad(): number[] {
  return load();
}
