import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This file sits at server/src/paths.ts and compiles to server/dist/paths.js: both are two levels
// below the repository root, so the same relative step works from source (tests) and build (start).
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const migrationsDir = path.join(repoRoot, 'migrations');
export const seedDir = path.join(repoRoot, 'seed');
export const webDistDir = path.join(repoRoot, 'web', 'dist');
