import { PNG } from 'pngjs';

import { assertNotBlank, dominantColourShare } from './blank-image';
import { BlankCaptureError } from './capture-error';

function picture(
  width: number,
  height: number,
  colourAt: (x: number, y: number) => [number, number, number],
): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const [r, g, b] = colourAt(x, y);
      png.data[at] = r;
      png.data[at + 1] = g;
      png.data[at + 2] = b;
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

const white: [number, number, number] = [255, 255, 255];

describe('blank detection', () => {
  it('finds a plain white page blank', () => {
    const blank = picture(200, 100, () => white);

    expect(dominantColourShare(blank)).toBe(1);
    expect(() => assertNotBlank(blank)).toThrow(BlankCaptureError);
  });

  it('counts compression noise around one colour as that colour', () => {
    const noisy = picture(200, 100, (x, y) => [
      250 + ((x * 7 + y) % 5),
      250 + ((x + y * 3) % 5),
      255,
    ]);

    expect(() => assertNotBlank(noisy)).toThrow(BlankCaptureError);
  });

  it('finds a page with a drawn chart not blank', () => {
    const chart = picture(200, 100, (x, y) =>
      x % 40 < 25 && y > 100 - (x % 90) ? [40, 40, 200] : white,
    );

    expect(dominantColourShare(chart)).toBeLessThan(0.9);
    expect(() => assertNotBlank(chart)).not.toThrow();
  });

  it('finds a page with only a thin line nearly uniform', () => {
    const line = picture(400, 400, (_x, y) => (y === 10 ? [0, 0, 0] : white));

    expect(() => assertNotBlank(line)).toThrow(BlankCaptureError);
    expect(() => assertNotBlank(line, 0.999)).not.toThrow();
  });

  it('samples a large picture on a grid instead of reading every pixel', () => {
    // Every other column is black: a grid of stride 2 sees only white.
    const striped = picture(200, 100, (x) => (x % 2 === 0 ? white : [0, 0, 0]));

    expect(dominantColourShare(striped)).toBeCloseTo(0.5, 5);
    expect(dominantColourShare(striped, 5_000)).toBe(1);
  });
});
