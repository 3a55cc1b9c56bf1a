// The publisher's embed in a real browser: an article page served from one
// origin (a small Node server standing in for the publisher, with its own
// clashing styles and a strict Content-Security-Policy) embeds the check from
// `trialwise serve --checker` on another origin. The reader goes through the
// check and reads the result; nothing is stored, no cookie travels, nothing
// is asked of any third server, and neither page's styles reach the other.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { answerItem } from './check_helpers.mjs';
import { api, examplesDir, launchBrowser, openPage, phone, startServer } from './support.mjs';

const example = (name) => JSON.parse(readFileSync(path.join(examplesDir, `${name}.json`), 'utf8'));
const runner = example('runner_in_heat');
const liver = example('liver_encephalopathy_history');
const DOSE = /\b\d+(?:[.,]\d+)?\s*(?:g|grams?|mg)\b|\bg a day\b|\bdose:/i;

// The publisher's article: the five lines of docs/embed.md, a strict CSP that
// names the checker, and styles that would wreck a widget without a shadow root.
function articlePage(checker) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Glutamine: who it may help</title>
  <link rel="stylesheet" href="/site.css">
</head>
<body>
  <h1>Glutamine: who it may help, and who should skip it</h1>
  <p class="card" id="publisher-card">The publisher's own text, in the publisher's own card.</p>
  <button id="publisher-button">Subscribe</button>
  <script type="module" src="${checker}/embed.js"></script>
  <trialwise-check plan-url="https://app.example.org/#/check"></trialwise-check>
</body>
</html>`;
}

const SITE_CSS = `
body { font-family: Georgia, serif; color: rgb(200, 0, 0); line-height: 3; text-align: center; }
* { letter-spacing: 3px; }
button { display: none; }
#publisher-button { display: inline-block; background: rgb(255, 255, 0); }
input { visibility: hidden; }
.card { border: 10px dashed rgb(0, 0, 255); }
h2 { font-size: 60px; }
`;

/// A publisher's site on a free loopback port (another origin than the checker's).
function startPublisher(csp) {
  let checker = '';
  const server = http.createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (req.url === '/site.css') {
      res.writeHead(200, { 'Content-Type': 'text/css' });
      res.end(SITE_CSS);
    } else if (req.url === '/' || req.url === '/article') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp(checker) });
      res.end(articlePage(checker));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        set checker(url) { checker = url; },
        stop: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

const strictPolicy = (checker) =>
  `default-src 'none'; script-src ${checker}; connect-src ${checker}; style-src 'self'; img-src 'self'; base-uri 'none'`;

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/// A publisher, a checker that allows it, a page on the article, every request recorded.
async function world(t, { viewport, isMobile, allow = true, args = [] } = {}) {
  const publisher = await startPublisher(strictPolicy);
  const checker = await startServer({
    today: '2026-12-07',
    args: ['--checker', ...(allow ? ['--allow-origin', publisher.url] : []), ...args],
  });
  publisher.checker = checker.url;
  const pack = await api(checker.url, 'GET', '/pack');
  const p = await openPage(browser, t.name, { viewport, isMobile });
  const requests = [];
  p.page.on('request', (r) => requests.push({ url: r.url(), cookie: r.headers().cookie }));
  // A cookie the checker's origin holds: the embed must never send it.
  await p.context.addCookies([{ name: 'tracker', value: 'x', url: checker.url }]);
  t.after(async () => {
    await p.close();
    await checker.stop();
    await publisher.stop();
  });
  return { ...p, pack, publisher, checker, requests };
}

// Evaluates `fn(root, arg)` in the page with the embed's shadow root (as an
// expression: the article's CSP allows no eval in the page itself).
const inShadow = (page, fn, arg) =>
  page.evaluate(`(${fn.toString()})(document.querySelector('trialwise-check').shadowRoot, ${JSON.stringify(arg ?? null)})`);

async function ready(page) {
  await page.waitForFunction(() => {
    const root = document.querySelector('trialwise-check')?.shadowRoot;
    return root && root.querySelector('form.step');
  });
}

const stepLabel = (page) => inShadow(page, (root) => root.querySelector('.progress label').textContent);

/// Answers every step inside the embed and asks for the result.
async function completeEmbeddedCheck(page, pack, answers) {
  for (let guard = 0; guard < 40; guard += 1) {
    const label = await stepLabel(page);
    const ids = await inShadow(page, (root) =>
      [...root.querySelectorAll('form.step [data-item]:not([hidden])')].map((e) => e.dataset.item));
    for (const id of ids) {
      if (answers[id] !== undefined) await answerItem(page, pack.questionnaire.find((q) => q.id === id), answers[id]);
    }
    const button = (await page.locator('#check-next').textContent()).trim();
    await page.click('#check-next');
    if (button === 'See my result') {
      await page.waitForFunction(() => document.querySelector('trialwise-check').shadowRoot.querySelector('#result-title'));
      return;
    }
    await page.waitForFunction((old) => {
      const el = document.querySelector('trialwise-check').shadowRoot.querySelector('.progress label');
      return el && el.textContent !== old;
    }, label);
  }
  throw new Error('the embedded check did not end within 40 steps');
}

test('a reader on a publisher\'s page takes the check and reads the result', async (t) => {
  const w = await world(t);
  const { page } = w;
  await page.goto(`${w.publisher.url}/article`);
  await ready(page);
  await w.shot('embed-first-step');

  // Accessible: a named region, the title, every question with a label.
  await page.getByRole('region', { name: /glutamine check/i }).waitFor();
  assert.equal(await page.getByRole('heading', { name: `Does ${w.pack.pack.supplement} fit you?` }).count(), 1);
  const unlabelled = await inShadow(page, (root) => [...root.querySelectorAll('input')]
    .filter((i) => !(i.labels && i.labels.length) && !i.getAttribute('aria-label')).map((i) => i.id));
  assert.deepEqual(unlabelled, [], 'every field has a label');

  // Keyboard alone: Tab from the publisher's button reaches the first choice.
  await page.focus('#publisher-button');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const host = document.activeElement;
    const inner = host && host.shadowRoot && host.shadowRoot.activeElement;
    return { host: host && host.tagName, inner: inner && inner.tagName };
  });
  assert.deepEqual(focused, { host: 'TRIALWISE-CHECK', inner: 'INPUT' });

  // A missing answer is named, not skipped.
  await page.click('#check-next');
  assert.ok((await inShadow(page, (root) => root.querySelectorAll('[aria-invalid="true"]').length)) > 0);

  await completeEmbeddedCheck(page, w.pack, runner);
  const result = await inShadow(page, (root) => ({
    decision: root.querySelector('[data-decision]').dataset.decision,
    text: root.querySelector('.frame').innerText,
    focused: root.activeElement && root.activeElement.id,
  }));
  assert.equal(result.decision, 'trial_ok');
  assert.equal(result.focused, 'result-title', 'the result heading takes focus, so a screen reader reads it');
  assert.ok(result.text.includes(w.pack.pack.disclaimer.text), 'the pack\'s disclaimer is under the result');
  assert.ok(result.text.includes('What the evidence says'));
  assert.doesNotMatch(result.text, /immune boost/i);
  // The publisher's plan-url: offered where the result allows a trial, in a new tab, with no referrer.
  const planLink = await inShadow(page, (root) => {
    const a = [...root.querySelectorAll('a')].find((x) => x.textContent.includes('Plan the trial'));
    return a && { href: a.getAttribute('href'), target: a.target, rel: a.rel };
  });
  assert.deepEqual(planLink, { href: 'https://app.example.org/#/check', target: '_blank', rel: 'noopener noreferrer' });
  await w.shot('embed-result');

  // Nothing stored, no cookie sent, nobody else asked.
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
  assert.equal(stored, 0, 'the embed stores nothing in the publisher\'s origin');
  const origins = new Set(w.requests.map((r) => new URL(r.url).origin));
  assert.deepEqual([...origins].sort(), [w.checker.url, w.publisher.url].sort(), 'only the page and the checker');
  const toChecker = w.requests.filter((r) => r.url.startsWith(w.checker.url));
  assert.ok(toChecker.some((r) => r.url.endsWith('/api/v1/assess')));
  assert.deepEqual(toChecker.filter((r) => r.cookie), [], 'no request to the checker carries a cookie');

  // Neither page's styles reach the other.
  const styles = await inShadow(page, (root) => {
    const next = root.querySelector('#change-answer');
    const frame = root.querySelector('.frame');
    const heading = root.querySelector('h2');
    return {
      buttonDisplay: getComputedStyle(next).display,
      color: getComputedStyle(frame).color,
      font: getComputedStyle(frame).fontFamily,
      headingSize: getComputedStyle(heading).fontSize,
      letterSpacing: getComputedStyle(heading).letterSpacing,
    };
  });
  assert.notEqual(styles.buttonDisplay, 'none');
  assert.notEqual(styles.color, 'rgb(200, 0, 0)');
  assert.doesNotMatch(styles.font, /Georgia/);
  assert.notEqual(styles.headingSize, '60px');
  assert.equal(styles.letterSpacing, 'normal', 'the page\'s `* { letter-spacing }` is not inherited into the check');
  const card = await page.evaluate(() => getComputedStyle(document.querySelector('#publisher-card')).borderTopWidth);
  assert.equal(card, '10px', 'the embed\'s .card does not restyle the publisher\'s');

  // Change an answer: back to the check with the answers kept.
  await page.click('#change-answer');
  await ready(page);
  assert.ok((await stepLabel(page)).startsWith('Step'));
  assert.deepEqual(w.errors, [], `errors in the browser:\n${w.errors.join('\n')}`);
});

test('a refusal in the embed is as clear as an approval and carries no dose', async (t) => {
  const w = await world(t, { viewport: phone, isMobile: true });
  const { page } = w;
  await page.goto(`${w.publisher.url}/article`);
  await ready(page);
  await completeEmbeddedCheck(page, w.pack, liver);
  const result = await inShadow(page, (root) => ({
    decision: root.querySelector('[data-decision]').dataset.decision,
    text: root.querySelector('.frame').innerText,
    headings: [...root.querySelectorAll('h2')].map((h) => h.textContent),
  }));
  assert.ok(['do_not_start', 'see_clinician'].includes(result.decision), result.decision);
  assert.ok(result.headings.includes('Why not'));
  assert.ok(result.headings.includes('What to bring to a clinician'));
  assert.doesNotMatch(result.text, DOSE);
  assert.doesNotMatch(result.text, /Plan the trial/, 'a refusal offers no plan, whatever the page asks');
  await w.shot('embed-refusal-phone');
  assert.deepEqual(w.errors, [], `errors in the browser:\n${w.errors.join('\n')}`);
});

test('a busy checker says so in words, and "Try again" brings the check', async (t) => {
  // One API request a second from an address. When the embed asks for the
  // pack, the test first takes this address's request itself (asking until
  // granted), then lets the embed's through: it arrives well within the
  // second, so it meets a 429 whatever the timing. (Spending the budget in a
  // loop while the page loaded left a few per cent of runs where the embed's
  // request came just after a refill, and the check loaded.)
  const w = await world(t, { args: ['--rate', '1'] });
  const { page } = w;
  const packUrl = `${w.checker.url}/api/v1/pack`;
  const statuses = [];
  await page.route(packUrl, async (route) => {
    for (let granted = false; !granted;) {
      granted = (await fetch(packUrl)).ok;
      if (!granted) await new Promise((done) => setTimeout(done, 50));
    }
    await route.continue();
  });
  page.on('response', (r) => { if (r.url() === packUrl) statuses.push(r.status()); });
  await page.goto(`${w.publisher.url}/article`);
  await page.waitForFunction(() => document.querySelector('trialwise-check')?.shadowRoot?.querySelector('[role="alert"]'));
  assert.deepEqual(statuses, [429], 'the embed asked for the pack once and was refused');
  const alert = await inShadow(page, (root) => root.querySelector('[role="alert"]').textContent);
  assert.equal(alert, 'Many people are using the check just now. Please try again in a moment.');
  await w.shot('embed-busy');
  // A second on, the budget holds a request again.
  await page.unroute(packUrl);
  await new Promise((done) => setTimeout(done, 1200));
  await page.getByRole('button', { name: 'Try again' }).click();
  await ready(page);
  assert.match(await stepLabel(page), /Step 1/);
  assert.deepEqual(statuses, [429, 200]);
});

test('a page on an origin the checker does not allow gets no check', async (t) => {
  const w = await world(t, { allow: false });
  const { page } = w;
  await page.goto(`${w.publisher.url}/article`);
  await page.waitForFunction(() => document.readyState === 'complete');
  // The module script is refused by CORS: no element is defined, nothing drawn.
  assert.equal(await page.evaluate(() => customElements.get('trialwise-check') === undefined), true);
  assert.ok(w.errors.some((e) => /embed\.js/.test(e)), `the browser reports the refused script: ${w.errors.join('\n')}`);
  await w.shot('embed-refused-origin');
});
