/**
 * Helpers of scripts/consumer-test.mjs: timed steps, child processes (logged to files, killed by
 * process group), a free port, the Strapi server of the consumer app and its admin HTTP API.
 */
/* global AbortSignal */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const started = performance.now();
const timings = [];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

export function log(message) {
  process.stdout.write(`[consumer] ${message}\n`);
}

/** Failures that do not stop the run: all printed at the end, each one fails it. */
export const failures = [];
export function fail(message) {
  failures.push(message);
  log(`FAILED: ${message}`);
}

/**
 * Runs one step, printing its name, then its time and outcome: ✖ when it threw (rethrown) or
 * recorded a failure with fail().
 */
export async function step(name, fn) {
  log(`▶ ${name}`);
  const t0 = performance.now();
  const before = failures.length;
  const done = (ok, note = '') => {
    const ms = performance.now() - t0;
    timings.push({ name: `${name}${note}`, ms, ok });
    log(`${ok ? '✔' : '✖'} ${name}${note}: ${seconds(ms)}`);
  };
  try {
    const value = await fn();
    const note = typeof value === 'object' && value?.note ? ` (${value.note})` : '';
    done(failures.length === before, note);
    return value;
  } catch (error) {
    done(false);
    throw error;
  }
}

export function printTimings() {
  const width = Math.max(...timings.map((t) => t.name.length), 5);
  log('timings:');
  for (const t of timings)
    log(`  ${t.ok ? '✔' : '✖'} ${t.name.padEnd(width)}  ${seconds(t.ms).padStart(8)}`);
  log(`  = ${'total'.padEnd(width)}  ${seconds(performance.now() - started).padStart(8)}`);
}

/** The last `lines` lines of a log file, for an error message. */
export function tail(file, lines = 40) {
  if (!fs.existsSync(file)) return '';
  return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

const children = new Set();

/** Kills a child we started and everything it started (it leads its own process group). */
export async function killTree(child, graceMs = 10000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Whatever the leader left behind in its group.
  signal('SIGKILL');
}

/** Kills every child still running (exit, signals): synchronous, so it also works in 'exit'. */
export function killAllSync() {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Starts a command in its own process group, its output appended to `logFile`. */
export function start(command, args, { cwd, env, logFile }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n$ (cd ${cwd} && ${command} ${args.join(' ')})\n`);
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs a command to its end; rejects with the tail of its log when it fails. */
export async function run(command, args, options) {
  const child = start(command, args, options);
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal));
  });
  if (code !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` (in ${options.cwd}) exited with ${code}; ` +
        `last lines of ${options.logFile}:\n${tail(options.logFile)}`
    );
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until GET /_health answers 204; fails early when the server process exits. */
export async function waitForHealth(baseUrl, child, logFile, timeoutMs = 180000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before /_health answered; ` +
          `last lines of ${logFile}:\n${tail(logFile)}`
      );
    try {
      const response = await fetch(`${baseUrl}/_health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 204) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(
    `/_health did not answer 204 within ${timeoutMs / 1000} s; last lines of ${logFile}:\n${tail(logFile)}`
  );
}

/** A JSON request to the app; throws with the status and body unless the status is `expect`. */
export async function api(baseUrl, method, url, { token, body, expect = [200, 201] } = {}) {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60000),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!expect.includes(response.status))
    throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 1000)}`);
  return json;
}
