// The event list (/api/events, newest first) with cursor pagination, and
// the one-line descriptions of events and actors shared with the evidence
// panel.
import { api } from './api.js';
import { el, clear, fmtInt } from './dom.js';
import { typeColor } from './types.js';
import { getState, update } from './state.js';

const list = document.getElementById('event-list');
const more = document.getElementById('load-more');
const countEl = document.getElementById('list-count');
let cursor = null;
let shown = new Set();
let total = null;

export function initEvents() {
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      await loadPage(getState().filters, cursor, undefined);
    } finally {
      more.disabled = false;
    }
  });
}

export function setTotal(n) {
  total = n;
  showCount();
}

function showCount() {
  countEl.textContent = total === null ? `${fmtInt(shown.size)} shown`
    : `${fmtInt(shown.size)} of ${fmtInt(total)} shown`;
}

// The first page for new filters. With `live` (auto-refresh), events
// already listed stay, with their pages, and new ones go on top.
export async function loadEvents(filters, signal, { live = false } = {}) {
  const data = await api.events(filters, null, signal);
  if (live && shown.size > 0) {
    const fresh = (data.events || []).filter((e) => !shown.has(String(e.id)));
    for (const e of fresh.reverse()) {
      const item = eventItem(e);
      item.classList.add('fresh');
      list.prepend(item);
      shown.add(String(e.id));
    }
  } else {
    clear(list);
    shown = new Set();
    appendEvents(data.events || []);
    cursor = data.next_cursor || null;
    if (shown.size === 0) list.append(el('li', { className: 'empty' }, 'No events for these filters.'));
  }
  more.hidden = !cursor;
  markSelected(getState().event);
  showCount();
}

async function loadPage(filters, from, signal) {
  const data = await api.events(filters, from, signal);
  appendEvents(data.events || []);
  cursor = data.next_cursor || null;
  more.hidden = !cursor;
  markSelected(getState().event);
  showCount();
}

function appendEvents(events) {
  for (const e of events) {
    if (shown.has(String(e.id))) continue;
    shown.add(String(e.id));
    list.append(eventItem(e));
  }
}

export function markSelected(id) {
  for (const item of list.children) {
    item.classList.toggle('selected', id !== null && item.dataset.id === id);
  }
}

function eventItem(e) {
  const button = el('button', { className: 'event-row', attrs: { type: 'button' } },
    el('div', { className: 'event-line' },
      typeBadge(e.type),
      el('span', { className: 'event-date' }, e.date || 'undated'),
      el('span', { className: 'event-place' }, placeText(e)),
      harmText(e) ? el('span', { className: 'event-harm' }, harmText(e)) : null),
    el('div', { className: 'event-actors' }, actorsLine(e)),
    el('div', { className: 'event-sentence' }, e.sentence || ''),
    el('div', { className: 'event-meta' },
      `${factualityText(e)} · ${fmtInt(e.source_count)} source${e.source_count === 1 ? '' : 's'}`,
      e.headline ? ` · ${e.headline}` : ''));
  button.addEventListener('click', () => update({ event: String(e.id) }));
  return el('li', { className: 'event-item', dataset: { id: e.id, type: e.type || '' } }, button);
}

export function typeBadge(type) {
  const badge = el('span', { className: 'type-badge' }, type || '?');
  badge.style.background = typeColor(type);
  return badge;
}

export function actorName(a) {
  return a.name || a.text || a.code || '?';
}

export function actorsText(actors) {
  return (actors || []).map(actorName).join(' + ') || '—';
}

export function actorsLine(e) {
  return `${actorsText(e.source)} → ${actorsText(e.target)}`;
}

export function placeText(e) {
  const parts = [e.place, e.admin1, e.country].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'no place';
}

export function harmText(e) {
  return [e.killed ? `${fmtInt(e.killed)} killed` : null, e.injured ? `${fmtInt(e.injured)} injured` : null]
    .filter(Boolean).join(', ');
}

export function factualityText(e) {
  if (!e.factuality) return 'factuality unknown';
  return e.factuality_cue ? `${e.factuality} (“${e.factuality_cue}”)` : e.factuality;
}
