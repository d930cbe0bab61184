import { PNG } from 'pngjs';

import { BlankCaptureError } from './capture-error';

/** Default share of one colour above which a picture counts as blank. */
export const DEFAULT_BLANK_THRESHOLD = 0.995;

// Sampling a grid keeps a full-page, high-density capture cheap to check.
const MAX_SAMPLES = 250_000;

/**
 * The share (0..1) of the picture taken by its most common colour, with
 * colours rounded to 4 bits a channel so anti-aliasing and compression
 * noise around one colour still count as that colour.
 */
export function dominantColourShare(
  png: Uint8Array,
  maxSamples = MAX_SAMPLES,
): number {
  const image = PNG.sync.read(Buffer.from(png));
  const pixels = image.width * image.height;
  if (pixels === 0) return 1;

  const stride = Math.max(1, Math.floor(Math.sqrt(pixels / maxSamples)));
  const histogram = new Uint32Array(4096);
  let samples = 0;
  for (let y = 0; y < image.height; y += stride) {
    for (let x = 0; x < image.width; x += stride) {
      const at = (y * image.width + x) * 4;
      const bin =
        (((image.data[at] ?? 0) >> 4) << 8) |
        (((image.data[at + 1] ?? 0) >> 4) << 4) |
        ((image.data[at + 2] ?? 0) >> 4);
      histogram[bin] = (histogram[bin] ?? 0) + 1;
      samples++;
    }
  }
  return Math.max(...histogram) / samples;
}

/** @throws BlankCaptureError when one colour covers the picture. */
export function assertNotBlank(
  png: Uint8Array,
  threshold = DEFAULT_BLANK_THRESHOLD,
): void {
  const share = dominantColourShare(png);
  if (share >= threshold) throw new BlankCaptureError(share);
}
