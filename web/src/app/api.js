// The JSON API of `khaldun serve` (docs: /api/openapi.json). Same origin
// only: the Content-Security-Policy allows connect-src 'self'.

// Filters shared by /api/events, /api/stats/*, /api/actors, /api/network,
// /api/map and /api/export, in the order they appear in the filter bar and
// in shareable URLs.
export const FILTER_KEYS = ['since', 'until', 'type', 'country', 'admin1', 'actor', 'q', 'factuality', 'min_sources'];

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function queryString(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

// GET a JSON document. Errors come back as {"error":{"status","message"}};
// they are thrown as ApiError with that message.
export async function getJSON(path, filters = {}, extra = {}, signal = undefined) {
  const response = await fetch(path + queryString(filters, extra), {
    headers: { Accept: 'application/json' },
    signal,
  });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body && body.error && body.error.message) message = body.error.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, message);
  }
  return response.json();
}

export const api = {
  summary: (filters, signal) => getJSON('/api/stats/summary', filters, {}, signal),
  events: (filters, cursor, signal) => getJSON('/api/events', filters, { limit: 100, cursor }, signal),
  event: (id, signal) => getJSON(`/api/events/${encodeURIComponent(id)}`, {}, {}, signal),
  article: (id, signal) => getJSON(`/api/articles/${encodeURIComponent(id)}`, {}, {}, signal),
  actors: (filters, signal) => getJSON('/api/actors', filters, { limit: 200 }, signal),
  timeline: (filters, bucket, signal) => getJSON('/api/stats/timeline', filters, { bucket }, signal),
  network: (filters, signal) => getJSON('/api/network', filters, { limit: 60 }, signal),
  map: (filters, signal) => getJSON('/api/map', filters, { limit: 5000 }, signal),
  exportUrl: (filters, format) => `/api/export${queryString(filters, { format })}`,
};
