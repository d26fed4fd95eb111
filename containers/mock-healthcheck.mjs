// The container's health check: the mock's admin API answers /__gauntlet/health (with the admin
// token the container was started with). Exit 0 healthy, 1 not (no shell or curl in the image).
const token = process.env.GAUNTLET_ADMIN_TOKEN;
const headers = token ? { authorization: `Bearer ${token}` } : {};
fetch('http://127.0.0.1:4010/__gauntlet/health', {
  headers,
  signal: AbortSignal.timeout(1500),
}).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
