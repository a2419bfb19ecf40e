// Timeline: stacked bars of event counts per day or week, one colour per
// PLOVER type (/api/stats/timeline). Clicking a bar narrows the date
// filter to that day or week.
import { api } from './api.js';
import { el, clear, fmtInt } from './dom.js';
import { typeColor, typeOrder } from './types.js';
import { getState, update } from './state.js';

/* global d3 */
const container = document.getElementById('timeline');
const legend = document.getElementById('type-legend');
const bucketSelect = document.getElementById('bucket');
const HEIGHT = 190;
const MARGIN = { top: 8, right: 12, bottom: 26, left: 34 };
// With "auto", more days than this switch the bars to weeks.
const MAX_DAY_BARS = 120;

let last = null; // {bucket, series} of the last render, for resizes

export function initTimeline() {
  bucketSelect.addEventListener('change', () => update({ bucket: bucketSelect.value }));
  new ResizeObserver(() => {
    if (last) draw(last.bucket, last.series);
  }).observe(container);
}

export async function loadTimeline(filters, bucket, signal) {
  bucketSelect.value = bucket;
  let used = bucket === 'auto' ? 'day' : bucket;
  let data = await api.timeline(filters, used, signal);
  if (bucket === 'auto' && spanDays(data.series) > MAX_DAY_BARS) {
    used = 'week';
    data = await api.timeline(filters, used, signal);
  }
  last = { bucket: data.bucket || used, series: data.series || [] };
  draw(last.bucket, last.series);
}

function spanDays(series) {
  if (series.length === 0) return 0;
  const days = series.map((s) => Date.parse(`${s.period}T00:00:00Z`)).filter(Number.isFinite);
  return (Math.max(...days) - Math.min(...days)) / 86400000 + 1;
}

function utc(period) {
  return new Date(`${period}T00:00:00Z`);
}

function iso(date) {
  return date.toISOString().slice(0, 10);
}

// Every period from the first to the last, so quiet days show as gaps.
// When the server's periods do not fall on that grid, or the span is huge,
// its own list is used as is.
function allPeriods(bucket, series) {
  const known = [...new Set(series.map((s) => s.period))].sort();
  if (known.length === 0) return [];
  const stepDays = bucket === 'week' ? 7 : 1;
  const out = [];
  const end = utc(known[known.length - 1]);
  for (let d = utc(known[0]); d <= end && out.length <= 2000; d = d3.utcDay.offset(d, stepDays)) out.push(iso(d));
  const grid = new Set(out);
  return out.length > 2000 || !known.every((p) => grid.has(p)) ? known : out;
}

function draw(bucket, series) {
  clear(container);
  clear(legend);
  const width = Math.max(container.clientWidth, 300);
  if (series.length === 0) {
    container.append(el('p', { className: 'empty' }, 'No events for these filters.'));
    return;
  }
  const periods = allPeriods(bucket, series);
  const types = [...new Set(series.map((s) => s.type))].sort((a, b) => typeOrder(a) - typeOrder(b));
  const table = new Map(periods.map((p) => [p, { period: p }]));
  for (const s of series) {
    const row = table.get(s.period) || table.set(s.period, { period: s.period }).get(s.period);
    row[s.type] = (row[s.type] || 0) + s.count;
  }
  const rows = [...table.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
  const stack = d3.stack().keys(types).value((row, key) => row[key] || 0)(rows);
  const totals = rows.map((row) => types.reduce((n, t) => n + (row[t] || 0), 0));

  const x = d3.scaleBand().domain(rows.map((r) => r.period)).range([MARGIN.left, width - MARGIN.right]).paddingInner(0.15);
  // Bars no wider than 40 px, centred in their band, so a few days do not
  // turn into slabs.
  const barWidth = Math.min(x.bandwidth(), 40);
  const barX = (period) => x(period) + (x.bandwidth() - barWidth) / 2;
  const y = d3.scaleLinear().domain([0, d3.max(totals) || 1]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);

  const svg = d3.select(container).append('svg')
    .attr('class', 'timeline-svg')
    .attr('width', width)
    .attr('height', HEIGHT)
    .attr('viewBox', `0 0 ${width} ${HEIGHT}`)
    .attr('role', 'img')
    .attr('aria-label', `Events per ${bucket} by type`);

  const yTicks = Math.min(4, d3.max(totals) || 1);
  svg.append('g').attr('class', 'axis y-axis').attr('transform', `translate(${MARGIN.left},0)`)
    .call(d3.axisLeft(y).ticks(yTicks, 'd').tickSizeOuter(0));
  const every = Math.max(1, Math.ceil(rows.length / Math.max(1, Math.floor(width / 80))));
  svg.append('g').attr('class', 'axis x-axis').attr('transform', `translate(0,${HEIGHT - MARGIN.bottom})`)
    .call(d3.axisBottom(x).tickValues(rows.map((r) => r.period).filter((_, i) => i % every === 0))
      .tickFormat((p) => d3.utcFormat(bucket === 'week' ? 'wk %b %-d' : '%b %-d')(utc(p))).tickSizeOuter(0));

  const { filters } = getState();
  const selected = (period) => filters.since && filters.since === period;
  const bars = svg.append('g').attr('class', 'bars');
  bars.selectAll('g.layer').data(stack).join('g')
    .attr('class', 'layer')
    .attr('fill', (layer) => typeColor(layer.key))
    .selectAll('rect').data((layer) => layer.map((d) => ({ d, type: layer.key })).filter(({ d }) => d[1] > d[0]))
    .join('rect')
    .attr('class', 'bar')
    .attr('data-period', ({ d }) => d.data.period)
    .attr('data-type', ({ type }) => type)
    .attr('data-count', ({ d }) => d[1] - d[0])
    .attr('x', ({ d }) => barX(d.data.period))
    .attr('width', barWidth)
    .attr('y', ({ d }) => y(d[1]))
    .attr('height', ({ d }) => Math.max(1, y(d[0]) - y(d[1])))
    .append('title').text(({ d, type }) => `${label(bucket, d.data.period)}: ${fmtInt(d[1] - d[0])} ${type}`);

  // A transparent column per period takes the clicks, so thin bars are
  // easy to hit; it carries the period's total as its tooltip.
  svg.append('g').attr('class', 'hits').selectAll('rect').data(rows).join('rect')
    .attr('class', (r) => (selected(r.period) ? 'hit selected' : 'hit'))
    .attr('data-period', (r) => r.period)
    .attr('x', (r) => x(r.period) - (x.step() * x.paddingInner()) / 2)
    .attr('width', x.step())
    .attr('y', MARGIN.top)
    .attr('height', HEIGHT - MARGIN.bottom - MARGIN.top)
    .on('click', (_, r) => narrow(bucket, r.period))
    .append('title').text((r, i) => `${label(bucket, r.period)}: ${fmtInt(totals[i])} events (click to filter)`);

  for (const type of types) {
    legend.append(el('span', { className: 'legend-item' },
      swatch(typeColor(type)), type));
  }
}

function swatch(color) {
  const s = el('span', { className: 'swatch' });
  s.style.background = color;
  return s;
}

function label(bucket, period) {
  return bucket === 'week' ? `week of ${period}` : period;
}

function narrow(bucket, period) {
  const until = bucket === 'week' ? iso(d3.utcDay.offset(utc(period), 6)) : period;
  const { filters } = getState();
  update({ filters: { ...filters, since: period, until } });
}
