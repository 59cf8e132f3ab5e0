#!/usr/bin/env node
/**
 * `npm run develop`: the playground Strapi with this plugin, on SQLite unless DATABASE_CLIENT says
 * otherwise, at http://localhost:1337/admin. Creates a development super admin on first start.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const playground = path.join(root, 'playground');

const env = {
  ...process.env,
  STRAPI_TELEMETRY_DISABLED: 'true',
  PLAYGROUND_CREATE_ADMIN: process.env.PLAYGROUND_CREATE_ADMIN ?? '1',
  NODE_OPTIONS: [
    process.env.NODE_OPTIONS,
    `--require ${JSON.stringify(path.join(root, 'scripts/develop-signals.cjs'))}`,
  ]
    .filter(Boolean)
    .join(' '),
};

if (env.NODE_ENV === 'production') {
  console.error(
    'npm run develop is for development; NODE_ENV=production is set. Use `npm run start -w playground` after a build.'
  );
  process.exit(1);
}

console.log(
  `Starting the playground on ${env.DATABASE_CLIENT ?? 'sqlite'}. ` +
    `Admin: http://localhost:${env.PORT ?? 1337}/admin — ` +
    `${env.PLAYGROUND_ADMIN_EMAIL ?? 'admin@example.com'} / ${env.PLAYGROUND_ADMIN_PASSWORD ? '(from PLAYGROUND_ADMIN_PASSWORD)' : 'Admin12345!'}`
);

// The child gets its own process group, so that a terminal's Ctrl-C reaches it once, from here:
// the terminal signals the whole foreground group, and forwarding on top of that made Strapi shut
// down twice (a stack trace on every Ctrl-C). SIGTERM from a process manager is passed on the same way.
const child = spawn(
  process.execPath,
  [
    path.join(root, 'node_modules/@strapi/strapi/bin/strapi.js'),
    'develop',
    ...process.argv.slice(2),
  ],
  { cwd: playground, env, stdio: 'inherit', detached: true }
);
// The first signal asks for a clean shutdown; a second one (a shutdown that hangs) kills it.
let forwarded;
const signalGroup = (signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (forwarded) return signalGroup('SIGKILL');
    forwarded = signal;
    signalGroup(signal);
  });
}
// Exit 0 for the stop that was asked for; a child killed by anything else (OOM, a crash) is a failure.
child.on('exit', (code, signal) => {
  if (code !== null) process.exit(code);
  process.exit(signal === forwarded ? 0 : 128 + (os.constants.signals[signal] ?? 0));
});
