import type { ValueFormat } from '../visual-payload';

const whole = new Intl.NumberFormat('en-AU', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-AU', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** A value as a report shows it; a dash when there is none. */
export function formatValue(
  value: number | string | null,
  format: ValueFormat | 'text',
): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  switch (format) {
    case 'count':
      return whole.format(value);
    case 'percent':
      return `${oneDecimal.format(value)}%`;
    case 'score':
    case 'index':
      return oneDecimal.format(value);
    case 'change':
      return `${value > 0 ? '+' : ''}${oneDecimal.format(value)}%`;
    case 'text':
      return String(value);
  }
}

/** `▲ 2.3%` or `▼ 1.2 pts`. */
export function formatChange(
  value: number,
  format: 'percent' | 'points',
): string {
  const arrow = value > 0 ? '▲' : value < 0 ? '▼' : '■';
  const size = oneDecimal.format(Math.abs(value));
  return `${arrow} ${size}${format === 'percent' ? '%' : ' pts'}`;
}

const upToOneDecimal = new Intl.NumberFormat('en-AU', {
  maximumFractionDigits: 1,
});

/** An axis tick: as short as the value allows. */
export function formatTick(value: number, format: ValueFormat): string {
  switch (format) {
    case 'percent':
    case 'change':
      return `${upToOneDecimal.format(value)}%`;
    case 'count':
    case 'score':
    case 'index':
      return upToOneDecimal.format(value);
  }
}
