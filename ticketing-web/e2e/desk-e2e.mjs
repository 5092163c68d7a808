// End-to-end run of the support desk's web pages in headless Chromium (playwright-core with the
// machine's chromium; no browser download). Started by the desk's WebComponentsIT with the desk's
// address; exits non-zero on the first failed expectation, printing what it saw.
//
//   DESK_URL=http://localhost:8080 SCREENSHOTS=../docs/ui node e2e/desk-e2e.mjs
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.DESK_URL ?? 'http://localhost:8080';
const SHOTS = process.env.SCREENSHOTS ?? null;
const METRICS = process.env.METRICS_FILE ?? null;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 45000);
const PASSWORD = 'demo';
const run = Date.now().toString(36);
const metrics = {};

function log(...args) {
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...args);
}
const started = Date.now();

function expect(condition, message) {
  if (!condition) throw new Error(`expectation failed: ${message}`);
}

/** GraphQL as a script does it: HTTP Basic, no browser headers, so no CSRF token. */
async function api(login, query, variables = {}) {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: 'Basic ' + Buffer.from(`${login}:${PASSWORD}`).toString('base64'),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${login}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function signIn(browser, login) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (process.env.E2E_LOCAL_BUNDLE) {
    // While developing: this checkout's dist/ instead of the running desk's WebJar.
    await context.route('**/webjars/ticketing-web/ticketing-web.js', (route) =>
      route.fulfill({ path: process.env.E2E_LOCAL_BUNDLE, contentType: 'text/javascript' }),
    );
  }
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`${login} console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log(`${login} page error: ${e.message}`));
  await page.goto(`${BASE}/`);
  expect(page.url().includes('/login'), `an anonymous visitor of / is sent to the sign-in page, was ${page.url()}`);
  await page.getByLabel('E-mail').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.getByRole('button', { name: 'Sign in' }).click()]);
  log(`${login} signed in at ${page.url()}`);
  openPages.push([login, page]);
  return page;
}

/** axe-core over the page, shadow roots included: no serious or critical violation. */
async function accessible(page, screen) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
  );
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result.violations) {
    log(`axe ${screen}: ${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  expect(bad.length === 0, `${screen}: no serious or critical accessibility violation, found ${bad.map((v) => v.id).join(', ')}`);
  metrics[`axe.${screen}`] = { violations: result.violations.length, passes: result.passes.length };
}

async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

const openPages = [];

/** On failure: what each page shows, shadow roots included, to the log. */
async function dumpPages() {
  for (const [name, page] of openPages) {
    try {
      const text = await page.evaluate(() => {
        const walk = (root) =>
          [...root.querySelectorAll('*')].map((e) => (e.shadowRoot ? walk(e.shadowRoot) : '')).join(' ') +
          ' ' + (root.textContent ?? '');
        return walk(document).replace(/\s+/g, ' ').slice(0, 3000);
      });
      log(`page ${name} (${page.url()}): ${text}`);
    } catch (e) {
      log(`page ${name}: ${e.message}`);
    }
  }
}

const inboxRow = (page, title) => page.locator('ticketing-inbox li.ticket', { hasText: title });
const conversation = (page) => page.locator('ticketing-ticket ol.conversation');

async function main() {
  // A fresh profile: Playwright's launch makes a temporary user-data-dir of its own each time (it
  // refuses one given in args) and removes it on close; contexts keep the three users apart.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await scenario(browser);
  } catch (e) {
    await dumpPages();
    throw e;
  } finally {
    await browser.close();
    if (METRICS) {
      mkdirSync(dirname(METRICS), { recursive: true });
      writeFileSync(METRICS, JSON.stringify(metrics, null, 2));
    }
  }
}

async function scenario(browser) {
  // Sign-in page.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/login`);
    await accessible(page, 'sign-in');
    await shot(page, 'sign-in');
    await context.close();
  }

  const agent = await signIn(browser, 'admin@support.com');
  expect(new URL(agent.url()).pathname === '/', 'an agent lands on the inbox');
  await agent.locator('ticketing-inbox ol').waitFor();
  await agent.evaluate(() => (window.__sameDocument = true));

  const customer = await signIn(browser, 'john@acme.com');
  expect(new URL(customer.url()).pathname === '/portal', 'a customer lands on the portal');
  await customer.getByRole('heading', { name: 'My tickets' }).waitFor();
  await accessible(customer, 'portal');

  // The customer raises a ticket with an attachment.
  const title = `Printer on fire ${run}`;
  await customer.getByLabel('Subject').fill(title);
  await customer.getByLabel('Category').selectOption('TECHNICAL');
  await customer.getByLabel('Describe the problem').fill('Smoke comes out of the second floor printer.');
  await customer.locator('ticketing-portal form.create input[type=file]').setInputFiles({
    name: 'smoke.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('a photo of the smoke, in words\n'),
  });
  await customer.getByRole('button', { name: 'Create ticket' }).click();
  await customer.getByText('Ticket created.').waitFor();
  await customer.locator('ticketing-ticket h2', { hasText: title }).waitFor();
  await customer.locator('ticketing-ticket a', { hasText: 'smoke.txt' }).waitFor();
  const ticketId = await customer.locator('ticketing-ticket article').getAttribute('data-ticket-id');
  log(`customer raised ticket ${ticketId} with an attachment`);

  // The agent sees it appear without reloading.
  const appeared = Date.now();
  await inboxRow(agent, title).waitFor();
  metrics.liveAppearMs = Date.now() - appeared;
  expect(await agent.evaluate(() => window.__sameDocument === true), 'the inbox was not reloaded');
  log(`agent saw it live after ${metrics.liveAppearMs} ms`);
  await accessible(agent, 'inbox');

  // Opens it (keyboard: focus the row, Enter), assigns it to herself, replies, adds a note.
  await inboxRow(agent, title).locator('button').focus();
  await agent.keyboard.press('Enter');
  await agent.locator('ticketing-ticket h2', { hasText: title }).waitFor();
  await agent.locator('ticketing-ticket a', { hasText: 'smoke.txt' }).waitFor();
  // Its SLA targets, badged by the standing the server gives each (a new ticket is on track).
  await agent.locator('ticketing-ticket ul.sla li').first().waitFor();
  const slaBadges = await agent.locator('ticketing-ticket ul.sla li').evaluateAll((l) => l.map((x) => x.className));
  expect(slaBadges.length > 0 && slaBadges.every((c) => c === 'sla-ok'), `the new ticket's SLA targets are on track: ${slaBadges}`);
  await agent.locator('ticketing-ticket form.assign select').selectOption('admin');
  await agent.locator('ticketing-ticket form.assign button').click();
  await agent.locator('ticketing-ticket dd', { hasText: 'Ada Admin' }).waitFor();

  const reply = `We are sending someone over (${run}).`;
  const note = `Internal: the printer was recalled last year (${run}).`;
  await agent.getByLabel('Message').fill(reply);
  await agent.getByRole('button', { name: 'Send' }).click();
  await conversation(agent).locator('li.public', { hasText: reply }).waitFor();
  await agent.getByLabel('Internal note', { exact: true }).check();
  expect(await agent.locator('ticketing-ticket form.composer.internal').count() === 1, 'the composer looks different for an internal note');
  await shot(agent, 'ticket-internal-note-composer');
  await agent.getByLabel('Message').fill(note);
  await agent.getByRole('button', { name: 'Add note' }).click();
  await conversation(agent).locator('li.internal', { hasText: note }).waitFor();
  await accessible(agent, 'ticket');
  await agent.locator('ticketing-ticket summary').click();
  await agent.locator('ticketing-ticket ol.history li').first().waitFor();
  await shot(agent, 'agent-ticket');

  // The agent resolves (a status change the desk offers for this ticket).
  await agent.locator('ticketing-ticket button[data-move=RESOLVED]').click();
  await agent.locator('ticketing-ticket article[data-status=RESOLVED]').waitFor();

  // The customer sees the reply, never the note, and reopens.
  await conversation(customer).locator('li', { hasText: reply }).waitFor();
  await customer.locator('ticketing-ticket article[data-status=RESOLVED]').waitFor();
  expect((await customer.getByText(note).count()) === 0, 'the customer never sees the internal note');
  expect((await customer.locator('ticketing-ticket li.internal').count()) === 0, 'no internal comment in the customer view');
  const offered = await customer.locator('ticketing-ticket [data-move]').evaluateAll((b) => b.map((x) => x.dataset.move));
  log(`customer may move the resolved ticket to ${offered}`);
  expect(offered.includes('REOPENED') && !offered.includes('CLOSED'), `the customer is offered reopening only, was ${offered}`);
  await shot(customer, 'portal-ticket');
  await customer.locator('ticketing-ticket button[data-move=REOPENED]').click();
  await customer.locator('ticketing-ticket article[data-status=REOPENED]').waitFor();

  // The agent sees the reopening live and resolves again.
  await agent.locator('ticketing-ticket article[data-status=REOPENED]').waitFor();
  await agent.locator('ticketing-ticket button[data-move=RESOLVED]').click();
  await agent.locator('ticketing-ticket article[data-status=RESOLVED]').waitFor();

  // The customer rates the resolved ticket.
  await customer.locator('ticketing-ticket article[data-status=RESOLVED]').waitFor();
  await customer.getByLabel('5 of 5').check();
  await customer.getByRole('button', { name: 'Send rating' }).click();
  await customer.getByText('you rated this ticket 5 of 5').waitFor();
  await accessible(customer, 'portal-ticket');
  await shot(customer, 'portal-rated');

  // Tenant isolation: a customer of another company neither lists nor opens it.
  const other = await signIn(browser, 'jane@globex.com');
  await other.getByRole('heading', { name: 'My tickets' }).waitFor();
  await other.waitForTimeout(300);
  expect((await other.getByText(title).count()) === 0, "another company's customer does not list the ticket");
  await other.goto(`${BASE}/portal#ticket=${encodeURIComponent(ticketId)}`);
  await other.getByText('This ticket does not exist or you may not see it.').waitFor();
  expect((await other.getByText(title).count()) === 0, "another company's customer cannot open the ticket");
  await accessible(other, 'portal-other-company');
  await shot(other, 'portal-other-company');

  // The inbox in German (the second message catalogue).
  await agent.evaluate(() => {
    document.documentElement.lang = 'de';
    for (const e of document.querySelectorAll('ticketing-inbox, ticketing-ticket')) e.requestUpdate();
  });
  await agent.getByRole('heading', { name: 'Posteingang' }).waitFor();
  await shot(agent, 'agent-inbox-de');

  // First paint of the inbox with 100 more tickets in the desk.
  const seedStart = Date.now();
  for (let i = 0; i < 100; i++) {
    await api('alice@acme.com', 'mutation($i: CreateTicketInput!) { createTicket(createTicketInput: $i) { id } }', {
      i: { title: `Load ${run} #${i}`, description: 'seeded for the first-paint measurement', priority: ['LOW', 'MEDIUM', 'HIGH', 'URGENT'][i % 4] },
    });
  }
  log(`seeded 100 tickets in ${Date.now() - seedStart} ms`);
  const fresh = await agent.context().newPage();
  const navigation = Date.now();
  await fresh.goto(`${BASE}/`);
  await fresh.locator('ticketing-inbox li.ticket').nth(24).waitFor();
  metrics.inboxRowsMs = Date.now() - navigation;
  const paint = await fresh.evaluate(() => {
    const p = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
    return p ? Math.round(p.startTime) : null;
  });
  metrics.inboxFirstContentfulPaintMs = paint;
  log(`inbox with 100+ tickets: first contentful paint ${paint} ms, first 25 rows after ${metrics.inboxRowsMs} ms`);
  await shot(fresh, 'agent-inbox');
  await fresh.keyboard.press('Tab');
  await fresh.close();
  log('all expectations met');
}

main().catch((e) => {
  console.error(e?.stack ?? String(e));
  process.exit(1);
});
