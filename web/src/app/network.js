// Actor network: who acts on whom (/api/network), laid out with d3-force.
// Node area grows with the actor's events, edge width with the number of
// events between the two; an edge takes the colour of its commonest type.
// Clicking an actor sets (or clears) the actor filter.
import { api } from './api.js';
import { el, clear, fmtInt } from './dom.js';
import { typeColor } from './types.js';
import { getState, setFilter } from './state.js';

/* global d3 */
const container = document.getElementById('network');
// Roles as data/actors/roles.tsv writes them.
const ROLE_COLORS = {
  GOV: '#2e86c1', MIL: '#1f4e79', POL: '#5d8aa8', REB: '#c0392b', INS: '#922b21', CRM: '#6e2c00',
  OPP: '#d35400', CVL: '#7f8c8d', MED: '#16a085', JUD: '#7d6608', LEG: '#9a7d0a', IGO: '#27ae60',
  NGO: '#52be80', BUS: '#5b2c6f',
};
const ROLE_NAMES = {
  GOV: 'government', MIL: 'military', POL: 'police', REB: 'rebels', INS: 'insurgents', CRM: 'criminals',
  OPP: 'opposition', CVL: 'civilians', MED: 'media', JUD: 'judiciary', LEG: 'legislature', IGO: 'IGO',
  NGO: 'NGO', BUS: 'business',
};
let last = null;

export function initNetwork() {
  new ResizeObserver(() => {
    if (last && Math.abs(container.clientWidth - last.width) > 40) draw(last.data);
  }).observe(container);
}

export async function loadNetwork(filters, signal) {
  const data = await api.network(filters, signal);
  draw(data);
}

// The value the actor filter takes for a node: its code when it has one.
function filterValue(node) {
  return node.code || node.label || node.id;
}

function draw(data) {
  clear(container);
  const width = Math.max(container.clientWidth, 300);
  const height = Math.max(container.clientHeight, 300);
  last = { data, width };
  const nodes = (data.nodes || []).map((n) => ({ ...n }));
  const ids = new Set(nodes.map((n) => n.id));
  const links = (data.edges || []).filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
    .map((e) => ({ ...e }));
  if (nodes.length === 0) {
    container.append(el('p', { className: 'empty' }, 'No actors for these filters.'));
    return;
  }

  const maxEvents = d3.max(nodes, (n) => n.events) || 1;
  const radius = d3.scaleSqrt().domain([0, maxEvents]).range([4, 22]);
  const maxWeight = d3.max(links, (l) => l.weight) || 1;
  const stroke = d3.scaleSqrt().domain([1, maxWeight]).range([1.2, 7]);
  for (const n of nodes) n.r = radius(n.events || 0);

  const simulation = d3.forceSimulation(nodes)
    .force('link', d3.forceLink(links).id((n) => n.id).distance((l) => 90 + l.source.r + l.target.r).strength(0.4))
    .force('charge', d3.forceManyBody().strength(nodes.length > 30 ? -160 : -260))
    .force('collide', d3.forceCollide((n) => n.r + 24))
    .force('x', d3.forceX(width / 2).strength(0.06))
    .force('y', d3.forceY(height / 2).strength(0.1))
    .stop();
  // Settle before drawing: a still picture, the same on every load.
  for (let i = 0; i < 300; i += 1) simulation.tick();
  const svg = d3.select(container).append('svg')
    .attr('class', 'network-svg')
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img')
    .attr('aria-label', 'Actor network');
  const defs = svg.append('defs');
  const colors = [...new Set(links.map(dominantColor))];
  defs.selectAll('marker').data(colors).join('marker')
    .attr('id', (c) => `arrow-${c.slice(1)}`)
    .attr('viewBox', '0 -5 10 10')
    .attr('refX', 9)
    .attr('markerUnits', 'userSpaceOnUse')
    .attr('markerWidth', 9)
    .attr('markerHeight', 9)
    .attr('orient', 'auto')
    .append('path').attr('d', 'M0,-5L10,0L0,5').attr('fill', (c) => c);

  const root = svg.append('g');
  const zoom = d3.zoom().scaleExtent([0.2, 4]).on('zoom', (e) => root.attr('transform', e.transform));
  svg.call(zoom).on('dblclick.zoom', null);
  svg.call(zoom.transform, fitTransform(nodes, width, height));

  const link = root.append('g').attr('class', 'links').selectAll('line').data(links).join('line')
    .attr('class', 'edge')
    .attr('stroke', dominantColor)
    .attr('stroke-width', (l) => stroke(l.weight || 1))
    .attr('marker-end', (l) => `url(#arrow-${dominantColor(l).slice(1)})`);
  link.append('title').text((l) => `${nodeLabel(l.source)} → ${nodeLabel(l.target)}: ${fmtInt(l.weight)} event(s)\n${
    Object.entries(l.types || {}).map(([t, n]) => `${t} ${n}`).join(', ')}`);

  const active = getState().filters.actor || '';
  const node = root.append('g').attr('class', 'nodes').selectAll('g').data(nodes).join('g')
    .attr('class', (n) => (filterValue(n) === active ? 'node selected' : 'node'))
    .attr('data-id', (n) => n.id)
    .attr('data-code', (n) => n.code || '')
    .attr('tabindex', 0)
    .attr('role', 'button')
    .on('click', (e, n) => {
      if (e.defaultPrevented) return; // a drag, not a click
      const value = filterValue(n);
      setFilter('actor', getState().filters.actor === value ? '' : value);
    })
    .on('keydown', (e, n) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        setFilter('actor', filterValue(n));
      }
    })
    .call(d3.drag()
      .on('start', (e, n) => {
        if (!e.active) simulation.alphaTarget(0.2).restart();
        n.fx = n.x;
        n.fy = n.y;
      })
      .on('drag', (e, n) => {
        n.fx = e.x;
        n.fy = e.y;
      })
      .on('end', (e, n) => {
        if (!e.active) simulation.alphaTarget(0);
        n.fx = null;
        n.fy = null;
      }));
  node.append('circle')
    .attr('r', (n) => n.r)
    .attr('fill', (n) => ROLE_COLORS[n.role] || '#95a5a6');
  node.append('text')
    .attr('class', 'node-label')
    .attr('dy', (n) => n.r + 12)
    .attr('text-anchor', 'middle')
    .text(nodeLabel);
  node.append('title').text((n) => `${nodeLabel(n)}${n.code ? ` (${n.code})` : ''}\n${
    [n.role, n.country].filter(Boolean).join(', ')}\n${fmtInt(n.events)} event(s) · click to filter`);

  function position() {
    link.each(function placeEdge(l) {
      const dx = l.target.x - l.source.x;
      const dy = l.target.y - l.source.y;
      const len = Math.hypot(dx, dy) || 1;
      d3.select(this)
        .attr('x1', l.source.x + (dx / len) * l.source.r)
        .attr('y1', l.source.y + (dy / len) * l.source.r)
        .attr('x2', l.target.x - (dx / len) * (l.target.r + 2))
        .attr('y2', l.target.y - (dy / len) * (l.target.r + 2));
    });
    node.attr('transform', (n) => `translate(${n.x},${n.y})`);
  }
  position();
  simulation.on('tick', position);
}

// The zoom that shows every node and its label, never enlarging.
function fitTransform(nodes, width, height) {
  const x0 = d3.min(nodes, (n) => n.x - n.r) - 40;
  const x1 = d3.max(nodes, (n) => n.x + n.r) + 40;
  const y0 = d3.min(nodes, (n) => n.y - n.r) - 10;
  const y1 = d3.max(nodes, (n) => n.y + n.r) + 24;
  const k = Math.min(1, width / (x1 - x0), height / (y1 - y0));
  return d3.zoomIdentity
    .translate(width / 2, height / 2)
    .scale(k)
    .translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
}

// What the node says: the actor's name; for an actor known only by its
// code (USAMIL), its country and role in words ("USA military").
function nodeLabel(n) {
  const label = n.label || n.code || n.id;
  if (n.code && label === n.code && n.country && ROLE_NAMES[n.role]) return `${n.country} ${ROLE_NAMES[n.role]}`;
  return label;
}

function dominantColor(link) {
  const entries = Object.entries(link.types || {});
  if (entries.length === 0) return '#9aa5b1';
  entries.sort((a, b) => b[1] - a[1]);
  return typeColor(entries[0][0]);
}
