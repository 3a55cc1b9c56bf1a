// Renders the clinician's reports in Debian's Chromium through playwright-core
// (pinned; no browser is downloaded), checks what a reader must see, and saves
// each as a PDF (A4 and Letter) and a full-page screenshot beside it.
//   node render_report.mjs DIR   (DIR holds *.html; artifacts go to DIR too)
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const dir = resolve(process.argv[2]);
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
let failures = 0;
const fail = (m) => { failures++; console.log(`FAIL: ${m}`); };

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});
try {
  const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
  if (files.length === 0) fail(`no *.html in ${dir}`);
  for (const file of files) {
    const stem = file.replace(/\.html$/, '');
    const url = pathToFileURL(join(dir, file)).href;
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // Self-contained: the page itself is the only request.
    page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('data:')) problems.push(`request to ${r.url()}`); });
    await page.goto(url, { waitUntil: 'load' });

    const facts = await page.evaluate(() => {
      const svg = document.querySelector('figure svg');
      return {
        verdict: document.querySelector('[data-verdict]')?.textContent ?? '',
        verdictCode: document.querySelector('[data-verdict]')?.getAttribute('data-verdict') ?? '',
        svgPoints: svg ? svg.querySelectorAll('circle').length : -1,
        svgWidth: svg ? svg.getBoundingClientRect().width : 0,
        scripts: document.scripts.length,
        sections: [...document.querySelectorAll('h2')].map((h) => h.textContent),
        disclaimer: document.querySelector('#disclaimer')?.textContent ?? '',
        title: document.title,
      };
    });
    if (!facts.verdict.startsWith('Verdict: ')) fail(`${file}: no verdict shown (${facts.verdict})`);
    if (facts.svgPoints <= 0) fail(`${file}: the chart's SVG is missing or empty`);
    if (facts.scripts !== 0) fail(`${file}: ${facts.scripts} script element(s)`);
    for (const h of ['Who the trial was for', 'Screening: answers and findings', 'The plan', 'Amendments',
                     'The outcome by phase', 'Adherence', 'Side effects by dose step', 'The verdict', 'Pack and sources'])
      if (!facts.sections.includes(h)) fail(`${file}: no section "${h}"`);
    if (!facts.disclaimer.includes('Not medical advice')) fail(`${file}: no disclaimer`);

    // Print: nothing wider than an A4 page's printable width (about 182 mm at 96 dpi: 688 px).
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 688, height: 1000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) fail(`${file}: ${overflow} px wider than an A4 page when printed`);
    for (const [format, name] of [['A4', 'a4'], ['Letter', 'letter']]) {
      const path = join(dir, `${stem}.${name}.pdf`);
      await page.pdf({ path, format, printBackground: true, preferCSSPageSize: true });
      const pages = (readFileSync(path, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      if (pages < 1 || pages > 8) fail(`${file}: ${format} PDF has ${pages} pages`);
      else console.log(`ok: ${stem}.${name}.pdf (${pages} pages)`);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 900, height: 1200 });
    await page.screenshot({ path: join(dir, `${stem}.png`), fullPage: true });

    for (const p of problems) fail(`${file}: ${p}`);
    if (problems.length === 0) console.log(`ok: ${file}: "${facts.verdict}" (${facts.verdictCode}), chart with ${facts.svgPoints} days, no console errors`);
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(failures === 0 ? 'report (chromium): all checks passed' : `report (chromium): ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
