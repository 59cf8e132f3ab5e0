import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const PLAYGROUND_DIR = path.join(REPO_ROOT, 'playground');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts');
