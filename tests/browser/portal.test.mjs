// Browser test of the public portal: Debian's Chromium driven by playwright-core against a real
// `ketnoi serve` on 127.0.0.1 with demo data. Opens home, searches without diacritics, clicks a
// facet, opens a task, switches language; axe-core must find no serious or critical violation
// on those pages; screenshots are kept in $KETNOI_ARTIFACTS. A second test signs in as staff and
// edits a task through the form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const bin = process.env.KETNOI_BIN || 'build/release/ketnoi';
const artifacts = process.env.KETNOI_ARTIFACTS || 'build/test-artifacts';
const chromiumPath = '/usr/bin/chromium';

let server, browser, base, dataDir;
const staffPassword = 'mật khẩu của chuyên viên 2026';

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitForHealth(url) {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url + '/healthz')).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function checkAccessibility(page, name) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), []);
}

before(async () => {
  assert.ok(existsSync(chromiumPath), 'Debian chromium is not installed (scripts/setup.sh installs it)');
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ketnoi-browser-'));
  execFileSync(bin, ['demo', '--data', dataDir, '--tasks', '1500', '-q'], { stdio: 'ignore' });
  execFileSync(bin, ['admin', 'create-user', '--data', dataDir, '--email', 'chuyen.vien@so-khcn.vn',
                     '--name', 'Chuyên viên Sở', '--role', 'staff', '--password-stdin'],
               { input: staffPassword + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ['serve', '--data', dataDir, '--port', String(port)], { stdio: 'ignore' });
  await waitForHealth(base);
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('search without diacritics, refine by a facet, open a task, switch language', async () => {
  // bypassCSP only lets the test inject axe-core; the pages themselves carry no inline script.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();

  await page.goto(base + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  await checkAccessibility(page, 'home');
  await page.screenshot({ path: path.join(artifacts, 'portal-home.png'), fullPage: true });

  await page.fill('#q', 'benh vien');
  await Promise.all([page.waitForURL(/\/search\?q=benh\+vien/), page.press('#q', 'Enter')]);
  const heading = await page.textContent('#results-heading');
  const total = Number(heading.replace(/[^0-9]/g, ''));
  assert.ok(total > 0, `results heading: ${heading}`);
  const firstTitle = await page.textContent('ol.results li h3 a');
  assert.match(firstTitle.toLowerCase(), /bệnh|viện/);
  // The counts of one facet add up to the total.
  const levelCounts = await page.$$eval('.facets section:nth-of-type(2) .count', (els) => els.map((e) => Number(e.textContent)));
  assert.equal(levelCounts.reduce((a, b) => a + b, 0), total);
  await checkAccessibility(page, 'search');
  await page.screenshot({ path: path.join(artifacts, 'portal-search.png'), fullPage: true });

  await Promise.all([page.waitForNavigation(), page.click('.facets section:nth-of-type(2) a')]);
  assert.ok((await page.textContent('.active')).includes('Đang lọc theo'));
  const narrowed = Number((await page.textContent('#results-heading')).replace(/[^0-9]/g, ''));
  assert.ok(narrowed > 0 && narrowed <= total);

  await Promise.all([page.waitForNavigation(), page.click('ol.results li h3 a')]);
  assert.match(page.url(), /\/tasks\/\d+$/);
  assert.ok((await page.textContent('dl.facts')).includes('Kinh phí từ ngân sách'));
  await checkAccessibility(page, 'task');
  await page.screenshot({ path: path.join(artifacts, 'portal-task.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: path.join(artifacts, 'portal-task-a4.pdf'), format: 'A4' });
  await page.emulateMedia({ media: 'screen' });

  await Promise.all([page.waitForNavigation(), page.click('a[hreflang="en"]')]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok((await page.textContent('dl.facts')).includes('State budget'));
  await checkAccessibility(page, 'task-en');
  // The choice is remembered: the home page is now English too.
  await page.goto(base + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');

  // A phone-sized screen.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p2 = await phone.newPage();
  await p2.goto(base + '/search?q=nong+nghiep');
  const overflow = await p2.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(overflow, false, 'no horizontal scrolling on a phone');
  await p2.screenshot({ path: path.join(artifacts, 'portal-phone.png') });
  await phone.close();
  await context.close();
});

test('staff sign in, fix an error shown next to its field, see the edit in the history, sign out', async () => {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  // A page behind the login sends the visitor to the sign-in form and back.
  await page.goto(base + '/tasks/1/edit');
  assert.match(page.url(), /\/login\?next=/);
  await checkAccessibility(page, 'login');
  await page.fill('#f-email', 'chuyen.vien@so-khcn.vn');
  await page.fill('#f-password', 'sai mật khẩu');
  await Promise.all([page.waitForNavigation(), page.click('form.edit button[type=submit]')]);
  assert.ok((await page.textContent('.form-error')).includes('không đúng'));
  await page.fill('#f-password', staffPassword);
  await Promise.all([page.waitForURL(/\/tasks\/1\/edit$/), page.click('form.edit button[type=submit]')]);
  await checkAccessibility(page, 'edit-task');

  // An empty title is refused; the message sits next to the title and the field is marked.
  await page.fill('#f-title', '');
  await Promise.all([page.waitForNavigation(), page.click('form.edit button[type=submit]')]);
  assert.equal(await page.getAttribute('#f-title', 'aria-invalid'), 'true');
  assert.ok((await page.textContent('#e-title')).length > 0);
  await checkAccessibility(page, 'edit-task-error');
  await page.screenshot({ path: path.join(artifacts, 'edit-error.png'), fullPage: true });

  await page.fill('#f-title', 'Nghiên cứu mô hình quản lý nước thải tại các làng nghề Hà Nội');
  await Promise.all([page.waitForURL(/saved=1/), page.click('form.edit button[type=submit]')]);
  assert.ok((await page.textContent('.notice')).includes('Đã lưu'));
  await page.goto(base + '/history/task/1');
  assert.ok((await page.textContent('ol.history')).includes('nước thải tại các làng nghề'));
  assert.ok((await page.textContent('ol.history')).includes('chuyen.vien@so-khcn.vn'));
  await checkAccessibility(page, 'history');

  await Promise.all([page.waitForNavigation(), page.click('header.site button.link')]);
  await page.goto(base + '/account');
  assert.match(page.url(), /\/login/);
  await context.close();
});

test('staff open an ordering round from the selection hub; the rule set reads in Vietnamese', async () => {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + '/login?next=/selection');
  await page.fill('#f-email', 'chuyen.vien@so-khcn.vn');
  await page.fill('#f-password', staffPassword);
  await Promise.all([page.waitForURL(/\/selection$/), page.click('form.edit button[type=submit]')]);
  await checkAccessibility(page, 'selection-hub');
  await page.fill('#f-round-title', 'Đợt đặt hàng năm 2027');
  await page.fill('#f-round-closes_on', '2030-03-31');
  await Promise.all([page.waitForURL(/\/rounds\/\d+$/), page.click('form[action="/rounds"] button[type=submit]')]);
  assert.ok((await page.textContent('h1')).includes('Đợt đặt hàng năm 2027'));
  await checkAccessibility(page, 'round');
  await page.goto(base + '/rule-sets');
  await checkAccessibility(page, 'rule-sets');
  await Promise.all([page.waitForNavigation(), page.click('table.data a >> nth=0')]);
  assert.ok((await page.textContent('main')).includes('Ngưỡng đạt'));
  await checkAccessibility(page, 'rule-set');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: path.join(artifacts, 'rule-set-a4.pdf'), format: 'A4' });
  await context.close();
});
