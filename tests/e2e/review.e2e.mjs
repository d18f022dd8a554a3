// End to end: `nianbao batch` makes a database of hongze-2023.pdf (its
// appeals.total check fails: 总计 printed 0 beside 结果维持 10 + 结果纠正 1);
// `nianbao review` serves it; Debian's chromium, headless, driven by
// playwright-core, reviews with the keyboard only: moves to the cell, types
// 11 and Enter, sees the check pass, finds the correction in SQLite, undoes
// it with u. Screenshots of the cell view and the page view go to
// SHOTS_DIR when set (docs/review-cell.png, docs/review-page.png).
//
//   node review.e2e.mjs NIANBAO_BIN [SOURCE_DIR]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.argv[2] || process.env.NIANBAO_BIN;
const source = process.argv[3] || path.resolve(here, '../..');
const shots = process.env.SHOTS_DIR || '';
assert.ok(bin, 'usage: node review.e2e.mjs NIANBAO_BIN [SOURCE_DIR]');

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-e2e-'));
const db = path.join(dir, 'r.sqlite');
let server;
let browser;

// The corrections of one cell, read with Debian's python3 (sqlite3 module).
function corrections(cell) {
  const [table, row, col] = cell.split('.');
  const out = execFileSync('/usr/bin/python3', ['-c', `
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT old_value, new_value, reviewer FROM corrections WHERE table_id=? AND row=? AND col=?", sys.argv[2:5]).fetchall()
print(json.dumps(rows))`, db, table, row, col]);
  return JSON.parse(out.toString());
}

async function startServer() {
  server = spawn(bin, ['review', '--db', db, '--reviewer', 'e2e'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('review printed no URL: ' + out)), 20000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    });
    server.on('exit', (code) => reject(new Error('review exited ' + code)));
  });
}

// The cell shown in full (the queue marks it, its detail and checks are in).
async function currentCell(page) {
  await page.waitForSelector('#cell:not([data-cell=""])');
  return page.locator('#cell').getAttribute('data-cell');
}

try {
  writeFileSync(path.join(dir, 'list.txt'), path.join(source, 'fixtures/real/hongze-2023.pdf') + '\n');
  execFileSync(bin, ['batch', '-q', '--manifest', path.join(dir, 'list.txt'), '--db', db], { stdio: 'inherit' });
  const url = await startServer();

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // waitForFunction evaluates strings, which the page's own policy forbids:
  // the test's context alone bypasses it (the header is checked in review_test).
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
  assert.match(await page.locator('#counts').textContent(), /未通过校验 2/);

  // To the 总计 of 行政复议 with j only.
  const target = 'appeals.reconsideration.total';
  for (let i = 0; i < 30 && (await currentCell(page)) !== target; i++) {
    const before = await currentCell(page);
    await page.keyboard.press('j');
    await page.waitForFunction((b) => { const c = document.getElementById('cell').dataset.cell; return c && c !== b; }, before);
  }
  assert.equal(await currentCell(page), target);
  assert.match(await page.locator('#row-label').textContent(), /行政复议/);
  assert.equal(await page.locator('#queue li.current').getAttribute('data-cell'), target);
  assert.match(await page.locator('#col-label').textContent(), /总计/);
  assert.equal(await page.locator('#cell-checks li[data-rule="appeals.total"]').getAttribute('data-status'), 'fail');
  await page.waitForFunction(() => { const i = document.getElementById('cell-image'); return i.complete && i.naturalWidth > 100; });

  await page.keyboard.type('11');
  assert.equal(await page.locator('#typed').textContent(), '11');
  if (shots) await page.screenshot({ path: path.join(shots, 'review-cell.png') });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('message').textContent.startsWith('已更正'));
  const message = await page.locator('#message').textContent();
  assert.match(message, /appeals\.total（reconsideration） 通过/, message);
  assert.match(await page.locator('#counts').textContent(), /未通过校验 1/);
  assert.equal(await page.locator('#doc-checks li[data-rule="appeals.total"][data-row="reconsideration"]').count(), 0);
  assert.deepEqual(corrections(target), [[0, 11, 'e2e']]);

  // The page view: every cell outlined by state, the corrected one among them.
  await page.keyboard.press('p');
  await page.waitForSelector('#page-cells button[data-cell="appeals.reconsideration.total"]');
  await page.waitForFunction(() => { const i = document.getElementById('page-image'); return i.complete && i.naturalWidth > 100; });
  assert.equal(await page.locator('#page-cells button[data-cell="appeals.reconsideration.total"]').getAttribute('data-state'), 'corrected');
  assert.equal(await page.locator('#page-cells button[data-cell="appeals.litigation_after_reconsideration.total"]').getAttribute('data-state'), 'failing');
  assert.ok(await page.locator('#page-cells button[data-state="confident"]').count() > 10);
  await page.locator('#page-cells button[data-cell="appeals.litigation_after_reconsideration.total"]').scrollIntoViewIfNeeded();
  if (shots) await page.screenshot({ path: path.join(shots, 'review-page.png') });
  await page.keyboard.press('c');
  await page.waitForSelector('#cell-view:not([hidden])');

  // u undoes the correction: the check fails again, the row is gone.
  await page.keyboard.press('u');
  await page.waitForFunction(() => document.getElementById('message').textContent.startsWith('已撤销'));
  assert.equal(await currentCell(page), target);
  await page.waitForFunction(() => document.querySelector('#cell-checks li[data-rule="appeals.total"]')?.dataset.status === 'fail');
  assert.deepEqual(corrections(target), []);
  assert.match(await page.locator('#counts').textContent(), /未通过校验 2/);

  assert.deepEqual(errors, []);
  console.log('review e2e: ok');
} finally {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
