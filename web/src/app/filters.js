// The filter bar shared by every view. It shows the state's filters and
// turns edits into state updates: selects and dates apply at once, text
// fields on Enter, Apply or when they lose focus.
import { FILTER_KEYS } from './api.js';
import { el, clear, fmtInt } from './dom.js';
import { PLOVER_TYPES } from './types.js';
import { getState, update } from './state.js';

const form = document.getElementById('filters');

export function initFilters() {
  fillTypes([]);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  for (const name of ['since', 'until', 'type', 'country', 'factuality']) {
    form.elements[name].addEventListener('change', apply);
  }
  for (const name of ['admin1', 'actor', 'q', 'min_sources']) {
    form.elements[name].addEventListener('change', apply);
  }
  document.getElementById('reset-filters').addEventListener('click', () => {
    update({ filters: {}, event: null });
  });
}

function apply() {
  const filters = {};
  for (const key of FILTER_KEYS) filters[key] = form.elements[key].value;
  update({ filters });
}

// Shows the state's filters in the form.
export function showFilters(filters) {
  for (const key of FILTER_KEYS) {
    const field = form.elements[key];
    const value = filters[key] || '';
    if (field.tagName === 'SELECT' && value && ![...field.options].some((o) => o.value === value)) {
      field.append(el('option', { attrs: { value } }, value));
    }
    field.value = value;
    field.classList.toggle('active', value !== '');
  }
}

// Options from the unfiltered summary: counts per type, the countries seen.
export function showOptions(summary, actors) {
  fillTypes(summary.types || []);
  const countries = form.elements.country;
  clear(countries);
  countries.append(el('option', { attrs: { value: '' } }, 'all countries'));
  for (const { country, count } of summary.countries || []) {
    if (!country) continue;
    countries.append(el('option', { attrs: { value: country } }, `${country} (${fmtInt(count)})`));
  }
  const list = document.getElementById('actor-options');
  clear(list);
  for (const actor of actors || []) {
    const value = actor.code || actor.name;
    if (!value) continue;
    list.append(el('option', { attrs: { value, label: actor.label || actor.name || actor.code } }));
  }
  showFilters(getState().filters);
}

function fillTypes(counts) {
  const byType = new Map(counts.map((t) => [t.type, t.count]));
  const select = form.elements.type;
  clear(select);
  select.append(el('option', { attrs: { value: '' } }, 'all types'));
  for (const [type] of PLOVER_TYPES) {
    const n = byType.get(type);
    select.append(el('option', { attrs: { value: type } }, n ? `${type} (${fmtInt(n)})` : type));
  }
  for (const [type, n] of byType) {
    if (!PLOVER_TYPES.some(([t]) => t === type)) select.append(el('option', { attrs: { value: type } }, `${type} (${fmtInt(n)})`));
  }
}
