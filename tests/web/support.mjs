// Shared pieces of the browser tests: a fresh `trialwise serve` per test,
// Debian's chromium through playwright-core, console-error collection and
// screenshots saved as artifacts.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const bin = process.env.TRIALWISE_BIN;
export const examplesDir = process.env.TRIALWISE_EXAMPLES;
export const artifactsDir = process.env.TRIALWISE_ARTIFACTS || path.resolve('artifacts');
export const chromiumPath = process.env.TRIALWISE_CHROMIUM || '/usr/bin/chromium';

if (!bin) throw new Error('TRIALWISE_BIN must name the trialwise binary (the CTest test web.browser sets it)');

/// Phone-sized (an iPhone 12/13/14's CSS pixels).
export const phone = { width: 390, height: 844 };

export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/// A fresh directory for one test's database, removed by cleanup().
export function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialwise-web-'));
  return { dir, db: path.join(dir, 'trialwise.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/// Starts `trialwise serve --port 0 [--db DB] [ARGS]` with TRIALWISE_TODAY=today
/// and resolves once it prints the address it listens on (no db: a checker,
/// args ['--checker', ...]).
export function startServer({ db, today, pack, args = [] }) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', '--port', '0', ...(db ? ['--db', db] : []), ...(pack ? ['--pack', pack] : []), ...args], {
      env: { ...process.env, TRIALWISE_TODAY: today },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`trialwise serve did not start in 10 s\n${err}`));
    }, 10_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          today,
          log: () => err,
          stop: () => new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
        });
      }
    });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`trialwise serve exited (${code}) before listening\n${err}`));
    });
  });
}

/// A page that records every console error, uncaught exception and failed
/// or error response, and saves numbered screenshots under the test's name.
export async function openPage(browser, testName, { viewport = { width: 1200, height: 900 }, isMobile = false } = {}) {
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`response ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  const dir = path.join(artifactsDir, testName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''));
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const shots = [];
  return {
    page,
    context,
    errors,
    shots,
    /// Saves a full-page screenshot (NN-name.png) and returns its path.
    async shot(name) {
      n += 1;
      const file = path.join(dir, `${String(n).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots.push(file);
      return file;
    },
    close: () => context.close(),
  };
}

/// Goes to a route of the app and waits until the page has rendered.
/// A full load every time (a goto that only changes the hash would not
/// reload, and could be read before the new page renders); localStorage
/// stays, as it does for a person.
export async function go(page, base, hash) {
  await page.goto('about:blank');
  await page.goto(`${base}/${hash}`);
  await settled(page);
}

/// Waits until the app is not rendering (main has no aria-busy and has rendered once).
export async function settled(page) {
  await page.waitForSelector('main[data-ready]:not([aria-busy])');
}

export async function api(base, method, route, body) {
  const res = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/// Runs `action` (a click that changes the route) and waits for the new
/// page's render to finish.
export async function rendered(page, action) {
  const before = await page.evaluate(() => document.querySelector('main').dataset.ready || '0');
  await action();
  await page.waitForFunction(
    (old) => {
      const main = document.querySelector('main');
      return main.dataset.ready && main.dataset.ready !== old && !main.hasAttribute('aria-busy');
    },
    before,
  );
}

/// The text a person sees on the page (what "no dose anywhere" is checked on).
export function visibleText(page) {
  return page.evaluate(() => document.body.innerText);
}

/// The password every account in the browser tests gets.
export const PASSWORD = 'correct horse battery staple';

/// Adds an account with `trialwise account add` (the password on standard input).
export function addAccount(db, email, role) {
  const r = spawnSync(bin, ['account', 'add', '--db', db, '--email', email, '--role', role, '--password-stdin'],
    { input: `${PASSWORD}\n`, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`account add ${email}: ${r.stderr}`);
}

/// A same-origin request from inside the page: the person's cookie, the page's Origin.
export function inPage(page, method, route, body) {
  return page.evaluate(async ([m, r, b]) => {
    const res = await fetch(`/api/v1${r}`, { method: m, headers: { 'Content-Type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: res.status, body: await res.text() };
  }, [method, route, body]);
}
