// The clinic server in a real browser, two people at once (two browser
// contexts, each with its own cookies): the coach invites, the client joins
// through the link and shares, logs days; the coach sees them; the client
// sees that the coach looked, then revokes; the coach no longer can.
// Screenshots of each step land beside the other browser tests'.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { PASSWORD, addAccount, bin, examplesDir, inPage, go, launchBrowser, openPage, rendered, settled, startServer, tempDir, visibleText } from './support.mjs';

const runner = JSON.parse(readFileSync(path.join(examplesDir, 'runner_in_heat.json'), 'utf8'));
const COACH = 'coach@example.org';
const CLIENT = 'client@example.org';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function signIn(page, url, email) {
  await go(page, url, '#/signin?next=%23%2Faccount');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', PASSWORD);
  await rendered(page, () => page.click('#signin-submit'));
  await page.waitForSelector('#nav-who');
}

test('coach and client: invite, join and share, days seen, looks listed, revoked', async (t) => {
  const tmp = tempDir();
  addAccount(tmp.db, COACH, 'coach');
  const server = await startServer({ db: tmp.db, today: '2026-12-14', args: ['--accounts'] });
  const coach = await openPage(browser, `${t.name} coach`);
  const client = await openPage(browser, `${t.name} client`);
  t.after(async () => {
    await coach.close();
    await client.close();
    await server.stop();
    tmp.cleanup();
  });

  // Signed out, a page with a person's data asks for a sign-in first.
  await go(coach.page, server.url, '#/dashboard');
  assert.ok(await coach.page.isVisible('#signin-submit'), 'the dashboard waits for a sign-in');
  await coach.shot('signed-out-dashboard');

  // The coach signs in and makes an invitation link.
  await signIn(coach.page, server.url, COACH);
  await rendered(coach.page, () => coach.page.click('#nav-clients'));
  assert.ok(await coach.page.isVisible('#clients-none'));
  await coach.page.click('#invite');
  const link = await coach.page.inputValue('.invite-url');
  assert.match(link, new RegExp(`^${server.url}/#/join/[A-Za-z0-9_-]{43}$`));
  await coach.shot('invitation-made');

  // The client opens the link, chooses what to share and creates an account.
  await client.page.goto(link);
  await settled(client.page);
  assert.ok((await visibleText(client.page)).includes(`${COACH} invites you`));
  await client.shot('invitation-opened');
  await client.page.fill('input[name=email]', CLIENT);
  await client.page.fill('input[name=password]', PASSWORD);
  await client.page.click('#join-submit');
  assert.equal(await client.page.textContent('#join-error'), 'Choose at least one thing to share.', 'nothing is chosen for the person');
  await client.page.check('input[value=status]');
  await client.page.check('input[value=review]');
  await rendered(client.page, () => client.page.click('#join-submit'));
  assert.ok((await client.page.textContent('#shares')).includes(COACH));
  assert.equal(await client.page.textContent('#nav-who'), CLIENT);
  await client.shot('joined-account');

  // The client starts a trial and logs the baseline week, one note hostile.
  const started = await inPage(client.page, 'POST', '/trial', { answers: runner, start: '2026-12-07', product: 'Powder', g_per_serving: 5 });
  assert.equal(started.status, 201, started.body);
  for (let d = 7; d <= 13; d += 1) {
    const note = d === 9 ? HOSTILE : `day ${d}`;
    const logged = await inPage(client.page, 'PUT', `/trial/days/2026-12-${String(d).padStart(2, '0')}`, { outcome: 6, doses_taken: 0, note });
    assert.equal(logged.status, 201, logged.body);
  }
  await go(client.page, server.url, '#/dashboard');
  await client.shot('client-dashboard');

  // The coach sees the client, then the client's days: the note as text.
  await go(coach.page, server.url, '#/clients');
  const row = coach.page.locator(`tr[data-client="${CLIENT}"]`);
  assert.equal(await row.count(), 1);
  assert.ok((await row.textContent()).includes('Dec'), 'the last day logged');
  const clientId = (await row.locator('a').getAttribute('href')).split('/')[2];
  await coach.shot('clients-list');
  await rendered(coach.page, () => row.locator('a').click());
  assert.ok((await coach.page.textContent('#client-days-table')).includes(HOSTILE), 'the note as the client typed it');
  assert.equal(await coach.page.evaluate(() => window.__pwned), undefined, 'nothing ran');
  assert.equal(await coach.page.locator('main img').count(), 0, 'no element made from the text');
  assert.ok(await coach.page.isVisible('#client-review'), 'the review is shared');
  assert.equal(await coach.page.locator('#client-report').count(), 0, 'the report is not shared');
  await coach.shot('client-view');

  // The client sees each look, then stops sharing.
  await go(client.page, server.url, '#/account');
  const looks = await client.page.textContent('#access-log');
  assert.ok(looks.includes(COACH) && looks.includes('logged days') && looks.includes('review'), looks);
  await client.shot('who-has-seen-my-data');
  await rendered(client.page, () => client.page.click('button[data-action=revoke]'));
  assert.ok(await client.page.isVisible('#shares-none'));
  await client.shot('revoked');

  // The coach no longer can: not in the list, not by the client's page.
  await go(coach.page, server.url, '#/clients');
  assert.ok(await coach.page.isVisible('#clients-none'));
  const direct = await inPage(coach.page, 'GET', `/clients/${clientId}/trial/days`);
  assert.equal(direct.status, 404, 'as if the client did not exist');
  await coach.shot('after-revoke');

  // Signing out ends the session: the dashboard asks again.
  await coach.page.click('#nav-signout');
  await coach.page.waitForSelector('#nav-signin');
  await go(coach.page, server.url, '#/dashboard');
  assert.ok(await coach.page.isVisible('#signin-submit'));

  // The one 404 the coach asked for on purpose (the response and the console's note of it).
  assert.deepEqual([...coach.errors].sort(), [
    'console: Failed to load resource: the server responded with a status of 404 (Not Found)',
    `response 404: GET ${server.url}/api/v1/clients/${clientId}/trial/days`,
  ].sort(), coach.errors.join('\n'));
  assert.deepEqual(client.errors, [], client.errors.join('\n'));
});
