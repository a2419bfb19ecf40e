// The dashboard's entry point: wires the filter bar, the views and the URL
// together. Every view reloads when the filters change; the timeline alone
// when its bucket changes; the evidence panel when the selected event does.
import { api } from './api.js';
import { clear, el, fmtInt } from './dom.js';
import { initFilters, showFilters, showOptions } from './filters.js';
import { initTimeline, loadTimeline } from './timeline.js';
import { initMap, loadBasemap, loadMap } from './map.js';
import { initNetwork, loadNetwork } from './network.js';
import { initEvents, loadEvents, markSelected, setTotal } from './events.js';
import { initEvidence, showEvidence } from './evidence.js';
import { getState, loadFromUrl, subscribe } from './state.js';

const REFRESH_MS = 10000;
const summaryEl = document.getElementById('summary');
const statusEl = document.getElementById('status');
const controllers = new Map(); // view name -> AbortController of its request
const errors = new Map(); // view name -> message
let pending = 0;
let refreshTimer = null;

// Runs one view's load; a newer load of the same view aborts the older.
async function run(name, load) {
  controllers.get(name)?.abort();
  const controller = new AbortController();
  controllers.set(name, controller);
  pending += 1;
  document.body.dataset.state = 'loading';
  try {
    await load(controller.signal);
    errors.delete(name);
  } catch (err) {
    if (err.name !== 'AbortError') {
      errors.set(name, `${name}: ${err.message}`);
      console.warn(`khaldun dashboard: ${name}:`, err.message); // eslint-disable-line no-console
    }
  } finally {
    pending -= 1;
    if (controllers.get(name) === controller) controllers.delete(name);
    showStatus();
  }
}

function showStatus() {
  if (errors.size) {
    statusEl.hidden = false;
    statusEl.textContent = `Could not load ${[...errors.values()].join('; ')}`;
  } else {
    statusEl.hidden = true;
    statusEl.textContent = '';
  }
  if (pending === 0) document.body.dataset.state = errors.size ? 'error' : 'ready';
}

function showSummary(s, filters) {
  clear(summaryEl);
  const filtered = Object.keys(filters).length > 0;
  summaryEl.append(
    el('strong', {}, fmtInt(s.events)), ` event${s.events === 1 ? '' : 's'} from `,
    el('strong', {}, fmtInt(s.articles)), ` article${s.articles === 1 ? '' : 's'}`,
    s.date_min ? ` · ${s.date_min} to ${s.date_max}` : '',
    filtered ? ' · filtered' : '');
  setTotal(s.events);
}

function loadAll(state, { live = false } = {}) {
  const { filters } = state;
  run('summary', async (signal) => showSummary(await api.summary(filters, signal), filters));
  run('timeline', (signal) => loadTimeline(filters, state.bucket, signal));
  run('map', (signal) => loadMap(filters, signal, { fit: !live }));
  run('network', (signal) => loadNetwork(filters, signal));
  run('events', (signal) => loadEvents(filters, signal, { live }));
}

function loadOptions() {
  run('options', async (signal) => {
    const [summary, actors] = await Promise.all([api.summary({}, signal), api.actors({}, signal)]);
    showOptions(summary, actors.actors || []);
  });
}

function setAutoRefresh(on) {
  clearInterval(refreshTimer);
  refreshTimer = null;
  if (on) {
    refreshTimer = setInterval(() => {
      if (pending > 0) return; // the last round is still loading
      loadOptions();
      loadAll(getState(), { live: true });
      if (getState().event) run('evidence', (signal) => showEvidence(getState().event, signal));
    }, REFRESH_MS);
  }
}

// The download link exports what the filters select.
const exportFormat = document.getElementById('export-format');
const exportLink = document.getElementById('export-link');
function updateExportLink() {
  exportLink.href = api.exportUrl(getState().filters, exportFormat.value);
}
exportFormat.addEventListener('change', updateExportLink);

subscribe((state, changed) => {
  if (changed.has('filters')) {
    showFilters(state.filters);
    updateExportLink();
    loadAll(state);
  } else if (changed.has('bucket')) {
    run('timeline', (signal) => loadTimeline(state.filters, state.bucket, signal));
  }
  if (changed.has('event')) {
    markSelected(state.event);
    run('evidence', (signal) => showEvidence(state.event, signal));
  }
});

initFilters();
initTimeline();
initMap();
initNetwork();
initEvents();
initEvidence();
const refresh = document.getElementById('auto-refresh');
refresh.addEventListener('change', () => setAutoRefresh(refresh.checked));
setAutoRefresh(refresh.checked);
run('basemap', loadBasemap);
loadOptions();
loadFromUrl();
