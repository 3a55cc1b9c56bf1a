// A coach's series in a real browser: four clients share their review (one
// only its status), each logs a gut trial to its review date; the coach opens
// "Across your clients", sees the words, the forest plot drawn by chromium and
// a row per sharing client only. The same trials exported by each client and
// pooled by `trialwise series` give the API's JSON exactly. Screenshots of
// the page and of the plot alone land beside the other browser tests'.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { PASSWORD, addAccount, bin, examplesDir, inPage, go, launchBrowser, openPage, rendered, startServer, tempDir, visibleText } from './support.mjs';

const runner = JSON.parse(readFileSync(path.join(examplesDir, 'runner_in_heat.json'), 'utf8'));
const COACH = 'coach@example.org';
const TODAY = '2027-02-01';
const QUERY = 'protocol=gut_focused_trial&outcome=gut_symptoms&method=reml&knha=false';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function signedIn(browserPage, url, email) {
  await go(browserPage.page, url, '#/');
  const res = await inPage(browserPage.page, 'POST', '/session', { email, password: PASSWORD });
  assert.equal(res.status, 204, res.body);
}

function isoDay(start, n) {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

test('a coach pools the clients who share their review: words, forest plot, CLI and API agree', async (t) => {
  const tmp = tempDir();
  addAccount(tmp.db, COACH, 'coach');
  const clients = ['ana@example.org', 'ben@example.org', 'cai@example.org', 'dee@example.org'];
  for (const c of clients) addAccount(tmp.db, c, 'person');
  const server = await startServer({ db: tmp.db, today: TODAY, args: ['--accounts'] });
  const coach = await openPage(browser, t.name);
  t.after(async () => {
    await coach.close();
    await server.stop();
    tmp.cleanup();
  });
  await signedIn(coach, server.url, COACH);

  // Each client joins (dee shares only the status) and logs every day to the review.
  const exported = [];
  for (const [i, email] of clients.entries()) {
    const client = await openPage(browser, `${t.name} ${email}`);
    await signedIn(client, server.url, email);
    const invited = await inPage(coach.page, 'POST', '/invitations', {});
    assert.equal(invited.status, 201, invited.body);
    const share = email.startsWith('dee') ? ['status'] : ['status', 'review'];
    const accepted = await inPage(client.page, 'POST', `/invitations/${JSON.parse(invited.body).token}/accept`, { share });
    assert.equal(accepted.status, 201, accepted.body);
    const started = await inPage(client.page, 'POST', '/trial', { answers: runner, start: '2026-12-07', product: 'Powder', g_per_serving: 5 });
    assert.equal(started.status, 201, started.body);
    for (let d = 0; d < 35; d += 1) {
      const active = d >= 7;
      const outcome = 6 + (d % 3) * 0.5 - (active ? 1 + 0.6 * i : 0);
      const logged = await client.page.evaluate(async ([day, body]) => {
        const res = await fetch(`/api/v1/trial/days/${day}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        return res.status;
      }, [isoDay('2026-12-07', d), { outcome, doses_taken: active ? 2 : 0 }]);
      assert.ok(logged === 200 || logged === 201, `day ${d}: ${logged}`);
    }
    const record = await inPage(client.page, 'GET', '/trial/export.json');
    assert.equal(record.status, 200, record.body);
    if (share.includes('review')) exported.push({ ...JSON.parse(record.body), client: email });
    await client.close();
  }

  // The coach's page: words first, the plot, a row per sharing client, caveats.
  await go(coach.page, server.url, '#/clients');
  await rendered(coach.page, () => coach.page.click('#series-link'));
  await coach.page.selectOption('#series-protocol', 'gut_focused_trial');
  await coach.page.selectOption('#series-outcome', 'gut_symptoms');
  await coach.page.click('#series-submit');
  await coach.page.waitForSelector('#series-words');
  await coach.page.waitForFunction(() => {
    const img = document.querySelector('#series-forest');
    return img && img.complete && img.naturalWidth > 0;
  });
  const words = await coach.page.textContent('#series-words');
  assert.match(words, /In 3 clients whose Gut-focused trial reached its review, Gut symptoms improved by/);
  assert.match(words, /for a new client, the likely range is/);
  const rows = await coach.page.locator('#series-people tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.client));
  assert.deepEqual(rows, ['ana@example.org', 'ben@example.org', 'cai@example.org']);
  assert.ok(!(await visibleText(coach.page)).includes('dee@example.org'), 'a status-only share is not in the series');
  assert.ok((await coach.page.textContent('#series-caveats')).includes('open-label'));
  const size = await coach.page.evaluate(() => {
    const img = document.querySelector('#series-forest');
    return { w: img.naturalWidth, h: img.naturalHeight };
  });
  assert.ok(size.w >= 700 && size.h > 150, `the plot rendered: ${JSON.stringify(size)}`);
  const pageShot = await coach.shot('series-page');

  // The plot alone, as chromium draws it, and what it is made of.
  await coach.page.locator('#series-forest').screenshot({ path: path.join(path.dirname(pageShot), '02-forest-plot.png') });
  const svg = await coach.page.evaluate(async (q) => {
    const text = await (await fetch(`/api/v1/clients/series.svg?${q}`)).text();
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { polygons: doc.querySelectorAll('polygon').length, scripts: doc.querySelectorAll('script').length,
      errors: doc.querySelectorAll('parsererror').length };
  }, QUERY);
  assert.deepEqual(svg, { polygons: 1, scripts: 0, errors: 0 }, 'well-formed, the pooled diamond, no script');

  // The CLI on the same trials, exported by their clients, gives the API's JSON.
  const api = await inPage(coach.page, 'GET', `/clients/series?${QUERY}`);
  assert.equal(api.status, 200, api.body);
  const lines = path.join(tmp.dir, 'records.jsonl');
  writeFileSync(lines, exported.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const cli = spawnSync(bin, ['series', '--trials', lines, '--json', '--as-of', TODAY], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout), JSON.parse(api.body));

  assert.deepEqual(coach.errors, [], coach.errors.join('\n'));
});
