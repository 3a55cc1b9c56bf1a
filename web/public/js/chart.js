// The outcome over time by phase, drawn as inline SVG: baseline days as
// circles, active days as squares (off blocks of a block design as
// triangles), each phase's mean as a dashed line, the review date marked.
// Shapes as well as colours tell the phases apart; a table below the chart
// gives the same numbers to a screen reader.

import { h, s, uid } from './dom.js';
import { addDays, daysBetween, longDate, num, shortDate } from './format.js';

const H = 280;

// Narrower drawing on a phone, so that the labels stay readable when the
// chart is scaled to the screen.
function chartWidth() {
  return window.innerWidth < 600 ? 380 : 640;
}
const M = { left: 44, right: 16, top: 16, bottom: 44 };

function phases(substance) {
  return {
    baseline: { label: `Baseline (no ${substance || 'supplement'})`, cls: 'pt-baseline' },
    active: { label: 'Active (taking it)', cls: 'pt-active' },
    off: { label: 'Off block', cls: 'pt-off' },
  };
}

function marker(phase, x, y) {
  const r = 5;
  if (phase === 'active') return s('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, class: 'pt pt-active' });
  if (phase === 'off') return s('path', { d: `M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z`, class: 'pt pt-off' });
  return s('circle', { cx: x, cy: y, r, class: 'pt pt-baseline' });
}

/// series: [{date, outcome, phase}]; scale: {min, max, low, high};
/// options: {better, reviewDate, start, title, substance}.
export function outcomeChart(series, scale, options = {}) {
  const PHASES = phases(options.substance);
  const W = chartWidth();
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const points = (series || []).filter((p) => p && typeof p.outcome === 'number').sort((a, b) => (a.date < b.date ? -1 : 1));
  const first = options.start || (points[0] && points[0].date);
  let last = points.length ? points[points.length - 1].date : first;
  if (options.reviewDate && options.reviewDate > last) last = options.reviewDate;
  if (!first) return h('p', { class: 'empty-chart' }, 'Nothing logged yet: the chart appears with the first day.');
  const span = Math.max(daysBetween(first, last), 1);
  const x = (date) => M.left + (daysBetween(first, date) / span) * (W - M.left - M.right);
  const y = (v) => M.top + (1 - (v - scale.min) / (scale.max - scale.min)) * (H - M.top - M.bottom);

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': `${titleId} ${descId}`, focusable: 'false' });
  svg.append(s('title', { id: titleId }, options.title || 'Outcome over time'));

  // Phase runs: consecutive points of one phase.
  const runs = [];
  for (const p of points) {
    const run = runs[runs.length - 1];
    if (run && run.phase === p.phase) run.points.push(p);
    else runs.push({ phase: p.phase, points: [p] });
  }
  const means = {};
  for (const p of points) {
    means[p.phase] = means[p.phase] || { sum: 0, n: 0 };
    means[p.phase].sum += p.outcome;
    means[p.phase].n += 1;
  }
  const desc = Object.entries(means).map(([phase, m]) => `${PHASES[phase] ? PHASES[phase].label : phase}: mean ${num(m.sum / m.n)} over ${m.n} day${m.n === 1 ? '' : 's'}`).join('; ');
  svg.append(s('desc', { id: descId }, `${points.length} day${points.length === 1 ? '' : 's'} logged from ${longDate(first)}. ${desc}. ${options.better ? `${options.better[0].toUpperCase()}${options.better.slice(1)} is better.` : ''}`));

  // Bands behind the runs.
  for (const run of runs) {
    const x0 = x(run.points[0].date) - 4;
    const x1 = x(run.points[run.points.length - 1].date) + 4;
    svg.append(s('rect', { x: x0, y: M.top, width: Math.max(x1 - x0, 8), height: H - M.top - M.bottom, class: `band band-${run.phase}` }));
  }

  // Grid and y axis.
  const yAxis = s('g', { class: 'axis' });
  const stepY = scale.max - scale.min > 10 ? Math.ceil((scale.max - scale.min) / 5) : 2;
  for (let v = scale.min; v <= scale.max; v += stepY) {
    yAxis.append(
      s('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: 'grid' }),
      s('text', { x: M.left - 8, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
  }
  svg.append(yAxis);

  // x axis: about six date ticks.
  const xAxis = s('g', { class: 'axis' });
  const tickEvery = Math.max(1, Math.ceil(span / (W < 600 ? 4 : 6)));
  for (let d = 0; d <= span; d += tickEvery) {
    const date = addDays(first, d);
    xAxis.append(
      s('line', { x1: x(date), x2: x(date), y1: H - M.bottom, y2: H - M.bottom + 5, class: 'tick' }),
      s('text', { x: x(date), y: H - M.bottom + 20, 'text-anchor': 'middle' }, shortDate(date)));
  }
  xAxis.append(s('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'baseline-axis' }));
  svg.append(xAxis);

  if (options.reviewDate) {
    const rx = x(options.reviewDate);
    svg.append(
      s('line', { x1: rx, x2: rx, y1: M.top, y2: H - M.bottom, class: 'review-line' }),
      s('text', { x: rx - 4, y: M.top + 12, 'text-anchor': 'end', class: 'review-label' }, `Review ${shortDate(options.reviewDate)}`));
  }

  // Means, lines, then points on top.
  for (const run of runs) {
    const m = means[run.phase];
    const x0 = x(run.points[0].date);
    const x1 = x(run.points[run.points.length - 1].date);
    svg.append(s('line', { x1: x0, x2: Math.max(x1, x0 + 1), y1: y(m.sum / m.n), y2: y(m.sum / m.n), class: `mean mean-${run.phase}` }));
    if (run.points.length > 1) {
      svg.append(s('polyline', { points: run.points.map((p) => `${x(p.date)},${y(p.outcome)}`).join(' '), class: `trace trace-${run.phase}` }));
    }
  }
  for (const p of points) {
    const mk = marker(p.phase, x(p.date), y(p.outcome));
    mk.append(s('title', null, `${longDate(p.date)}: ${p.outcome} (${PHASES[p.phase] ? PHASES[p.phase].label : p.phase})`));
    svg.append(mk);
  }

  const phasesPresent = Object.keys(means);
  const legend = h('ul', { class: 'legend' },
    phasesPresent.map((phase) => h('li', null,
      s('svg', { viewBox: '-7 -7 14 14', width: '14', height: '14', 'aria-hidden': 'true' }, marker(phase, 0, 0)),
      ` ${PHASES[phase] ? PHASES[phase].label : phase}: mean ${num(means[phase].sum / means[phase].n)}`)),
    h('li', null, `${scale.min} = ${scale.low}, ${scale.max} = ${scale.high}${options.better ? `; ${options.better} is better` : ''}`));

  const table = h('details', { class: 'chart-table' },
    h('summary', null, 'The numbers'),
    h('table', null,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, 'Phase'), h('th', { scope: 'col' }, 'Score'))),
      h('tbody', null, points.map((p) => h('tr', null, h('td', null, longDate(p.date)), h('td', null, PHASES[p.phase] ? PHASES[p.phase].label : p.phase), h('td', null, String(p.outcome)))))));

  return h('figure', { class: 'chart-figure' }, svg, h('figcaption', null, legend), table);
}
