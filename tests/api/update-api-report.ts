// `npm run api:update`: rewrites the committed API report after an intended change of the surface.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiReport, REPORT_FILE } from './api-report';

mkdirSync(path.dirname(REPORT_FILE), { recursive: true });
writeFileSync(REPORT_FILE, apiReport());
process.stdout.write(`wrote ${path.relative(process.cwd(), REPORT_FILE)}\n`);
