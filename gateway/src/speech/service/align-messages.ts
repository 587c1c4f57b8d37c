/* What the align service and its worker thread say to each other. */
import type { AlignOptions, Alignment } from '../align/index.js';

/** A request: the samples' buffer is transferred, not copied. */
export interface AlignRequest {
  readonly id: number;
  readonly samples: ArrayBuffer;
  readonly sampleRate: number;
  readonly transcript: string;
  readonly options: AlignOptions;
}

/** The alignment, or the error's code and detail. */
export type AlignResponse =
  | { readonly id: number; readonly alignment: Alignment; readonly error?: undefined }
  | { readonly id: number; readonly error: { readonly code: string; readonly detail: string } };
