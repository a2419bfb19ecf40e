// PLOVER event types with a fixed colour each, so a type has the same
// colour on the timeline, the map and in the list. Conflict types are warm,
// cooperation cool, verbal grey-violet.
export const PLOVER_TYPES = [
  ['ASSAULT', '#c0392b'],
  ['COERCE', '#e67e22'],
  ['THREATEN', '#f1a340'],
  ['MOBILIZE', '#a0522d'],
  ['SANCTION', '#8e44ad'],
  ['PROTEST', '#d35f9b'],
  ['ACCUSE', '#7f6a93'],
  ['REJECT', '#95889f'],
  ['REQUEST', '#b7a6c4'],
  ['CONSULT', '#5dade2'],
  ['AGREE', '#2e86c1'],
  ['COOPERATE', '#1f618d'],
  ['AID', '#17a589'],
  ['SUPPORT', '#52be80'],
  ['CONCEDE', '#a9cce3'],
  ['RETREAT', '#7fb3a3'],
];

const COLORS = new Map(PLOVER_TYPES);
const ORDER = new Map(PLOVER_TYPES.map(([type], i) => [type, i]));

export function typeColor(type) {
  return COLORS.get(type) || '#888888';
}

export function typeOrder(type) {
  return ORDER.has(type) ? ORDER.get(type) : PLOVER_TYPES.length;
}
