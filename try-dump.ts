import { readFile } from 'node:fs/promises';
import { loadSource } from './src/formats/load-source.js';
const [f, what] = process.argv.slice(2);
const text = await readFile(f!, 'utf8');
const s = await loadSource(f!, text, { readFile: (p) => readFile(p, 'utf8') });
const svc = s.service!;
const out = what === 'schemas' ? svc.schemas : what === 'meta' ? {...svc, operations: svc.operations.length, schemas: Object.keys(svc.schemas)} : svc.operations.filter(o => o.id === what || (what?.startsWith('#') && o.path === what.slice(1))).concat(svc.webhooks.filter(o=>o.id===what));
console.log(JSON.stringify(out, null, 1).slice(0, 6000));
