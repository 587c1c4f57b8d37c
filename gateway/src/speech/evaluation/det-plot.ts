/**
 * A DET plot (Martin et al., "The DET curve in assessment of detection task performance",
 * Eurospeech 1997) drawn as SVG text: miss probability against false-alarm probability, both
 * on normal-deviate (probit) axes, so that Gaussian target and non-target scores give straight
 * lines. Each curve is its operating points joined by straight segments in probit space and
 * clipped to the plot area; its EER is marked on the diagonal and quoted in the legend.
 * {@link renderDetPlotPng} turns the SVG into a PNG with `sharp` (librsvg), so no plotting
 * package is needed.
 */

import sharp from 'sharp';

import type { DetPoint } from './det-curve.js';
import { EvaluationError, EvaluationErrorCode } from './errors.js';
import { normalDeviate } from './normal-deviate.js';

/** One curve of a DET plot. */
export interface DetPlotCurve {
  /** Legend text. */
  label: string;
  /** Operating points, as {@link detCurve} returns them. */
  points: readonly DetPoint[];
  /** The curve's equal error rate, marked and quoted in the legend when given. */
  eer?: number;
}

/** Options of {@link detPlotSvg}; every field has a default. */
export interface DetPlotOptions {
  /** Image width in pixels (default 640). */
  width?: number;
  /** Image height in pixels (default 640). */
  height?: number;
  /** Smallest and largest probability on both axes (default [0.001, 0.6]). */
  range?: readonly [number, number];
  /** Title above the plot (default 'DET curve'). */
  title?: string;
}

const TICKS = [
  0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7,
  0.8, 0.9, 0.95, 0.98, 0.99,
];
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf'];
const MARGIN = { left: 70, right: 20, top: 40, bottom: 60 };
const FONT = 'font-family="DejaVu Sans, sans-serif"';

interface Frame {
  left: number;
  top: number;
  size: { width: number; height: number };
  low: number;
  high: number;
}

/**
 * The SVG text of a DET plot of `curves`.
 * @throws EvaluationError `DEURO_EVALUATION_INVALID_PARAMETER` naming the option out of range.
 */
export function detPlotSvg(curves: readonly DetPlotCurve[], options: DetPlotOptions = {}): string {
  const { width, height, low, high } = resolvePlotOptions(options);
  const frame: Frame = {
    left: MARGIN.left,
    top: MARGIN.top,
    size: {
      width: width - MARGIN.left - MARGIN.right,
      height: height - MARGIN.top - MARGIN.bottom,
    },
    low: normalDeviate(low),
    high: normalDeviate(high),
  };
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="${String(height)}" viewBox="0 0 ${String(width)} ${String(height)}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<defs><clipPath id="plot"><rect x="${f(frame.left)}" y="${f(frame.top)}" width="${f(frame.size.width)}" height="${f(frame.size.height)}"/></clipPath></defs>`,
    ...gridAndAxes(frame, low, high),
    `<text x="${f(width / 2)}" y="24" text-anchor="middle" font-size="16" ${FONT}>${escapeXml(options.title ?? 'DET curve')}</text>`,
    ...curves.flatMap((curve, index) => drawCurve(frame, curve, index)),
    `</svg>`,
  ];
  return parts.join('\n') + '\n';
}

/**
 * PNG bytes of an SVG document (such as {@link detPlotSvg}'s), rendered by `sharp`.
 */
export async function renderDetPlotPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg, 'utf8')).png().toBuffer();
}

function resolvePlotOptions(options: DetPlotOptions): {
  width: number;
  height: number;
  low: number;
  high: number;
} {
  const width = options.width ?? 640;
  const height = options.height ?? 640;
  const [low, high] = options.range ?? [0.001, 0.6];
  checkOption(Number.isInteger(width) && width >= 200 && width <= 8000, 'width', width);
  checkOption(Number.isInteger(height) && height >= 200 && height <= 8000, 'height', height);
  checkOption(low > 0 && high < 1 && low < high, 'range', `${String(low)}..${String(high)}`);
  return { width, height, low, high };
}

function checkOption(ok: boolean, field: string, value: number | string): void {
  if (!ok) {
    throw new EvaluationError(
      EvaluationErrorCode.invalidParameter,
      `${field} is out of range (got ${String(value)})`,
      { field, value },
    );
  }
}

function x(frame: Frame, p: number): number {
  return frame.left + (frame.size.width * (clampedDeviate(frame, p) - frame.low)) / span(frame);
}

function y(frame: Frame, p: number): number {
  return (
    frame.top +
    frame.size.height -
    (frame.size.height * (clampedDeviate(frame, p) - frame.low)) / span(frame)
  );
}

function span(frame: Frame): number {
  return frame.high - frame.low;
}

/** The deviate, held a little outside the frame so that 0 and 1 draw off the edge. */
function clampedDeviate(frame: Frame, p: number): number {
  const margin = 0.5;
  return Math.min(frame.high + margin, Math.max(frame.low - margin, normalDeviate(p)));
}

function gridAndAxes(frame: Frame, low: number, high: number): string[] {
  const right = frame.left + frame.size.width;
  const bottom = frame.top + frame.size.height;
  const ticks = TICKS.filter((tick) => tick >= low * 0.999 && tick <= high * 1.001);
  const lines = ticks.flatMap((tick) => [
    `<line x1="${f(x(frame, tick))}" y1="${f(frame.top)}" x2="${f(x(frame, tick))}" y2="${f(bottom)}" stroke="#dddddd"/>`,
    `<line x1="${f(frame.left)}" y1="${f(y(frame, tick))}" x2="${f(right)}" y2="${f(y(frame, tick))}" stroke="#dddddd"/>`,
    `<text x="${f(x(frame, tick))}" y="${f(bottom + 16)}" text-anchor="middle" font-size="11" ${FONT}>${percent(tick)}</text>`,
    `<text x="${f(frame.left - 6)}" y="${f(y(frame, tick) + 4)}" text-anchor="end" font-size="11" ${FONT}>${percent(tick)}</text>`,
  ]);
  return [
    ...lines,
    `<line x1="${f(x(frame, low))}" y1="${f(y(frame, low))}" x2="${f(x(frame, high))}" y2="${f(y(frame, high))}" stroke="#999999" stroke-dasharray="4 4"/>`,
    `<rect x="${f(frame.left)}" y="${f(frame.top)}" width="${f(frame.size.width)}" height="${f(frame.size.height)}" fill="none" stroke="black"/>`,
    `<text x="${f(frame.left + frame.size.width / 2)}" y="${f(bottom + 40)}" text-anchor="middle" font-size="13" ${FONT}>False alarm probability (%)</text>`,
    `<text x="18" y="${f(frame.top + frame.size.height / 2)}" text-anchor="middle" font-size="13" ${FONT} transform="rotate(-90 18 ${f(frame.top + frame.size.height / 2)})">Miss probability (%)</text>`,
  ];
}

function drawCurve(frame: Frame, curve: DetPlotCurve, index: number): string[] {
  const colour = COLOURS[index % COLOURS.length] ?? 'black';
  const path = curve.points
    .map((point) => `${f(x(frame, point.pFalseAlarm))},${f(y(frame, point.pMiss))}`)
    .join(' ');
  const legendY = frame.top + 20 + 18 * index;
  const legendX = frame.left + frame.size.width - 10;
  const eerText = curve.eer === undefined ? '' : ` (EER ${(100 * curve.eer).toFixed(2)}%)`;
  const parts = [
    `<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2" clip-path="url(#plot)"/>`,
    `<text x="${f(legendX)}" y="${f(legendY)}" text-anchor="end" font-size="12" fill="${colour}" ${FONT}>${escapeXml(curve.label + eerText)}</text>`,
  ];
  if (curve.eer !== undefined && curve.eer > 0) {
    parts.push(
      `<circle cx="${f(x(frame, curve.eer))}" cy="${f(y(frame, curve.eer))}" r="5" fill="none" stroke="${colour}" stroke-width="2" clip-path="url(#plot)"/>`,
    );
  }
  return parts;
}

function percent(p: number): string {
  const value = 100 * p;
  return value >= 1 ? String(Math.round(value)) : String(Number(value.toPrecision(1)));
}

function f(value: number): string {
  return value.toFixed(2);
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
