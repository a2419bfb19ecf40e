// Assembles web/dist/, the directory `khaldun serve --web-root` serves:
// web/src/ (index.html, style.css, app/*.js) plus the vendor files the page
// loads, copied from web/node_modules (run `npm ci` first). Offline, no
// bundler. Also refuses sources that would break the server's strict
// Content-Security-Policy or put data into HTML.
//
//   node web/build.mjs            # from anywhere
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = dirname(fileURLToPath(import.meta.url));
const src = join(web, 'src');
const dist = join(web, 'dist');
const modules = join(web, 'node_modules');

// [from under node_modules, to under dist]
const VENDOR = [
  ['d3/dist/d3.min.js', 'vendor/d3/d3.min.js'],
  ['d3/LICENSE', 'vendor/d3/LICENSE'],
  ['leaflet/dist/leaflet.js', 'vendor/leaflet/leaflet.js'],
  ['leaflet/dist/leaflet.css', 'vendor/leaflet/leaflet.css'],
  ['leaflet/dist/images', 'vendor/leaflet/images'],
  ['leaflet/LICENSE', 'vendor/leaflet/LICENSE'],
  ['leaflet.markercluster/dist/leaflet.markercluster.js', 'vendor/leaflet.markercluster/leaflet.markercluster.js'],
  ['leaflet.markercluster/dist/MarkerCluster.css', 'vendor/leaflet.markercluster/MarkerCluster.css'],
  ['leaflet.markercluster/MIT-LICENCE.txt', 'vendor/leaflet.markercluster/LICENSE'],
  ['topojson-client/dist/topojson-client.min.js', 'vendor/topojson-client/topojson-client.min.js'],
  ['topojson-client/LICENSE', 'vendor/topojson-client/LICENSE'],
  ['world-atlas/countries-50m.json', 'vendor/world-atlas/countries-50m.json'],
  ['world-atlas/LICENSE', 'vendor/world-atlas/LICENSE'],
];

function fail(message) {
  console.error(`web/build.mjs: ${message}`);
  process.exit(1);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// Checks that keep the page within the CSP and data out of HTML parsing.
function lint(path, text) {
  const rel = relative(web, path);
  if (path.endsWith('.html')) {
    if (/\sstyle\s*=/i.test(text)) fail(`${rel}: inline style attribute (the CSP forbids it)`);
    if (/<style[\s>]/i.test(text)) fail(`${rel}: <style> element (the CSP forbids it)`);
    if (/\son[a-z]+\s*=/i.test(text)) fail(`${rel}: inline event handler (the CSP forbids it)`);
    for (const m of text.matchAll(/<script\b([^>]*)>/gi)) {
      if (!/\ssrc\s*=/.test(m[1])) fail(`${rel}: inline <script> (the CSP forbids it)`);
    }
    for (const m of text.matchAll(/\s(?:src|href)\s*=\s*"([^"]*)"/gi)) {
      if (!m[1].startsWith('/') || m[1].startsWith('//')) fail(`${rel}: ${m[1]}: assets must be served from / on the same origin`);
    }
  }
  if (path.endsWith('.js')) {
    if (/\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b/.test(text)) fail(`${rel}: HTML string APIs are not used; build nodes with textContent`);
    if (/\beval\s*\(|new Function\s*\(/.test(text)) fail(`${rel}: eval (the CSP forbids it)`);
    if (/\.attr\(\s*['"]style['"]|setAttribute\(\s*['"]style['"]/.test(text)) fail(`${rel}: style attribute (the CSP forbids it; use element.style)`);
  }
}

if (!existsSync(modules)) fail('web/node_modules is missing: run `npm ci --prefix web` first');
for (const path of walk(src)) lint(path, readFileSync(path, 'utf8'));

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
cpSync(src, dist, { recursive: true });
for (const [from, to] of VENDOR) {
  const source = join(modules, from);
  if (!existsSync(source)) fail(`${relative(web, source)} is missing: run \`npm ci --prefix web\``);
  mkdirSync(dirname(join(dist, to)), { recursive: true });
  cpSync(source, join(dist, to), { recursive: true });
}
const versions = Object.fromEntries(['d3', 'leaflet', 'leaflet.markercluster', 'topojson-client', 'world-atlas']
  .map((name) => [name, JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version]));
writeFileSync(join(dist, 'vendor', 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`);
const files = walk(dist);
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
console.log(`web/build.mjs: ${relative(process.cwd(), dist) || dist}: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
