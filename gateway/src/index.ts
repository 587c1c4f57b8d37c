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
