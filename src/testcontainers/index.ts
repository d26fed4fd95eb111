// `gauntlet/testcontainers`: Gauntlet's containers for integration tests, on testcontainers 11
// (an optional peer dependency: install `testcontainers@11` beside gauntlet to use this entry).
export type { ContainerEngine, EngineSearch } from '../adapters/containers/find-engine.js';
export { describeMissingEngine, findContainerEngine } from '../adapters/containers/find-engine.js';
export type { ImageName } from '../adapters/containers/images.js';
export { SESSION_LABEL, startNetwork, useContainerEngine } from './engine.js';
export { ensureImage } from './ensure-image.js';
export {
  GauntletMockContainer,
  type GauntletMockContainerOptions,
  MOCK_PORT,
  StartedGauntletMockContainer,
} from './gauntlet-mock-container.js';
export {
  HOVERFLY_ADMIN_PORT,
  HOVERFLY_PROXY_PORT,
  HoverflyContainer,
  StartedHoverflyContainer,
} from './hoverfly-container.js';
export {
  type ContainerProxy,
  StartedToxiproxyContainer,
  startHostNetworkToxiproxy,
  TOXIPROXY_API_PORT,
  TOXIPROXY_FIRST_PROXY_PORT,
  ToxiproxyContainer,
  type ToxiproxyContainerOptions,
} from './toxiproxy-container.js';
