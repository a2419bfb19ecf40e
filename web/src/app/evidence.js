// The evidence panel for one event (/api/events/{id}): what was coded and,
// for every report merged into it, the sentence with the trigger, actors,
// date, place and casualty words marked, the rule that fired, factuality,
// who reported it, the outlet and the merge reason.
import { api } from './api.js';
import { el, clear, fmtInt, safeHref } from './dom.js';
import { actorName, factualityText, harmText, placeText, typeBadge } from './events.js';
import { update } from './state.js';

const panel = document.getElementById('evidence');
const body = document.getElementById('evidence-body');
const MARKS = ['trigger', 'source', 'target', 'date', 'place', 'casualty'];
let current = null;

export function initEvidence() {
  document.getElementById('evidence-close').addEventListener('click', () => update({ event: null }));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) update({ event: null });
  });
}

export async function showEvidence(id, signal) {
  if (!id) {
    panel.hidden = true;
    current = null;
    clear(body);
    return;
  }
  panel.hidden = false;
  if (current !== id) {
    clear(body);
    body.append(el('p', { className: 'muted' }, 'loading…'));
  }
  current = id;
  try {
    const data = await api.event(id, signal);
    clear(body);
    body.append(render(data));
    panel.dataset.eventId = id;
  } catch (err) {
    if (err.name === 'AbortError') return;
    clear(body);
    body.append(el('p', { className: 'error' }, err.status === 404 ? `No event ${id}.` : `Could not load event ${id}: ${err.message}`));
  }
}

function render({ event: e, reports }) {
  const frag = document.createDocumentFragment();
  frag.append(el('div', { className: 'ev-head' },
    typeBadge(e.type),
    el('span', { className: 'ev-code' }, [e.cameo ? `CAMEO ${e.cameo}` : null, e.mode].filter(Boolean).join(' · ')),
    el('span', { className: 'ev-id muted' }, `event ${e.id}`)));
  frag.append(el('p', { className: 'ev-title' },
    `${actorList(e.source)} → ${actorList(e.target)}`));

  const facts = el('dl', { className: 'facts' });
  fact(facts, 'date', withRule(dateText(e), e.date_rule, e.date_text));
  fact(facts, 'place', withRule([
    `${placeText(e)}${e.admin1_code ? ` (${e.admin1_code})` : ''}`,
    Number.isFinite(e.lat) && Number.isFinite(e.lon) ? `${e.lat.toFixed(3)}, ${e.lon.toFixed(3)}` : null,
    e.location_precision ? `precision ${e.location_precision}` : null].filter(Boolean).join(' · '), e.location_rule));
  fact(facts, 'harm', harmText(e) || 'none reported');
  if (Array.isArray(e.casualties) && e.casualties.length) fact(facts, 'casualties', casualtyList(e.casualties));
  fact(facts, 'factuality', factualityText(e));
  fact(facts, 'source actors', actorDetails(e.source));
  fact(facts, 'target actors', actorDetails(e.target));
  fact(facts, 'reported by', (e.reported_by || []).join(', ') || '—');
  fact(facts, 'evidence', `${fmtInt(e.report_count)} report(s) from ${fmtInt(e.source_count)} source(s)${
    e.sources && e.sources.length ? `: ${e.sources.join(', ')}` : ''}`);
  if (typeof e.confidence === 'number') fact(facts, 'confidence', e.confidence.toFixed(2));
  frag.append(facts);

  frag.append(legend());
  const list = el('ol', { className: 'reports' });
  for (const report of reports || []) list.append(reportItem(report));
  frag.append(el('h3', {}, `Reports (${fmtInt((reports || []).length)})`), list);
  return frag;
}

// A value followed by the rule that decided it (and the words it read).
function withRule(value, rule, words) {
  if (!rule && !words) return value;
  return el('span', {}, value,
    el('span', { className: 'muted rule' }, [words ? ` “${words}”` : '', rule ? ` · rule ${rule}` : ''].join('')));
}

function fact(dl, term, value) {
  dl.append(el('dt', {}, term), el('dd', {}, value));
}

function actorList(actors) {
  return (actors || []).map(actorName).join(' + ') || '—';
}

function actorDetails(actors) {
  if (!actors || actors.length === 0) return '—';
  const ul = el('ul', { className: 'actors' });
  for (const a of actors) {
    const extra = [a.code, a.country, a.role, a.aligned_with ? `aligned with ${a.aligned_with}` : null].filter(Boolean).join(', ');
    ul.append(el('li', {}, el('span', { className: 'actor-name' }, actorName(a)),
      a.text && a.text !== actorName(a) ? ` “${a.text}”` : '',
      extra ? el('span', { className: 'muted' }, ` (${extra})`) : null));
  }
  return ul;
}

function casualtyList(items) {
  const ul = el('ul', { className: 'casualties' });
  for (const c of items) {
    const range = c.low !== undefined && c.high !== undefined && c.low !== c.high ? ` (${c.low}–${c.high})` : '';
    ul.append(el('li', {},
      `${c.outcome}: ${c.qualifier ? `${c.qualifier} ` : ''}${fmtInt(c.best)}${range}`,
      c.victim ? ` ${c.victim}` : '',
      c.text ? el('span', { className: 'muted' }, ` — “${c.text}”`) : null,
      c.rule ? el('span', { className: 'muted rule' }, ` · rule ${c.rule}`) : null));
  }
  return ul;
}

function dateText(e) {
  if (!e.date) return 'undated';
  const basis = e.date_basis === 'published' ? 'publication date (no event date in the text)' : 'from the text';
  return [e.date, e.date_precision && e.date_precision !== 'day' ? `(${e.date_precision})` : null, `· ${basis}`]
    .filter(Boolean).join(' ');
}

function legend() {
  const div = el('div', { className: 'mark-legend' }, 'marks: ');
  for (const mark of MARKS) div.append(el('mark', { className: `m-${mark}` }, mark), ' ');
  return div;
}

// The sentence as text nodes and <mark> elements, one per segment.
export function sentenceNode(report) {
  const p = el('p', { className: 'sentence' });
  const segments = Array.isArray(report.segments) && report.segments.length ? report.segments
    : [{ text: report.sentence || '', mark: null }];
  for (const seg of segments) {
    if (seg.mark && MARKS.includes(seg.mark)) {
      p.append(el('mark', { className: `m-${seg.mark}`, attrs: { title: seg.mark } }, seg.text));
    } else {
      p.append(document.createTextNode(seg.text || ''));
    }
  }
  return p;
}

function reportItem(r) {
  const href = safeHref(r.url);
  const headline = href
    ? el('a', { className: 'headline', attrs: { href, rel: 'noopener noreferrer nofollow', target: '_blank' } }, r.headline || r.url)
    : el('span', { className: 'headline' }, r.headline || '(no headline)');
  const facts = el('dl', { className: 'facts small' });
  fact(facts, 'rule', r.rule || '—');
  fact(facts, 'factuality', r.factuality ? (r.factuality_cue ? `${r.factuality} (cue “${r.factuality_cue}”)` : r.factuality) : '—');
  fact(facts, 'reported by', (r.reported_by || []).join(', ') || '—');
  if (r.date) fact(facts, 'date', r.date);
  if (r.place) fact(facts, 'place', r.place);
  fact(facts, 'merge', r.merge_reason || 'first report');
  const articleBox = el('div', { className: 'article-box' });
  const showArticle = el('button', { className: 'secondary small', attrs: { type: 'button' } }, 'Show article');
  showArticle.addEventListener('click', () => toggleArticle(r.article_id, articleBox, showArticle));
  return el('li', { className: 'report', dataset: { articleId: r.article_id || '' } },
    el('div', { className: 'report-source' },
      el('span', { className: 'outlet' }, r.source || 'unknown source'),
      r.published ? el('span', { className: 'muted' }, ` · ${r.published}`) : null),
    el('div', {}, headline),
    sentenceNode(r),
    facts,
    r.article_id ? showArticle : null,
    articleBox);
}

async function toggleArticle(id, box, button) {
  if (box.childElementCount) {
    clear(box);
    button.textContent = 'Show article';
    return;
  }
  button.disabled = true;
  try {
    const a = await api.article(id);
    box.append(
      el('h4', {}, a.headline || '(no headline)'),
      el('p', { className: 'muted' }, [a.byline, a.dateline, a.published, a.source].filter(Boolean).flat().join(' · ')),
      ...String(a.text || '').split(/\n{2,}/).map((para) => el('p', { className: 'article-text' }, para)));
    if (Array.isArray(a.quotes) && a.quotes.length) {
      const ul = el('ul', { className: 'quotes' });
      for (const q of a.quotes) {
        ul.append(el('li', {}, `“${q.text}”`, el('span', { className: 'muted' }, ` — ${q.speaker || 'unattributed'}${q.speaker_role ? `, ${q.speaker_role}` : ''}`)));
      }
      box.append(el('h4', {}, 'Quotes'), ul);
    }
    button.textContent = 'Hide article';
  } catch (err) {
    box.append(el('p', { className: 'error' }, `Could not load the article: ${err.message}`));
  } finally {
    button.disabled = false;
  }
}
