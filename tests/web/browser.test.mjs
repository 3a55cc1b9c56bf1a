// The web app in a real browser (Debian's chromium via playwright-core)
// against `trialwise serve` on a free loopback port with a fresh database.
// Every test fails on any console error, uncaught exception or error
// response, and saves screenshots of the pages it visits.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { answerItem, answerStep, completeCheck, stepNumber } from './check_helpers.mjs';
import {
  api, examplesDir, go, launchBrowser, openPage, phone, rendered, settled, startServer, tempDir, visibleText,
} from './support.mjs';

const example = (name) => JSON.parse(readFileSync(path.join(examplesDir, `${name}.json`), 'utf8'));
// A made-up supplement's pack (TEST ONLY, not medical advice) and answers to it.
const testPacks = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'packs');
const examplinPack = path.join(testPacks, 'examplin.json');
const examplinAnswers = JSON.parse(readFileSync(path.join(testPacks, 'examplin_answers.json'), 'utf8'));
const runner = example('runner_in_heat');
const liver = example('liver_encephalopathy_history');
const athlete = example('athlete_no_rest_days');

// Anything that reads as an amount of glutamine to take.
const DOSE = /\b\d+(?:[.,]\d+)?\s*(?:g|grams?|mg)\b|\bg a day\b|\bdose:/i;

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/// One test's world: a server on a fresh database and a page.
async function world(t, { today = '2026-12-07', viewport, isMobile, packFile } = {}) {
  const tmp = tempDir();
  let server = await startServer({ db: tmp.db, today, pack: packFile });
  const pack = await api(server.url, 'GET', '/pack');
  const p = await openPage(browser, t.name, { viewport, isMobile });
  t.after(async () => {
    await p.close();
    await server.stop();
    tmp.cleanup();
  });
  return {
    ...p,
    pack,
    get url() { return server.url; },
    /// Restarts the server on the same database with another "today".
    async restart(newToday) {
      await server.stop();
      server = await startServer({ db: tmp.db, today: newToday, pack: packFile });
      return server.url;
    },
    assertNoErrors() {
      assert.deepEqual(p.errors, [], `errors in the browser:\n${p.errors.join('\n')}`);
    },
  };
}

/// Waits for the plan with this review date, ready to start.
async function planShown(page, reviewDate) {
  await page.waitForFunction((d) => {
    const view = document.querySelector('#plan-review-date');
    return view && view.textContent.includes(d) && !document.querySelector('#plan-start').disabled;
  }, reviewDate);
}

async function disclaimerShown(page, pack) {
  const footer = await page.textContent('#disclaimer');
  assert.ok(footer.includes(pack.pack.disclaimer.text), `the pack's disclaimer is on the page, got: ${footer}`);
}

// An outcome series for a gut trial that helps: symptoms about 6 at
// baseline, about 3 on glutamine (lower is better), with a little noise.
function dayBody(date, phase, i) {
  const noise = [0, 1, -1, 0, 1, 0, -1][i % 7];
  if (phase === 'baseline') return { outcome: 6 + noise, doses_taken: 0, side_effects: {}, red_flags: [], note: '' };
  const step2 = date >= '2026-12-21';
  return {
    outcome: 3 + noise, doses_taken: 2, dose_g: step2 ? 10 : 5, with_food: true,
    side_effects: { bloating: i % 5 === 0 ? 2 : 0 }, red_flags: [], note: '',
  };
}

function datesBetween(first, last) {
  const out = [];
  const d = new Date(`${first}T00:00:00Z`);
  while (d.toISOString().slice(0, 10) <= last) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

test('the whole journey: check, result, plan, start, days logged, dashboard, review, history', async (t) => {
  const w = await world(t, { today: '2026-12-07' });
  const { page, pack } = w;

  await go(page, w.url, '');
  await disclaimerShown(page, pack);
  await w.shot('home');
  await rendered(page, () => page.click('#home-start'));
  await w.shot('check-first-step');
  await completeCheck(page, pack, runner);

  // The result: decision first.
  const decision = page.locator('[data-decision]');
  assert.equal(await decision.getAttribute('data-decision'), 'trial_ok');
  assert.match(await decision.textContent(), /A defined trial is reasonable/);
  assert.match(await visibleText(page), /What the evidence says/);
  assert.match(await visibleText(page), /Article: Where the Benefits Look Most Real/);
  await disclaimerShown(page, pack);
  await w.shot('result');

  // The plan, previewed then started.
  await rendered(page, () => page.click('a[href="#/plan"].button'));
  await page.fill('#plan-product', 'Pure L-Glutamine Powder');
  await page.fill('#plan-g_per_serving', '5');
  await page.fill('#plan-start-date', '2026-12-07');
  await planShown(page, 'Mon 11 Jan 2027');
  const plan = await page.textContent('#plan-view');
  assert.match(plan, /Gut-focused trial/);
  assert.match(plan, /Mon 11 Jan 2027/, 'the review date');
  assert.match(plan, /5 g 2 times a day/);
  assert.match(plan, /10 g 2 times a day/);
  assert.match(plan, /None of your other products lists it/);
  assert.match(plan, /Total at most: 20 g a day/);
  await w.shot('plan');
  await rendered(page, () => page.click('#plan-start'));
  assert.match(page.url(), /#\/today$/);

  // Day 1 (baseline), logged with the keyboard alone: the slider, then Save.
  assert.match(await page.textContent('#today-status'), /Baseline/);
  await w.shot('today-baseline');
  await page.focus('#today-outcome');
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowLeft'); // 5 -> 0
  for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowRight'); // -> 6
  assert.equal(await page.textContent('#today-outcome-value'), '6');
  await page.focus('#today-note');
  await page.keyboard.type('hot day, long run');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'today-save');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#saved-title');
  assert.match(await page.textContent('#saved-title'), /Saved Mon 7 Dec 2026/);
  await w.shot('today-saved');

  // The next day: a new "today" for the same database.
  let url = await w.restart('2026-12-08');
  await go(page, url, '#/today');
  assert.equal(await page.inputValue('#today-date'), '2026-12-08');
  await page.fill('#today-outcome', '7');
  await page.click('#today-save');
  await page.waitForSelector('#saved-title');
  // Logged again the same day: replaced, the earlier version kept.
  await page.fill('#today-outcome', '5');
  await page.click('#today-save');
  await page.waitForFunction(() => /Updated/.test(document.querySelector('#saved-title')?.textContent || ''));

  // The rest of the trial, up to the review date: most days through the API,
  // one past day through the form's date field.
  url = await w.restart('2027-01-11');
  const days = datesBetween('2026-12-09', '2027-01-09');
  for (const [i, date] of days.entries()) {
    await api(url, 'PUT', `/trial/days/${date}`, dayBody(date, date < '2026-12-14' ? 'baseline' : 'active', i));
  }
  await go(page, url, '#/today');
  await page.fill('#today-date', '2027-01-10');
  await page.fill('#today-outcome', '3');
  await page.fill('#today-doses', '2');
  await page.fill('#today-dose-g', '10');
  await page.selectOption('#today-side-bloating', '1');
  await page.check('#today-with-food');
  await w.shot('today-active');
  await page.click('#today-save');
  await page.waitForSelector('#saved-title');
  assert.match(await page.textContent('#saved-title'), /Sun 10 Jan 2027/);

  // The dashboard: chart by phase, adherence, side effects, next review.
  await rendered(page, () => page.click('nav a[href="#/dashboard"]'));
  assert.equal(await page.textContent('#dash-review-date'), 'Mon 11 Jan 2027');
  // What to do now links to the page that does it, with no command-line words.
  assert.equal(await page.textContent('ul.todo a[href="#/review"]'), 'The review date has come: see the review.');
  assert.doesNotMatch(await visibleText(page), /trialwise (review|log)/);
  assert.match(await page.textContent('#dash-adherence'), /^\d+%$/);
  assert.equal(await page.locator('svg.chart .pt-baseline').count() > 0, true, 'baseline points drawn');
  assert.equal(await page.locator('svg.chart .pt-active').count() > 0, true, 'active points drawn');
  assert.match(await visibleText(page), /Bloating: average/);
  // The exports are one click away, and each link really serves its file.
  for (const [href, type] of [['/api/v1/trial/export.html', /^text\/html/], ['/api/v1/trial/export.ics', /^text\/calendar/],
    ['/api/v1/trial/export.fhir.json', /^application\/fhir\+json/], ['/api/v1/trial/export.csv', /^text\/csv/]]) {
    assert.equal(await page.locator(`a[href="${href}"]`).count(), 1, href);
    const res = await page.request.get(new URL(href, page.url()).href);
    assert.equal(res.status(), 200, href);
    assert.match(res.headers()['content-type'], type, href);
  }
  await disclaimerShown(page, pack);
  await w.shot('dashboard');

  // The review on the review date.
  await rendered(page, () => page.click('nav a[href="#/review"]'));
  const verdict = await page.getAttribute('[data-verdict]', 'data-verdict');
  assert.equal(verdict, 'continue', await visibleText(page));
  assert.match(await page.textContent('#verdict-title'), /Continue/);
  assert.match(await page.textContent('#review-effect'), /points \(95% interval/);
  assert.match(await visibleText(page), /Next review: Mon 8 Feb 2027/);
  assert.ok(await page.locator('svg.chart').count() === 1);
  await w.shot('review');
  // Recording it sets the next review date (an amendment the dashboard shows).
  await page.click('#review-record');
  await page.waitForFunction(() => /next review is on 2027-02-08/.test(document.querySelector('#review-recorded').textContent));
  await rendered(page, () => page.click('nav a[href="#/dashboard"]'));
  assert.equal(await page.textContent('#dash-review-date'), 'Mon 8 Feb 2027');
  assert.match(await visibleText(page), /review_date: 2027-01-11 → 2027-02-08 \(review on 2027-01-11: continue/);
  await w.shot('review-recorded-dashboard');

  // History: the trial, and both versions of 8 December.
  await rendered(page, () => page.click('nav a[href="#/history"]'));
  assert.match(await page.textContent('#trials-table'), /Pure L-Glutamine Powder/);
  await page.click('text=Show all 2 versions');
  await page.waitForSelector('ol.versions li:nth-child(2)');
  assert.match(await page.textContent('ol.versions'), /Version 1.*score 7/s);
  assert.match(await page.textContent('ol.versions'), /Version 2.*score 5/s);
  await w.shot('history');

  w.assertNoErrors();
});

test('the refusal journey: hepatic encephalopathy history gets no plan and no dose', async (t) => {
  const w = await world(t);
  const { page, pack } = w;
  await go(page, w.url, '#/check');
  await completeCheck(page, pack, liver);

  const decision = page.locator('[data-decision]');
  assert.equal(await decision.getAttribute('data-decision'), 'do_not_start');
  assert.match(await decision.textContent(), /Do not start L-glutamine/);
  const text = await visibleText(page);
  assert.match(text, /hepatic encephalopathy/i, 'says why');
  assert.match(text, /Article: Who Should Avoid It/, 'cites the article');
  assert.match(await page.textContent('.bring'), /When the encephalopathy happened/, 'what to bring to a clinician');
  assert.doesNotMatch(text, DOSE, 'no dose on the result page');
  assert.equal(await page.locator('a.button[href="#/plan"]').count(), 0, 'no way on to a plan');
  await disclaimerShown(page, pack);
  await w.shot('result-refused');

  // Going to the plan page anyway shows the refusal, not a form.
  await rendered(page, () => page.click('nav a[href="#/plan"]'));
  assert.equal(await page.locator('#plan-product').count(), 0);
  assert.match(await page.textContent('[data-decision]'), /Do not start/);
  assert.doesNotMatch(await visibleText(page), DOSE, 'no dose on the plan page');
  await w.shot('plan-refused');

  for (const route of ['today', 'dashboard', 'review', 'history', '']) {
    await rendered(page, () => page.evaluate((r) => { window.location.hash = `#/${r}`; }, route));
    assert.doesNotMatch(await visibleText(page), DOSE, `no dose on #/${route}`);
  }
  w.assertNoErrors();
});

// Training recovery: the article says "only after" the basics, so a basic
// to fix blocks the plan: no "plan anyway", and the plan page refuses.
test('basics first blocks the plan where the article says only after them', async (t) => {
  const w = await world(t);
  const { page, pack } = w;
  await go(page, w.url, '#/check');
  await completeCheck(page, pack, athlete);
  assert.equal(await page.getAttribute('[data-decision]', 'data-decision'), 'fix_basics_first');
  assert.match(await page.textContent('[data-decision]'), /no plan until they are in place/);
  assert.equal(await page.locator('a.button[href="#/plan"]').count(), 0, 'no "plan a trial anyway"');
  await w.shot('result-basics-first');
  await rendered(page, () => page.click('nav a[href="#/plan"]'));
  assert.equal(await page.locator('#plan-product').count(), 0, 'no plan form');
  assert.doesNotMatch(await visibleText(page), DOSE, 'no dose on the plan page');
  w.assertNoErrors();
});

// The host rule answers localhost as it does 127.0.0.1: the app works there,
// writes included (its own Origin), while a foreign Host is refused.
test('the app works at http://localhost:PORT too', async (t) => {
  const w = await world(t);
  const { page, pack } = w;
  const local = w.url.replace('127.0.0.1', 'localhost');
  await go(page, local, '#/check');
  await completeCheck(page, pack, runner);
  assert.equal(await page.getAttribute('[data-decision]', 'data-decision'), 'trial_ok');
  const status = await page.evaluate(async () => (await fetch('/api/v1/trial/days/2026-12-07', {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"outcome": 5}' })).status);
  assert.equal(status, 404, 'a same-origin write reaches the route (no trial yet), not the guard (403/421)');
});

// What a person typed is shown as text, never run: a product name and a
// note written as markup appear literally, and no handler fires.
test('hostile text in a product name and a note is shown, never run', async (t) => {
  const w = await world(t, { today: '2026-12-08' });
  const { page } = w;
  const product = '<img src=x onerror="window.__pwned=1">';
  const note = '<script>window.__pwned=2</script> " onerror="window.__pwned=3';
  await api(w.url, 'POST', '/trial', { answers: runner, start: '2026-12-07', product, g_per_serving: 5 });
  await api(w.url, 'PUT', '/trial/days/2026-12-07', { outcome: 5, doses_taken: 0, note });
  await api(w.url, 'PUT', '/trial/days/2026-12-07', { outcome: 4, doses_taken: 0, note });
  await go(page, w.url, '#/dashboard');
  assert.ok((await visibleText(page)).includes(product), 'the product name as typed');
  await rendered(page, () => page.click('nav a[href="#/history"]'));
  await page.click('text=Show all 2 versions');
  await page.waitForSelector('ol.versions li:nth-child(2)');
  assert.ok((await page.textContent('ol.versions')).includes('<script>window.__pwned=2</script>'), 'the note as typed');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing ran');
  assert.equal(await page.locator('main img, main script').count(), 0, 'no element made from the text');
  w.assertNoErrors();
});

test('bad input in forms: each message next to its field, nothing sent until fixed', async (t) => {
  const w = await world(t);
  const { page, pack } = w;
  const requests = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/assess')) requests.push(r.url()); });
  await go(page, w.url, '#/check');

  // An age of 300, named as you type.
  await page.fill('#q-age', '300');
  const ageError = page.locator('[data-item="age"] .error');
  assert.match(await ageError.textContent(), /300 years is out of range: enter a number between 0 and 120 years/);
  assert.equal(await page.getAttribute('#q-age', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#q-age', 'aria-describedby'), /q-age-error/);
  await page.fill('#q-age', 'forty');
  assert.match(await ageError.textContent(), /Enter a whole number, between 0 and 120 years/);
  await w.shot('age-out-of-range');

  // Next with the problem left empty: stays on the step, says what is missing.
  await page.fill('#q-age', '40');
  assert.equal(await ageError.textContent(), '');
  await page.click('#check-next');
  assert.equal(await stepNumber(page), 1);
  assert.match(await page.textContent('[data-item="problem"] .error'), /Please choose one of the options/);
  assert.match(await page.textContent('[data-item="pregnant"] .error'), /Please answer yes or no/);
  assert.equal(await page.evaluate(() => document.activeElement.name), 'problem', 'focus on the first problem');
  await w.shot('required-empty');

  // A supplement with no name and a bad amount.
  await answerStep(page, pack, runner);
  await page.click('#check-next');
  for (let guard = 0; guard < 10 && !(await page.locator('#q-supplements-add').count()); guard += 1) {
    await answerStep(page, pack, runner);
    await page.click('#check-next');
  }
  await page.click('#q-supplements-add');
  assert.equal(await page.locator('#q-supplements-0-glutamine_g_per_serving').count(), 0,
    'the amount is asked only once the label is said to give one');
  await page.selectOption('#q-supplements-0-contains_glutamine', 'amount_given');
  await page.fill('#q-supplements-0-glutamine_g_per_serving', 'lots');
  assert.match(await page.textContent('#q-supplements-0-glutamine_g_per_serving-error'), /Enter a number, between 0 and 100 g/);
  await page.click('#check-next');
  assert.match(await page.textContent('#q-supplements-0-name-error'), /Please fill this in/);
  assert.match(await page.textContent('#q-supplements-0-servings_per_day-error'), /Please fill this in/);
  await w.shot('supplement-errors');
  assert.equal(requests.length, 0, 'nothing was sent to the server');

  // Fixed, the check goes on to a result.
  await page.fill('#q-supplements-0-name', 'Recovery Blend');
  await page.fill('#q-supplements-0-glutamine_g_per_serving', '2.5');
  await page.fill('#q-supplements-0-servings_per_day', '1');
  await completeCheck(page, pack, runner);
  assert.equal(await page.getAttribute('[data-decision]', 'data-decision'), 'trial_ok');

  // The plan form: grams per serving of 0 and an empty product.
  await rendered(page, () => page.click('a[href="#/plan"].button'));
  await page.fill('#plan-g_per_serving', '0');
  await page.waitForFunction(() => /out of range/.test(document.querySelector('#plan-g_per_serving-error').textContent));
  await page.click('text=Show the plan');
  assert.match(await page.textContent('#plan-product-error'), /Please fill this in/);
  assert.equal(await page.locator('#plan-view').count(), 0);
  await w.shot('plan-errors');
  w.assertNoErrors();
});

test('a reload in the middle of the check loses nothing', async (t) => {
  const w = await world(t);
  const { page, pack } = w;
  await go(page, w.url, '#/check');
  // Two steps answered, the third half done.
  for (let i = 0; i < 2; i += 1) {
    await answerStep(page, pack, runner);
    await page.click('#check-next');
  }
  await page.waitForFunction(() => document.querySelector('.progress label').textContent.startsWith('Step 3 '));
  const ids = await page.$$eval('form.step [data-item]:not([hidden])', (els) => els.map((e) => e.dataset.item));
  const first = pack.questionnaire.find((q) => q.id === ids[0]);
  await answerItem(page, first, runner[first.id]);
  await w.shot('before-reload');

  await page.reload();
  await settled(page);
  assert.equal(await stepNumber(page), 3, 'the same step');
  const checked = await page.$eval(`[data-item="${first.id}"]`, (el) => {
    const input = el.querySelector('input:checked') || el.querySelector('input');
    return input.type === 'radio' ? input.value : input.value;
  });
  assert.equal(String(checked), String(runner[first.id]), 'the half-done answer is still there');
  await w.shot('after-reload');
  // Earlier answers too.
  await page.click('text=Back');
  await page.click('text=Back');
  assert.equal(await page.inputValue('#q-age'), String(runner.age));
  assert.equal(await page.isChecked(`input[name="problem"][value="${runner.problem}"]`), true);
  await completeCheck(page, pack, runner);
  assert.equal(await page.getAttribute('[data-decision]', 'data-decision'), 'trial_ok');

  // The result survives a reload as well, and so does an unsaved day.
  await page.reload();
  await settled(page);
  assert.equal(await page.getAttribute('[data-decision]', 'data-decision'), 'trial_ok');
  await api(w.url, 'POST', '/trial', { answers: runner, start: '2026-12-07', product: 'Pure L-Glutamine Powder', g_per_serving: 5 });
  await go(page, w.url, '#/today');
  await page.fill('#today-outcome', '8');
  await page.fill('#today-note', 'half written');
  await page.reload();
  await settled(page);
  assert.equal(await page.inputValue('#today-outcome'), '8');
  assert.equal(await page.inputValue('#today-note'), 'half written');
  await w.shot('today-after-reload');
  w.assertNoErrors();
});

test('keyboard alone: a step of the check answered and submitted without a mouse', async (t) => {
  const w = await world(t);
  const { page } = w;
  await go(page, w.url, '#/check');
  // Tab from the top of the page to the first question.
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement.id)) === 'q-age') break;
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q-age', 'Tab reaches the first question');
  await page.keyboard.type('29');
  await page.keyboard.press('Tab'); // into the problem's radio group
  assert.equal(await page.evaluate(() => document.activeElement.name), 'problem');
  await page.keyboard.press('ArrowDown'); // the second choice: gut symptoms
  assert.equal(await page.isChecked('input[name="problem"][value="gut_symptoms"]'), true);
  await page.keyboard.press('Tab'); // into "pregnant"
  assert.equal(await page.evaluate(() => document.activeElement.name), 'pregnant');
  await page.keyboard.press('ArrowRight'); // "No"
  assert.equal(await page.isChecked('input[name="pregnant"][value="false"]'), true);
  // Focus must be visible where it is.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused control shows a focus ring');
  await w.shot('keyboard-step-1');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'check-next');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.progress label').textContent.startsWith('Step 2 '));
  // Focus moved to the new step's first question.
  assert.equal(await page.evaluate(() => document.activeElement.name), 'breastfeeding');
  await w.shot('keyboard-step-2');
  w.assertNoErrors();
});

test('phone-sized screen: every page fits without sideways scrolling', async (t) => {
  const w = await world(t, { viewport: phone, isMobile: true, today: '2026-12-20' });
  const { page, pack } = w;
  const fits = async (name) => {
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `${name}: ${scroll}px wide content in a ${client}px screen`);
    await disclaimerShown(page, pack);
  };
  await go(page, w.url, '');
  await fits('home');
  await w.shot('phone-home');
  await go(page, w.url, '#/check');
  await fits('check');
  await w.shot('phone-check');
  await completeCheck(page, pack, runner);
  await fits('result');
  await w.shot('phone-result');
  await rendered(page, () => page.click('a[href="#/plan"].button'));
  await page.fill('#plan-product', 'Pure L-Glutamine Powder');
  await page.fill('#plan-g_per_serving', '5');
  await page.fill('#plan-start-date', '2026-12-07');
  await planShown(page, 'Mon 11 Jan 2027');
  await fits('plan');
  await w.shot('phone-plan');
  await rendered(page, () => page.click('#plan-start'));
  for (const [i, date] of datesBetween('2026-12-07', '2026-12-19').entries()) {
    await api(w.url, 'PUT', `/trial/days/${date}`, dayBody(date, date < '2026-12-14' ? 'baseline' : 'active', i));
  }
  for (const route of ['today', 'dashboard', 'review', 'history']) {
    await go(page, w.url, `#/${route}`);
    await fits(route);
    await w.shot(`phone-${route}`);
  }
  w.assertNoErrors();
});

test('every page, with and without a trial: the disclaimer, a heading, no console errors', async (t) => {
  const w = await world(t);
  const { page, pack } = w;
  const routes = ['', 'check', 'result', 'plan', 'today', 'dashboard', 'review', 'history'];
  // The clinic server's pages, on a server without accounts: they say so, quietly.
  const accountRoutes = ['signin', 'join/not-a-token', 'account', 'clients', 'client/1'];
  for (const route of [...routes, ...accountRoutes]) {
    await go(page, w.url, `#/${route}`);
    await disclaimerShown(page, pack);
    assert.ok((await page.textContent('h1')).length > 0, `#/${route} has a heading`);
    await w.shot(`empty-${(route || 'home').replace(/\//g, '-')}`);
  }
  assert.equal(await page.locator('#account-nav *').count(), 0, 'no sign-in corner without accounts');
  await api(w.url, 'POST', '/trial', { answers: runner, start: '2026-12-07', product: 'Pure L-Glutamine Powder', g_per_serving: 5 });
  for (const route of routes) {
    await go(page, w.url, `#/${route}`);
    await disclaimerShown(page, pack);
    await w.shot(`trial-${route || 'home'}`);
  }
  // The app's own files come with a strict policy.
  const res = await page.goto(`${w.url}/`);
  const headers = res.headers();
  assert.match(headers['content-security-policy'], /script-src 'self'/);
  assert.doesNotMatch(headers['content-security-policy'], /unsafe-inline/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  await settled(page);
  const text = await visibleText(page);
  // The pack's summary says glutamine is "not a general immune booster";
  // nothing on a page may say it is one.
  for (const m of text.matchAll(/[^.]*\bimmun\w*\s+boost\w*[^.]*/gi)) {
    assert.match(m[0], /\bnot\b/, `a promise of an immune boost: "${m[0]}"`);
  }
  assert.doesNotMatch(text, /boosts?\s+(?:your\s+)?immun/i, 'no promise of an immune boost');
  w.assertNoErrors();
});

test('a second supplement from its pack alone: check, result, plan, start, a day logged, dashboard', async (t) => {
  const w = await world(t, { today: '2026-12-07', packFile: examplinPack });
  const { page, pack } = w;
  assert.equal(pack.pack.id, 'examplin');
  const seen = [];
  const look = async (name) => { seen.push(await visibleText(page)); await w.shot(name); };

  await go(page, w.url, '');
  await disclaimerShown(page, pack);
  await rendered(page, () => page.click('#home-start'));
  await completeCheck(page, pack, examplinAnswers);
  const decision = page.locator('[data-decision]');
  assert.equal(await decision.getAttribute('data-decision'), 'trial_ok');
  assert.match(await visibleText(page), /Travel/, 'the group as the pack names it');
  await look('examplin-result');

  await rendered(page, () => page.click('a[href="#/plan"].button'));
  await page.fill('#plan-product', 'Examplin Powder');
  await page.fill('#plan-g_per_serving', '1');
  await page.fill('#plan-start-date', '2026-12-07');
  await planShown(page, 'Mon 28 Dec 2026');
  const plan = await page.textContent('#plan-view');
  assert.match(plan, /Travel trial/);
  assert.match(plan, /no examplin; score the outcome every day/);
  assert.match(plan, /1 g examplin per serving/);
  await look('examplin-plan');
  await rendered(page, () => page.click('#plan-start'));
  assert.match(page.url(), /#\/today$/);

  // The trial's own scale: 1 to 5.
  assert.equal(await page.getAttribute('#today-outcome', 'min'), '1');
  assert.equal(await page.getAttribute('#today-outcome', 'max'), '5');
  assert.match(await page.textContent('#today-status'), /Baseline: no examplin/);
  await page.fill('#today-outcome', '2');
  await page.click('#today-save');
  await page.waitForSelector('#saved-title');
  await look('examplin-today');
  await rendered(page, () => page.click('nav a[href="#/dashboard"]'));
  assert.equal(await page.textContent('#dash-review-date'), 'Mon 28 Dec 2026');
  await look('examplin-dashboard');

  for (const text of seen) assert.doesNotMatch(text, /glutamine/i, 'every word about the supplement is the pack\'s');
  w.assertNoErrors();
});
