// Filling the check the way a person does: step by step, each visible
// question answered from an answers object (examples/*.json).

import assert from 'node:assert/strict';
import { rendered } from './support.mjs';

/// Answers the questions on the current step; returns the ids answered.
export async function answerStep(page, pack, answers) {
  const ids = await page.$$eval('form.step [data-item]:not([hidden])', (els) => els.map((e) => e.dataset.item));
  for (const id of ids) {
    const item = pack.questionnaire.find((q) => q.id === id);
    const value = answers[id];
    if (value === undefined) continue;
    await answerItem(page, item, value);
  }
  return ids;
}

export async function answerItem(page, item, value) {
  switch (item.type) {
    case 'boolean':
      await page.check(`input[name="${item.id}"][value="${value ? 'true' : 'false'}"]`);
      break;
    case 'enum':
      await page.check(`input[name="${item.id}"][value="${value}"]`);
      break;
    case 'array': {
      // Rows already listed (e.g. typed by the test itself) stay; these come after.
      const offset = await page.locator(`[data-item="${item.id}"] ol.rows > li`).count();
      for (let i = 0; i < value.length; i += 1) {
        const r = offset + i;
        await page.click(`#q-${item.id}-add`);
        for (const field of item.fields) {
          const v = value[i][field.id];
          if (v === undefined) continue;
          const sel = `#q-${item.id}-${r}-${field.id}`;
          if (field.type === 'boolean') await page.setChecked(sel, Boolean(v));
          else if (field.type === 'enum') await page.selectOption(sel, String(v));  // redraws the row
          else await page.fill(sel, String(v));
        }
      }
      break;
    }
    default:
      await page.fill(`#q-${item.id}`, String(value));
  }
}

/// Which step the check shows ("Step 2 of 8" -> 2).
export async function stepNumber(page) {
  const text = await page.textContent('.progress label');
  return Number(text.match(/Step (\d+)/)[1]);
}

/// Answers every step and asks for the result; resolves on the result page.
export async function completeCheck(page, pack, answers, { onStep } = {}) {
  for (let guard = 0; guard < 40; guard += 1) {
    await page.waitForSelector('form.step');
    const step = await stepNumber(page);
    await answerStep(page, pack, answers);
    if (onStep) await onStep(step);
    const label = (await page.textContent('#check-next')).trim();
    if (label === 'See my result') {
      await rendered(page, () => page.click('#check-next'));
      assert.match(page.url(), /#\/result$/);
      return;
    }
    await page.click('#check-next');
    await page.waitForFunction((s) => {
      const el = document.querySelector('.progress label');
      return el && !el.textContent.startsWith(`Step ${s} `);
    }, step);
  }
  throw new Error('the check did not end within 40 steps');
}
