/*
 * A durable listener of chaincode events: events arrive in commit order (block by block,
 * transaction by transaction), each is handed to the caller's handler, and only after the
 * handler has finished is the position saved to a checkpoint file. A listener started again with
 * the same file resumes right after the last handled event: nothing is missed, nothing is handled
 * twice (unless the process dies between the handler and the checkpoint write, the one window
 * at-least-once delivery cannot close; handlers should be idempotent on transaction id).
 */
import { checkpointers, type ChaincodeEvent, type Network } from '@hyperledger/fabric-gateway';

/** Options of {@link startChaincodeEventListener}. */
export interface ChaincodeEventListenerOptions {
  /** The channel to listen on. */
  readonly network: Network;
  /** The chaincode whose events to receive. */
  readonly chaincode: string;
  /** File that keeps the position between runs; created when missing. */
  readonly checkpointFile: string;
  /** Where to start when the checkpoint file has no position yet; the next block by default. */
  readonly startBlock?: bigint;
  /** Receives each event; the position advances when it resolves. */
  readonly onEvent: (event: ChaincodeEvent) => Promise<void> | void;
  /** Receives the error that ended the listener, if it was not closed. */
  readonly onError?: (error: unknown) => void;
}

/** A running listener. */
export interface ChaincodeEventListener {
  /** Stop listening; resolves when the current handler (if any) has finished. */
  close(): Promise<void>;
}

/**
 * Start listening.
 * @throws Error when the checkpoint file cannot be read or the event stream cannot be opened.
 */
export async function startChaincodeEventListener(
  options: ChaincodeEventListenerOptions,
): Promise<ChaincodeEventListener> {
  const checkpointer = await checkpointers.file(options.checkpointFile);
  const events = await options.network.getChaincodeEvents(options.chaincode, {
    checkpoint: checkpointer,
    ...(options.startBlock === undefined ? {} : { startBlock: options.startBlock }),
  });
  const status = { closed: false };
  const done = (async () => {
    try {
      for await (const event of events) {
        await options.onEvent(event);
        await checkpointer.checkpointChaincodeEvent(event);
      }
    } catch (error) {
      if (!status.closed) {
        options.onError?.(error);
      }
    }
  })();
  return {
    async close() {
      status.closed = true;
      events.close();
      await done;
    },
  };
}
