import { readFile } from 'node:fs/promises';
import { loadSource } from './src/formats/load-source.js';
for (const f of process.argv.slice(2)) {
  const text = await readFile(f, 'utf8');
  const t = performance.now();
  const s = await loadSource(f, text, { readFile: (p) => readFile(p, 'utf8') });
  const ms = (performance.now() - t).toFixed(0);
  const errs = s.diagnostics.filter(d => d.severity === 'error');
  console.log(f, s.format, s.service ? `ops=${s.service.operations.length} hooks=${s.service.webhooks.length} schemas=${Object.keys(s.service.schemas).length}` : 'NO SERVICE', `errors=${errs.length} warn=${s.diagnostics.length - errs.length}`, ms + 'ms');
  for (const d of s.diagnostics.slice(0, 5)) console.log('   ', d.severity, d.code, d.message, d.location?.line);
}
