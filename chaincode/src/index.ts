/*
 * Entry point loaded by fabric-chaincode-node through `main` in package.json.
 */

import type { Contract } from 'fabric-contract-api';
import { AssetQueryContract } from './assets/asset-query.contract';
import { AssetContract } from './assets/asset.contract';
import { CrawlContract } from './crawl/crawl.contract';
import { TrainingContract } from './training/training.contract';
import { KeyDirectoryContract } from './keys/key-directory.contract';
import { SystemContract } from './system/system.contract';
// Registers the record schemas of the contract metadata.
import './metadata/schemas';

export { SystemContract } from './system/system.contract';
export { DeuroError, errorCatalogue, isDeuroError, type ErrorCode } from './ledger/errors';

/**
 * The contracts this chaincode serves. The first is the default contract, called when a
 * transaction name has no `contract:` prefix, so SystemContract must stay first.
 */
export const contracts: (new () => Contract)[] = [
  SystemContract,
  KeyDirectoryContract,
  AssetContract,
  AssetQueryContract,
  CrawlContract,
  TrainingContract,
];
