/*
 * The random stream of every draw of the search. A stream is named by the seed, the trial
 * number, what it draws for (the random prior or TPE's candidates) and the parameter or group
 * name, so a draw depends on nothing else: not on the order trials run or finish in, nor on which
 * other parameters are active. The name is a JSON array, so no seed can collide with another.
 */
import { newRandomStream, type RandomStream } from '../random/index.js';

/** What a stream draws for. */
export type StreamPurpose = 'prior' | 'tpe';

/** Version of the naming scheme; a change of scheme changes every suggestion. */
const SCHEME = 1;

/** The stream of one draw of trial `trialNumber`. */
export function trialStream(
  seed: string,
  trialNumber: number,
  purpose: StreamPurpose,
  name: string,
): RandomStream {
  return newRandomStream(
    JSON.stringify(['deuro/gpredict/search', SCHEME, seed, trialNumber, purpose, name]),
  );
}
