// Map: Leaflet with no tile layer. The basemap is Natural Earth's country
// shapes from the world-atlas package (served locally as TopoJSON), and the
// events from /api/map are clustered points, coloured by type. A click on a
// point opens that event's evidence.
import { api } from './api.js';
import { el, fmtInt } from './dom.js';
import { typeColor } from './types.js';
import { update } from './state.js';

/* global L, topojson */
const BASEMAP_URL = '/vendor/world-atlas/countries-50m.json';
const countEl = document.getElementById('map-count');
let map = null;
let clusters = null;
let lastFitKey = null;

export function initMap() {
  map = L.map('map', {
    // One copy of the world: there are no tiles to repeat it.
    maxBounds: [[-85, -200], [85, 220]],
    maxBoundsViscosity: 0.8,
    minZoom: 1,
    maxZoom: 12,
    zoomSnap: 0.5,
    attributionControl: true,
  }).setView([25, 30], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Leaflet · basemap: Natural Earth (world-atlas)');
  map.createPane('basemap');
  map.getPane('basemap').style.zIndex = 200;

  clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    spiderfyOnMaxZoom: true,
    // Built as an element with textContent: no HTML strings, no style=.
    iconCreateFunction: (cluster) => {
      const n = cluster.getChildCount();
      const size = n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
      const inner = el('span', {}, fmtInt(n));
      return L.divIcon({
        html: el('div', {}, inner),
        className: `cluster cluster-${size}`,
        iconSize: L.point(36, 36),
      });
    },
  });
  map.addLayer(clusters);
  new ResizeObserver(() => map.invalidateSize()).observe(document.getElementById('map'));
}

// The country shapes, once (about 750 KB of TopoJSON).
export async function loadBasemap(signal) {
  const response = await fetch(BASEMAP_URL, { signal });
  if (!response.ok) throw new Error(`basemap: ${response.status}`);
  const world = await response.json();
  const countries = topojson.feature(world, world.objects.countries);
  for (const feature of countries.features) unwrapAntimeridian(feature.geometry);
  L.geoJSON(countries, {
    pane: 'basemap',
    interactive: false,
    style: { color: '#aab4be', weight: 0.6, fillColor: '#f5f3ee', fillOpacity: 1 },
  }).addTo(map);
}

// Rings that cross the antimeridian (Russia's Chukotka, Fiji) jump from
// 180 to -180 degrees, which Leaflet draws as a line across the world.
// Unwrapping each ring's longitudes (+-360 where a step exceeds 180) keeps
// it in one piece; it then reaches a little past 180.
function unwrapAntimeridian(geometry) {
  if (!geometry) return;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates]
    : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i += 1) {
        const previous = ring[i - 1][0];
        while (ring[i][0] - previous > 180) ring[i][0] -= 360;
        while (ring[i][0] - previous < -180) ring[i][0] += 360;
      }
    }
  }
}

// `fit` re-centres the map on the points (new filters); auto-refresh keeps
// the analyst's view.
export async function loadMap(filters, signal, { fit = true } = {}) {
  const data = await api.map(filters, signal);
  const features = (data.features || []).filter((f) => f && f.geometry && f.geometry.type === 'Point');
  clusters.clearLayers();
  const markers = [];
  for (const feature of features) {
    const [lon, lat] = feature.geometry.coordinates;
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const p = feature.properties || {};
    const marker = L.circleMarker([lat, lon], {
      radius: 7,
      color: '#ffffff',
      weight: 1.5,
      fillColor: typeColor(p.type),
      fillOpacity: 0.9,
      className: 'event-point',
    });
    marker.eventId = p.id ?? feature.id;
    marker.bindTooltip(tooltip(p), { direction: 'top', offset: [0, -6] });
    marker.on('click', () => update({ event: String(marker.eventId) }));
    markers.push(marker);
  }
  clusters.addLayers(markers);
  countEl.textContent = `${fmtInt(markers.length)} located event${markers.length === 1 ? '' : 's'}`;
  // The points' extent, for tests and for anyone inspecting the page.
  const mapEl = document.getElementById('map');
  mapEl.dataset.points = String(markers.length);
  if (markers.length > 0) mapEl.dataset.bounds = L.featureGroup(markers).getBounds().toBBoxString();
  else delete mapEl.dataset.bounds;
  const fitKey = JSON.stringify(filters);
  if (fit && markers.length > 0 && fitKey !== lastFitKey) {
    lastFitKey = fitKey;
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.5), { maxZoom: 5, animate: false });
  }
}

function tooltip(p) {
  const place = [p.place, p.admin1, p.country].filter(Boolean).join(' · ');
  const harm = [p.killed ? `${fmtInt(p.killed)} killed` : null, p.injured ? `${fmtInt(p.injured)} injured` : null]
    .filter(Boolean).join(', ');
  return el('div', { className: 'map-tip' },
    el('strong', {}, p.type || 'event'), ' ', p.date || '',
    el('br'), place,
    harm ? el('br') : null, harm || null,
    p.precision ? el('div', { className: 'muted' }, `precision: ${p.precision}`) : null);
}
