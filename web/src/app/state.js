// The dashboard's state: the filters, the timeline bucket and the selected
// event, mirrored in the URL's query string so that any view can be shared
// as a link. A change pushes a history entry; Back/Forward restore it.
import { FILTER_KEYS } from './api.js';

const listeners = new Set();
let state = { filters: {}, bucket: 'auto', event: null };

export function getState() {
  return state;
}

export function subscribe(listener) {
  listeners.add(listener);
}

// Parses the query string; unknown or empty parameters are dropped.
export function stateFromUrl(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null && value.trim() !== '') filters[key] = value.trim();
  }
  const bucket = ['day', 'week'].includes(params.get('bucket')) ? params.get('bucket') : 'auto';
  const event = params.get('event') || null;
  return { filters, bucket, event };
}

export function urlFromState(s) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    if (s.filters[key]) params.set(key, s.filters[key]);
  }
  if (s.bucket !== 'auto') params.set('bucket', s.bucket);
  if (s.event) params.set('event', s.event);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

// Replaces parts of the state. `what` says what changed, so views reload
// only what they must: 'filters', 'bucket' or 'event'.
export function update(patch, { push = true } = {}) {
  const next = { ...state, ...patch };
  if (patch.filters) next.filters = clean(patch.filters);
  const changed = new Set();
  if (JSON.stringify(next.filters) !== JSON.stringify(state.filters)) changed.add('filters');
  if (next.bucket !== state.bucket) changed.add('bucket');
  if (next.event !== state.event) changed.add('event');
  if (changed.size === 0) return;
  state = next;
  const url = urlFromState(state);
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  notify(changed);
}

export function setFilter(key, value) {
  update({ filters: { ...state.filters, [key]: value } });
}

function clean(filters) {
  const out = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== null && String(value).trim() !== '') out[key] = String(value).trim();
  }
  return out;
}

function notify(changed) {
  for (const listener of listeners) listener(state, changed);
}

export function loadFromUrl() {
  state = stateFromUrl(location.search);
  notify(new Set(['filters', 'bucket', 'event']));
}

window.addEventListener('popstate', loadFromUrl);
