// DOM helpers. Every string given here becomes a text node: nothing from
// the API is ever parsed as HTML (no HTML-string APIs anywhere in the
// app), so a headline holding "<script>" shows as those characters.

// el('p', {className: 'x', attrs: {title: t}}, 'text', child, ...)
// `attrs` refuses inline styles and event-handler attributes: the page's
// Content-Security-Policy forbids the first and the app never needs the
// second.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined && props.text !== null) node.textContent = String(props.text);
  if (props.attrs) {
    for (const [name, value] of Object.entries(props.attrs)) {
      if (value === undefined || value === null || value === false) continue;
      const lower = name.toLowerCase();
      if (lower === 'style' || lower.startsWith('on')) throw new Error(`el: attribute ${name} not allowed`);
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  if (props.dataset) {
    for (const [key, value] of Object.entries(props.dataset)) node.dataset[key] = String(value);
  }
  append(node, ...children);
  return node;
}

export function append(node, ...children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

// The href for a link to an article: only absolute http(s) URLs, anything
// else (javascript:, data:, relative paths) gives null and no link.
export function safeHref(url) {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function fmtInt(n) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US') : '–';
}
