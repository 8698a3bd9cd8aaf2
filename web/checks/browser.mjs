// Drives headless Chromium (Debian's /usr/bin/chromium) through one page check; prints JSON.
// Usage: node web/checks/browser.mjs explorer|widgets|live|charts BASE_URL SCREENSHOT_PATH
//
// Every request that leaves the test server's origin is aborted and reported, so a pass also
// shows the page works with no internet. Failed requests, HTTP errors and console errors
// (CSP violations among them) are reported for the Python test to assert on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [check, base, screenshot] = process.argv.slice(2);
const origin = new URL(base).origin;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

async function explorer(page) {
  await page.goto(`${base}/graphql`, { waitUntil: 'load' });
  await page.locator('.graphiql-tab').first().waitFor({ timeout: 15000 });
  const tabs = await page.locator('.graphiql-tab').allInnerTexts();
  // the point-and-click explorer plugin opens from the sidebar and lists the Query fields
  await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
  await page.locator('.graphiql-explorer-root').getByText('ticker').first().waitFor();
  const plugin = await page.locator('.graphiql-explorer-root').count();
  const firstVariables = await page.locator('.graphiql-editor-tool .graphiql-editor').first().innerText();
  await page.locator('.graphiql-tab', { hasText: 'Ticker' }).first().click();
  // GraphiQL re-reads the operation name from the editor after a short debounce
  await page.locator('.graphiql-query-editor', { hasText: 'query Ticker' }).waitFor();
  await page.waitForTimeout(500);
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.result-window');
  await result.getByText('KZT/USD').first().waitFor({ timeout: 15000 });
  const chartsLink = await page.getByRole('link', { name: 'Charts of a search' }).getAttribute('href');
  return { tabs, plugin, firstVariables, chartsLink, result: await result.innerText() };
}

async function widgets(page) {
  await page.goto(`${base}/embed/demo`, { waitUntil: 'load' });
  await page.locator('steppe-ticker tbody tr').first().waitFor({ timeout: 15000 });
  await page.locator('steppe-headlines li').first().waitFor({ timeout: 15000 });
  const ticker = await page.locator('steppe-ticker tbody tr').allInnerTexts();
  const headlines = await page.locator('steppe-headlines[country="KZ"] li').allInnerTexts();
  const titles = await page.locator('steppe-headlines[country="KZ"] [part="headline"]').allTextContents();
  const headings = await page.locator('steppe-ticker h2, steppe-headlines h2').allTextContents();
  const statuses = await page.locator('steppe-ticker [role="status"], steppe-headlines [role="status"]').allTextContents();
  const markup = await page.locator('steppe-headlines img, steppe-headlines b').count();
  const feed = await page.locator('steppe-ticker').getAttribute('data-feed');
  return { ticker, headlines, titles, headings, statuses, markup, feed, title: await page.title() };
}

const rows = (page, selector) => page.locator(`${selector} tbody tr`).allInnerTexts();
const feedOf = (page, selector) => page.locator(selector).getAttribute('data-feed');

// The ticker on the live feed, against a server that lets one client hold one live connection:
// the demo's ticker takes it; a second ticker is refused (429) and polls, a third is told
// `live="off"`. Then SCREENSHOT_PATH.ready is written, the test ingests a new rate with the
// CLI, and the live ticker must show it with no reload while the pollers (refresh 3600) don't.
async function live(page) {
  await page.goto(`${base}/embed/demo`, { waitUntil: 'load' });
  const demo = 'main > steppe-ticker:first-of-type';
  await page.locator(demo).evaluate((t) => t.setAttribute('refresh', '3600'));
  await page.locator(`${demo}[data-feed="live"] tbody tr`).first().waitFor({ timeout: 15000 });
  await page.evaluate(() => {
    window.steppeNotReloaded = true;
    for (const [id, attrs] of [['refused', {}], ['off', { live: 'off' }]]) {
      const ticker = document.createElement('steppe-ticker');
      ticker.id = id;
      for (const [name, value] of Object.entries({ quote: 'USD', refresh: '3600', ...attrs })) ticker.setAttribute(name, value);
      document.querySelector('main').append(ticker);
    }
  });
  for (const id of ['#refused', '#off']) {
    await page.locator(`${id}[data-feed="polling"] tbody tr`).first().waitFor({ timeout: 15000 });
  }
  const before = { live: await rows(page, demo), refused: await rows(page, '#refused'), off: await rows(page, '#off') };
  writeFileSync(`${screenshot}.ready`, '');
  await page.locator(`${demo} tbody tr`, { hasText: '0.00201' }).waitFor({ timeout: 20000 });
  const after = { live: await rows(page, demo), refused: await rows(page, '#refused'), off: await rows(page, '#off') };
  const feeds = { live: await feedOf(page, demo), refused: await feedOf(page, '#refused'), off: await feedOf(page, '#off') };
  const notReloaded = await page.evaluate(() => window.steppeNotReloaded === true);
  const statuses = await page.locator('steppe-ticker [role="status"]').allTextContents();
  // Removed, the live ticker closes its stream: the one live connection is free again, as
  // soon as the server has seen the close (a new ticker may beat it there: then try again).
  await page.evaluate(() => document.querySelector('main > steppe-ticker').remove());
  let again = { feed: null, rows: [] };
  for (const deadline = Date.now() + 15000; again.feed !== 'live' && Date.now() < deadline;) {
    await page.evaluate(() => {
      document.getElementById('again')?.remove();
      const ticker = document.createElement('steppe-ticker');
      ticker.id = 'again';
      ticker.setAttribute('refresh', '3600');
      document.querySelector('main').append(ticker);
    });
    await page.locator('#again[data-feed] tbody tr').first().waitFor({ timeout: 15000 });
    again = { feed: await feedOf(page, '#again'), rows: await rows(page, '#again') };
    if (again.feed !== 'live') await page.waitForTimeout(250);
  }
  return { before, after, feeds, notReloaded, statuses, again };
}

// What the charts page drew for its current search: month bars and co-mention bars by their
// tooltips and names, and the texts around them.
async function drawn(page) {
  const text = (selector) => page.locator(selector).allTextContents();
  return {
    months: await text('#months-chart rect.bar > title'),
    monthAxis: await text('#months-chart text.tick'),
    company: await page.locator('#company-chart rect.bar').evaluateAll((bars) => bars.map((b) => b.dataset.name)),
    companyKinds: await page.locator('#company-chart rect.bar').evaluateAll((bars) => bars.map((b) => b.getAttribute('class'))),
    companyHeading: await page.locator('#company-heading').textContent(),
    total: await page.locator('#total').textContent(),
    exportHref: await page.locator('#export').getAttribute('href'),
    status: await page.locator('#status').textContent(),
  };
}

async function search(page, text, state) {
  await page.getByLabel('Search articles').fill(text);
  await page.getByRole('button', { name: 'Draw' }).click();
  await settled(page, text, state);
}

async function settled(page, text, state) {
  await page.waitForFunction(([t, s]) => {
    const main = document.getElementById('charts');
    return main.dataset.text === t && main.dataset.state === s;
  }, [text, state], { timeout: 15000 });
}

async function charts(page) {
  await page.goto(`${base}/explorer/charts?text=Kazakhstan`, { waitUntil: 'load' });
  await settled(page, 'Kazakhstan', 'ready');
  const kazakhstan = await drawn(page);
  const input = await page.getByLabel('Search articles').inputValue();
  await search(page, 'title:(', 'error');
  const error = await page.getByRole('alert').textContent();
  await search(page, 'zzzqqqxx', 'empty');
  const empty = { ...(await drawn(page)), sections: await page.locator('section:visible').count() };
  await search(page, 'the', 'ready');
  const the = { ...(await drawn(page)), address: page.url() };
  return { input, kazakhstan, error, empty, the, title: await page.title() };
}

const profile = mkdtempSync(path.join(tmpdir(), 'steppe-chromium-'));
const report = { failedRequests: [], httpErrors: [], consoleErrors: [], offsite: [], requests: [] };
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: FLAGS,
  viewport: { width: 1280, height: 860 },
});
try {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    report.offsite.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('requestfailed', (r) => report.failedRequests.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    report.requests.push(`${r.status()} ${r.url()}`);
    if (r.status() >= 400) {
      const sent = r.request().postData() ?? '';
      // recorded at once: the body may never be readable (a refused EventSource's is not)
      const at = report.httpErrors.push(`${r.status()} ${r.url()} ${sent.slice(0, 200)}`) - 1;
      r.text().then((body) => { report.httpErrors[at] += ` -> ${body.slice(0, 300)}`; }, () => {});
    }
  });
  page.on('console', (m) => { if (m.type() === 'error') report.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => report.consoleErrors.push(String(e)));
  try {
    report.found = await { explorer, widgets, live, charts }[check](page);
  } catch (error) {
    report.error = String(error?.stack ?? error);
  }
  await page.screenshot({ path: screenshot, fullPage: true });
  report.screenshot = screenshot;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
