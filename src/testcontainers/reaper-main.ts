// The reaper process (see reaper.ts): `node reaper-main.js PARENT_PID DOCKER_HOST LABEL VALUE NETWORK_PREFIX`.
import { engineApi } from '../adapters/containers/engine-api.js';
import { pidAlive } from '../adapters/process/pid-alive.js';

const [parentText, dockerHost, label, value, networkPrefix] = process.argv.slice(2);
const parent = Number(parentText);

async function reap(): Promise<void> {
  if (!dockerHost || !label || !value || !networkPrefix) return;
  const api = engineApi(dockerHost);
  for (const container of await api.containersWithLabel(label, value)) {
    await api.removeContainer(container.id).catch(() => undefined);
  }
  for (const network of await api.networksNamed(networkPrefix)) {
    await api.removeNetwork(network).catch(() => undefined);
  }
}

const timer = setInterval(() => {
  if (pidAlive(parent)) return;
  clearInterval(timer);
  reap().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}, 500);
