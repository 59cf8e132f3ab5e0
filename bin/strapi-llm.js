#!/usr/bin/env node
'use strict';

/**
 * strapi-llm: commands of strapi-plugin-llm, run from a Strapi app folder.
 * Plugins cannot add commands to the `strapi` CLI, so this boots the app programmatically.
 */
const path = require('path');
const { parseArgs } = require('util');

const HELP = `Usage: strapi-llm seed-usage [options]

Fills a development site with realistic, deterministic demo LLM usage: demo providers, models,
configurations, tasks, users and budgets, and about 90 days of usage events with their daily
rollups. Demo rows are marked; real usage and records are never touched.

Options:
  --days <n>       days of history, ending today (default 90)
  --per-day <n>    average calls per weekday (default 400; weekends, growth and spikes vary it)
  --seed <n>       random seed: the same seed gives exactly the same rows (default 42)
  --reset          remove everything the command made (demo usage and demo records), then stop
  --force          allow NODE_ENV=production (refused otherwise)
  --app <dir>      the Strapi app folder (default: the current folder)
  -h, --help       this help
`;

function fail(message) {
  process.stderr.write(`strapi-llm: ${message}\n`);
  process.exit(2);
}

function positiveInt(name, value, fallback) {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    fail(`--${name} must be a positive whole number (got "${value}")`);
  return Number(value);
}

function progressPrinter() {
  const tty = process.stdout.isTTY;
  let lastTenth = -1;
  return (done, total, events) => {
    const ratio = done / total;
    if (tty) {
      const width = 30;
      const filled = Math.round(ratio * width);
      process.stdout.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%  day ${done}/${total}  ${events.toLocaleString('en-US')} events`
      );
      if (done === total) process.stdout.write('\n');
    } else if (Math.floor(ratio * 10) !== lastTenth) {
      lastTenth = Math.floor(ratio * 10);
      process.stdout.write(
        `seed-usage: day ${done}/${total}, ${events.toLocaleString('en-US')} events\n`
      );
    }
  };
}

/** The command line, checked: the command and its options, or the help text and an exit. */
function parseCommandLine() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        days: { type: 'string' },
        'per-day': { type: 'string' },
        seed: { type: 'string' },
        reset: { type: 'boolean' },
        force: { type: 'boolean' },
        app: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail(`${error.message}\n\n${HELP}`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return null;
  if (positionals[0] !== 'seed-usage') fail(`unknown command "${positionals[0]}"\n\n${HELP}`);
  const options = {
    days: positiveInt('days', values.days, 90),
    perDay: positiveInt('per-day', values['per-day'], 400),
    seed: positiveInt('seed', values.seed, 42),
    reset: Boolean(values.reset),
    force: Boolean(values.force),
  };
  if (process.env.NODE_ENV === 'production' && !options.force) {
    fail(
      'refusing to seed demo usage: NODE_ENV=production. Pass --force if this really is not a live site.'
    );
  }
  return { options, appDir: path.resolve(values.app ?? process.cwd()) };
}

/** The app's Strapi, loaded without its HTTP server or admin panel. */
async function loadApp(appDir) {
  let strapiPackage;
  try {
    strapiPackage = require(require.resolve('@strapi/strapi', { paths: [appDir] }));
  } catch {
    fail(`no Strapi app in ${appDir} (@strapi/strapi is not installed there)`);
  }
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const context = await strapiPackage.compileStrapi({ appDir });
  return strapiPackage
    .createStrapi({ ...context, autoReload: false, serveAdminPanel: false })
    .load();
}

async function main() {
  const command = parseCommandLine();
  if (!command) {
    process.stdout.write(HELP);
    return;
  }
  const { options } = command;
  const app = await loadApp(command.appDir);
  try {
    if (!app.plugin('llm')) fail('the llm plugin is not enabled in this app');
    const summary = await app
      .plugin('llm')
      .service('seed')
      .run({ ...options, onProgress: options.reset ? undefined : progressPrinter() });
    const seconds = (summary.ms / 1000).toFixed(1);
    if (summary.reset)
      process.stdout.write(`seed-usage: removed the demo usage and demo records in ${seconds} s\n`);
    else {
      process.stdout.write(
        `seed-usage: ${summary.events.toLocaleString('en-US')} events over ${summary.days} days, ` +
          `$${summary.costUsd} estimated cost, in ${seconds} s (${Math.round(summary.events / (summary.ms / 1000)).toLocaleString('en-US')} events/s)\n`
      );
    }
  } finally {
    await app.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`strapi-llm: ${error.message}\n`);
    process.exit(1);
  }
);
