/** Counter-based random numbers for reproducible training and search. */
export { philox4x32, type Words2, type Words4 } from './philox.js';
export { newRandomStream, streamKey, type RandomStream } from './random-stream.js';
