/*
 * A deterministic synthetic test scene: rectangles, a rotated square, a triangle and a
 * checkerboard (edges and corners), bright disks of several radii (blobs at several scales),
 * and dark and bright lines of several widths (ridges). Shapes are anti-aliased by 4 x 4
 * supersampling and drawn in a fixed order; optional noise comes from a fixed linear
 * congruential generator, so the same arguments always give the same pixels.
 */
import sharp from 'sharp';

type Inside = (x: number, y: number) => boolean;

interface Shape {
  readonly inside: Inside;
  readonly level: number;
}

/** Options of {@link syntheticScene}. */
export interface SyntheticSceneOptions {
  /** Uniform noise amplitude in gray levels (0 for none). */
  readonly noise?: number;
  /** Seed of the noise generator. */
  readonly seed?: number;
}

const SUPERSAMPLING = 4;
const BACKGROUND = 60;

/** The scene's 8-bit gray levels, `width * height`, row-major. */
export function syntheticScene(
  width: number,
  height: number,
  options: SyntheticSceneOptions = {},
): Uint8Array {
  const shapes = sceneShapes(width, height);
  const next = lcg(options.seed ?? 1);
  const noise = options.noise ?? 0;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = pixelLevel(shapes, x, y) + noise * (2 * next() - 1);
      out[y * width + x] = Math.min(255, Math.max(0, Math.round(value)));
    }
  }
  return out;
}

/** The scene as an 8-bit grayscale PNG. */
export async function syntheticScenePng(
  width: number,
  height: number,
  options: SyntheticSceneOptions = {},
): Promise<Buffer> {
  return sharp(syntheticScene(width, height, options), { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}

function pixelLevel(shapes: readonly Shape[], x: number, y: number): number {
  let sum = 0;
  for (let sy = 0; sy < SUPERSAMPLING; sy++) {
    for (let sx = 0; sx < SUPERSAMPLING; sx++) {
      const px = x + (sx + 0.5) / SUPERSAMPLING;
      const py = y + (sy + 0.5) / SUPERSAMPLING;
      let level = BACKGROUND;
      for (const shape of shapes) if (shape.inside(px, py)) level = shape.level;
      sum += level;
    }
  }
  return sum / (SUPERSAMPLING * SUPERSAMPLING);
}

function sceneShapes(width: number, height: number): Shape[] {
  const s = Math.min(width, height);
  return [
    { level: 200, inside: rectangle(0.06 * width, 0.06 * height, 0.3 * width, 0.28 * height) },
    { level: 150, inside: rotatedSquare(0.72 * width, 0.2 * height, 0.09 * s, Math.PI / 7) },
    {
      level: 225,
      inside: triangle(
        [0.08 * width, 0.92 * height],
        [0.3 * width, 0.6 * height],
        [0.42 * width, 0.9 * height],
      ),
    },
    ...checkerboard(0.4 * width, 0.06 * height, 0.05 * s, 4),
    ...[2, 3, 4.5, 6.5, 9].map((r, i) => ({
      level: 235,
      inside: disk((0.1 + 0.17 * i) * width, 0.42 * height, (r * s) / 256),
    })),
    { level: 210, inside: rectangle(0.5 * width, 0.55 * height, 0.95 * width, 0.95 * height) },
    ...[1, 2, 3.5].map((w, i) => ({
      level: 30,
      inside: line(
        [0.53 * width, (0.6 + 0.1 * i) * height],
        [0.92 * width, (0.63 + 0.12 * i) * height],
        (w * s) / 256,
      ),
    })),
    {
      level: 250,
      inside: line([0.05 * width, 0.52 * height], [0.45 * width, 0.5 * height], (2 * s) / 256),
    },
  ];
}

function rectangle(x0: number, y0: number, x1: number, y1: number): Inside {
  return (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1;
}

function disk(cx: number, cy: number, r: number): Inside {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function rotatedSquare(cx: number, cy: number, half: number, angle: number): Inside {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return (x, y) => {
    const u = (x - cx) * c + (y - cy) * s;
    const v = -(x - cx) * s + (y - cy) * c;
    return Math.abs(u) <= half && Math.abs(v) <= half;
  };
}

function triangle(a: readonly number[], b: readonly number[], c: readonly number[]): Inside {
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const [cx = 0, cy = 0] = c;
  const side = (px: number, py: number, qx: number, qy: number, x: number, y: number): number =>
    (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
  };
}

function line(a: readonly number[], b: readonly number[], width: number): Inside {
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const length2 = (bx - ax) ** 2 + (by - ay) ** 2;
  return (x, y) => {
    const t = Math.min(1, Math.max(0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length2));
    return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= (width / 2) ** 2;
  };
}

function checkerboard(x0: number, y0: number, cell: number, cells: number): Shape[] {
  const shapes: Shape[] = [];
  for (let row = 0; row < cells; row++) {
    for (let col = 0; col < cells; col++) {
      const x = x0 + col * cell;
      const y = y0 + row * cell;
      shapes.push({
        level: (row + col) % 2 === 0 ? 20 : 240,
        inside: rectangle(x, y, x + cell, y + cell),
      });
    }
  }
  return shapes;
}

/** A linear congruential generator of numbers in [0, 1) (Numerical Recipes constants). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
