// Browser test of the khaldun dashboard in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core from web/node_modules).
//
//   node tests/web/dashboard.test.mjs BASE_URL OUTPUT_DIR
//
// BASE_URL is a running `khaldun serve` over a database holding the shared
// seed article and tests/web/fixtures/hostile_article.html (see
// dashboard_test.sh, which sets all of this up). Screenshots go to
// OUTPUT_DIR. Exits non-zero with one line per failed check.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, '../../web/package.json'));
const { chromium } = require('playwright-core');

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node dashboard.test.mjs BASE_URL OUTPUT_DIR');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 20000;
mkdirSync(outDir, { recursive: true });

// Iraq's bounding box, a little padded: the seed's events are in Anbar and
// "inside Iraq", the hostile article's near Mosul.
const IRAQ = { south: 28.5, west: 38.3, north: 37.8, east: 49.0 };
const SEED_SENTENCE = 'killing 15 ISIS fighters';
const HOSTILE_TEXT = '<script>alert(1)</script>';

const failures = [];
let checks = 0;
function check(ok, what) {
  checks += 1;
  if (ok) console.log(`ok   ${what}`);
  else {
    console.log(`FAIL ${what}`);
    failures.push(what);
  }
}

const problems = { console: [], pageerror: [], csp: [], requests: [], dialogs: [] };
const profile = mkdtempSync(join(tmpdir(), 'khaldun-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1600, height: 1000 },
  deviceScaleFactor: 1,
});

// Runs before any page script: records CSP violations and whether an
// injected script ever ran (the hostile fixture's payloads set this flag).
await context.addInitScript(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
  });
});

const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(TIMEOUT);
page.on('console', (msg) => {
  if (msg.type() === 'error') problems.console.push(msg.text());
});
page.on('pageerror', (err) => problems.pageerror.push(String(err)));
page.on('dialog', async (dialog) => {
  problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
  await dialog.dismiss();
});
page.on('requestfailed', (req) => {
  const failure = req.failure()?.errorText || '';
  if (!failure.includes('ERR_ABORTED')) problems.requests.push(`${req.url()} ${failure}`);
});
page.on('response', (res) => {
  if (res.status() >= 400) problems.requests.push(`${res.url()} ${res.status()}`);
});
// Nothing may leave the server's origin.
const origin = new URL(base).origin;
await page.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
  problems.requests.push(`off-origin request ${url}`);
  return route.abort();
});

async function ready() {
  await page.waitForFunction(() => document.body.dataset.state === 'ready' || document.body.dataset.state === 'error');
  await page.waitForTimeout(800); // let Leaflet finish its cluster animations
}

async function shot(name, locator) {
  const path = join(outDir, name);
  if (locator) await locator.screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
  console.log(`     screenshot ${path}`);
}

try {
  // 1. The whole dashboard on the unfiltered database.
  const headers = (await page.goto(new URL('/', base).href, { waitUntil: 'load' })).headers();
  check((headers['content-security-policy'] || '').includes("script-src 'self'"), 'the page is served with a script-src \'self\' CSP');
  await ready();
  check(await page.evaluate(() => document.body.dataset.state) === 'ready', `every view loaded (${await page.locator('#status').textContent()})`);
  await page.waitForSelector('.timeline-svg rect.bar');
  await page.waitForSelector('#network .node');
  await page.waitForSelector('#event-list .event-item');

  const bars = await page.$$eval('.timeline-svg rect.bar', (rs) => rs.map((r) => ({
    period: r.dataset.period, type: r.dataset.type, count: Number(r.dataset.count) })));
  check(bars.length > 0, `the timeline has bars (${bars.length})`);
  check(bars.some((b) => b.period === '2024-08-29' && b.type === 'ASSAULT'), 'the timeline has an ASSAULT bar on 2024-08-29 (the seed\'s joint operation)');
  check(bars.some((b) => b.period === '2024-08-30'), 'the timeline has a bar on 2024-08-30 (the seed\'s undated events)');

  const map = await page.$eval('#map', (m) => ({ points: Number(m.dataset.points || 0), bounds: m.dataset.bounds || '' }));
  const [west, south, east, north] = map.bounds.split(',').map(Number);
  check(map.points >= 2, `the map has the located events (${map.points})`);
  check(south >= IRAQ.south && north <= IRAQ.north && west >= IRAQ.west && east <= IRAQ.east,
    `every map point is in Iraq (bounds ${map.bounds})`);
  const markers = await page.locator('#map .leaflet-marker-icon.cluster, #map path.event-point').count();
  check(markers > 0, `the map draws a cluster or a point (${markers})`);
  const countries = await page.locator('#map .leaflet-basemap-pane path').count();
  check(countries > 100, `the offline basemap draws the countries (${countries} shapes)`);
  const iraqBox = await page.evaluate(({ s, w, n, e }) => {
    // Screen box of the marker layer: inside the map element.
    const el = document.querySelector('#map .leaflet-marker-icon.cluster, #map path.event-point');
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const m = document.querySelector('#map').getBoundingClientRect();
    return r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom;
  }, { s: IRAQ.south, w: IRAQ.west, n: IRAQ.north, e: IRAQ.east });
  check(iraqBox === true, 'the cluster or point is inside the visible map');

  const nodes = await page.$$eval('#network .node', (ns) => ns.map((n) => ({
    id: n.dataset.id, code: n.dataset.code, label: n.querySelector('text').textContent })));
  const hasNode = (code, label) => nodes.some((n) => n.code === code || label.test(n.label));
  check(hasNode('USAMIL', /US military|US forces/i), 'the network has a node for the US military');
  check(hasNode('IMGINSISI', /Islamic State|ISIS/i), 'the network has a node for ISIS');
  check(await page.locator('#network line.edge').count() > 0, 'the network has edges');

  const items = await page.$$eval('#event-list .event-item', (ls) => ls.map((l) => ({
    id: l.dataset.id, type: l.dataset.type, text: l.textContent })));
  check(items.length >= 8, `the event list lists the seed's events (${items.length} listed)`);
  check(items.some((i) => i.text.includes(SEED_SENTENCE)), 'the event list has the joint operation');
  await shot('dashboard.png');

  // 2. Evidence for the seed's joint operation.
  const joint = page.locator('#event-list .event-item[data-type="ASSAULT"]', { hasText: SEED_SENTENCE }).first();
  await joint.locator('button').click();
  await page.waitForSelector('#evidence:not([hidden]) .sentence mark.m-trigger');
  check(new URL(page.url()).searchParams.has('event'), 'the selected event is in the URL');
  const evidence = await page.$eval('#evidence', (panel) => ({
    sentence: panel.querySelector('.sentence')?.textContent || '',
    marks: [...panel.querySelectorAll('.reports .sentence mark')].map((m) => [m.className, m.textContent]),
    text: panel.textContent,
  }));
  check(evidence.sentence.includes(SEED_SENTENCE), 'the evidence panel shows the sentence');
  check(evidence.marks.some(([c, t]) => c === 'm-trigger' && /kill/i.test(t)), `the trigger is marked (${JSON.stringify(evidence.marks)})`);
  check(evidence.marks.some(([c]) => c === 'm-source'), 'a source actor is marked');
  check(evidence.marks.some(([c]) => c === 'm-target'), 'a target actor is marked');
  check(/assault\./.test(evidence.text), 'the evidence panel names the rule that fired');
  check(evidence.text.includes('asserted'), 'the evidence panel shows the factuality');
  check(evidence.text.includes('15 killed'), 'the evidence panel shows 15 killed');
  check(evidence.text.includes('Anbar'), 'the evidence panel shows the place (Anbar)');
  await shot('evidence.png');
  await shot('evidence-panel.png', page.locator('#evidence'));
  await page.click('#evidence-close');
  await page.waitForSelector('#evidence', { state: 'hidden' });

  // 3. The hostile article: its words are text, nothing it holds runs.
  const hostile = page.locator('#event-list .event-item', { hasText: HOSTILE_TEXT }).first();
  check(await hostile.count() === 1, 'the hostile article\'s event is listed with "<script>" as text');
  const listed = await hostile.textContent();
  check(listed.includes(HOSTILE_TEXT) && listed.includes('<img src=x onerror='), 'the list shows the script and img tags literally');
  await hostile.locator('button').click();
  await page.waitForSelector('#evidence:not([hidden]) .report');
  const reportText = await page.locator('#evidence .report').first().textContent();
  check(reportText.includes(HOSTILE_TEXT), 'the evidence headline and sentence show "<script>" literally');
  await page.locator('#evidence .report button', { hasText: 'Show article' }).first().click();
  await page.waitForSelector('#evidence .article-box h4');
  const articleText = await page.locator('#evidence .article-box').textContent();
  check(articleText.includes(HOSTILE_TEXT), 'the article view shows "<script>" literally');
  const dom = await page.evaluate(() => ({
    scripts: [...document.scripts].map((s) => s.getAttribute('src')),
    imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    flag: window.__khaldunXss,
  }));
  check(dom.scripts.every((src) => src && src.startsWith('/')), `no script element from data (${dom.scripts.join(' ')})`);
  check(dom.imgs === 0 && dom.handlers === 0, 'no img or event-handler attribute from data');
  check(dom.flag === undefined, 'no injected script ran (window.__khaldunXss unset)');
  check(problems.dialogs.length === 0, `no dialog opened (${problems.dialogs.join('; ')})`);
  await shot('hostile.png');

  // 4. A shareable URL restores the filters and the views.
  await page.goto(new URL('/?type=ASSAULT&country=IRQ', base).href, { waitUntil: 'load' });
  await ready();
  await page.waitForSelector('#event-list .event-item');
  check(await page.inputValue('select[name="type"]') === 'ASSAULT', 'type=ASSAULT in the URL selects ASSAULT');
  check(await page.inputValue('select[name="country"]') === 'IRQ', 'country=IRQ in the URL selects IRQ');
  const types = await page.$$eval('#event-list .event-item', (ls) => [...new Set(ls.map((l) => l.dataset.type))]);
  check(types.length === 1 && types[0] === 'ASSAULT', `the list holds ASSAULT events only (${types.join(',')})`);
  const barTypes = await page.$$eval('.timeline-svg rect.bar', (rs) => [...new Set(rs.map((r) => r.dataset.type))]);
  check(barTypes.length === 1 && barTypes[0] === 'ASSAULT', `the timeline shows ASSAULT only (${barTypes.join(',')})`);
  const exportHref = await page.getAttribute('#export-link', 'href');
  check(/^\/api\/export\?/.test(exportHref) && exportHref.includes('type=ASSAULT') && exportHref.includes('country=IRQ'),
    `the export link carries the filters (${exportHref})`);
  await shot('filtered.png');

  // History: a new filter pushes an entry, Back restores the old one.
  await page.selectOption('select[name="type"]', 'THREATEN');
  await page.waitForURL(/type=THREATEN/);
  await ready();
  await page.goBack();
  await page.waitForURL(/type=ASSAULT/);
  await ready();
  check(await page.inputValue('select[name="type"]') === 'ASSAULT', 'Back restores type=ASSAULT');

  // A click on a timeline bar narrows the dates; on a node sets the actor.
  await page.locator('.timeline-svg rect.hit[data-period="2024-08-29"]').click();
  await page.waitForURL(/since=2024-08-29/);
  await ready();
  check(new URL(page.url()).searchParams.get('until') === '2024-08-29', 'a timeline click sets since and until');
  check(await page.inputValue('input[name="since"]') === '2024-08-29', 'the filter bar shows the new date');
  const node = page.locator('#network .node').first();
  const code = await node.getAttribute('data-code');
  await node.click();
  await page.waitForURL(/actor=/);
  await ready();
  check(new URL(page.url()).searchParams.get('actor') === code, `a network click sets actor=${code}`);

  // Auto-refresh: a poll round (every 10 s) reloads the views, keeps the
  // list and adds nothing when nothing arrived.
  await page.goto(new URL('/', base).href, { waitUntil: 'load' });
  await ready();
  const before = await page.locator('#event-list .event-item').count();
  await page.check('#auto-refresh');
  await page.waitForRequest((r) => r.url().includes('/api/events?'), { timeout: 15000 });
  await ready();
  check(await page.locator('#event-list .event-item').count() === before, `auto-refresh keeps the ${before} listed events`);
  await page.uncheck('#auto-refresh');

  // Unknown event: a message, not a crash.
  await page.goto(new URL('/?event=0000000000000000', base).href, { waitUntil: 'load' });
  await ready();
  check(/No event/.test(await page.locator('#evidence-body').textContent()), 'an unknown event id shows a message');
  problems.requests = problems.requests.filter((r) => !r.includes('/api/events/0000000000000000'));
  problems.console = problems.console.filter((m) => !/status of 404/.test(m));

  const csp = await page.evaluate(() => window.__cspViolations);
  problems.csp.push(...csp);
} catch (err) {
  failures.push(`unexpected: ${err.stack || err}`);
  console.log(`FAIL unexpected: ${err.stack || err}`);
  await shot('failure.png').catch(() => {});
} finally {
  check(problems.console.length === 0, `no console errors (${problems.console.join(' | ')})`);
  check(problems.pageerror.length === 0, `no page errors (${problems.pageerror.join(' | ')})`);
  check(problems.csp.length === 0, `no CSP violations (${problems.csp.join(' | ')})`);
  check(problems.requests.length === 0, `no failed or off-origin requests (${problems.requests.join(' | ')})`);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`${checks - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
