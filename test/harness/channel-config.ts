/**
 * Reads the ordering part of the channel's current configuration the way an
 * operator would: `peer channel fetch config`, decoded by `configtxlator`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { TestNetwork } from './test-network';

interface HostPort {
  host: string;
  port: number;
}

interface DecodedConfigBlock {
  data: {
    data: {
      payload: {
        data: {
          config: {
            channel_group: {
              groups: {
                Orderer: {
                  values: {
                    ConsensusType: {
                      value: { type: string; metadata?: { consenters?: HostPort[] } };
                    };
                    Orderers?: { value: { consenter_mapping: HostPort[] } };
                  };
                };
              };
            };
          };
        };
      };
    }[];
  };
}

/** The consensus type and consenters of the channel's ordering service. */
export interface OrderingConfig {
  /** `BFT` or `etcdraft`. */
  readonly consensusType: string;
  /** The consenters' `host:port`, sorted. */
  readonly consenters: readonly string[];
}

/**
 * Fetches and decodes the channel's latest config block.
 * @throws Error when the block cannot be fetched or decoded.
 */
export async function fetchOrderingConfig(network: TestNetwork): Promise<OrderingConfig> {
  const { layout } = network;
  const block = path.join(layout.runDir, 'config-block.pb');
  const decoded = `${block}.json`;
  const orderer = layout.orderers[0];
  if (orderer === undefined) {
    throw new Error('the network has no orderer');
  }
  await network.peerAdmin('peer0.org1', [
    'channel',
    'fetch',
    'config',
    block,
    '-c',
    layout.channel,
    '-o',
    orderer.address,
    '--tls',
    '--cafile',
    layout.ordererTlsCa,
  ]);
  await network.fabric('configtxlator', [
    'proto_decode',
    '--type',
    'common.Block',
    '--input',
    block,
    '--output',
    decoded,
  ]);
  const config = JSON.parse(readFileSync(decoded, 'utf8')) as DecodedConfigBlock;
  const ordering = config.data.data[0]?.payload.data.config.channel_group.groups.Orderer;
  if (ordering === undefined) {
    throw new Error('the config block has no Orderer group');
  }
  const consensus = ordering.values.ConsensusType.value;
  const consenters =
    consensus.type === 'BFT'
      ? (ordering.values.Orderers?.value.consenter_mapping ?? [])
      : (consensus.metadata?.consenters ?? []);
  return {
    consensusType: consensus.type,
    consenters: consenters.map((c) => `${c.host}:${String(c.port)}`).sort(),
  };
}
