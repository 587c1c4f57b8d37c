/*
 * Public surface of @deuro/gateway.
 */

export {
  callDeadlinesMs,
  newFabricConnection,
  type FabricConnection,
  type FabricConnectionOptions,
} from './fabric/connection';
export { loadIdentityFromMsp, type MspIdentity } from './fabric/identity-files';
export {
  startChaincodeEventListener,
  type ChaincodeEventListener,
  type ChaincodeEventListenerOptions,
} from './events/chaincode-event-listener';
