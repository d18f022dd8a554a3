// End to end: `nianbao batch` makes a database of hongze-2023.pdf (its
// appeals.total check fails: 总计 printed 0 beside 结果维持 10 + 结果纠正 1);
// `nianbao review` serves it; Debian's chromium, headless, driven by
// playwright-core, reviews with the keyboard only: moves to the cell, types
// 11 and Enter, sees the check pass, finds the correction in SQLite, undoes
// it with u, takes an OCR alternative with Shift+1. The scanned report is
// reviewed in review_scan.e2e.mjs.
//
//   node review.e2e.mjs NIANBAO_BIN [SOURCE_DIR]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { currentCell, imageLoaded, openPage, query, startServer } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.argv[2] || process.env.NIANBAO_BIN;
const source = process.argv[3] || path.resolve(here, '../..');
assert.ok(bin, 'usage: node review.e2e.mjs NIANBAO_BIN [SOURCE_DIR]');

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-e2e-'));
const db = path.join(dir, 'r.sqlite');
let server;
let browser;

function corrections(cell) {
  return query(db, 'SELECT old_value, new_value, reviewer FROM corrections WHERE table_id=? AND row=? AND col=?',
    ...cell.split('.'));
}

try {
  writeFileSync(path.join(dir, 'list.txt'), path.join(source, 'fixtures/real/hongze-2023.pdf') + '\n');
  execFileSync(bin, ['batch', '-q', '--manifest', path.join(dir, 'list.txt'), '--db', db], { stdio: 'inherit' });
  const started = startServer(bin, ['--db', db, '--reviewer', 'e2e']);
  server = started.server;
  const opened = await openPage(await started.url);
  browser = opened.browser;
  const { page, errors } = opened;
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
  await imageLoaded(page, 'cell-image');

  await page.keyboard.type('11');
  assert.equal(await page.locator('#typed').textContent(), '11');
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
  await imageLoaded(page, 'page-image');
  assert.equal(await page.locator('#page-cells button[data-cell="appeals.reconsideration.total"]').getAttribute('data-state'), 'corrected');
  assert.equal(await page.locator('#page-cells button[data-cell="appeals.litigation_after_reconsideration.total"]').getAttribute('data-state'), 'failing');
  assert.ok(await page.locator('#page-cells button[data-state="confident"]').count() > 10);
  await page.locator('#page-cells button[data-cell="appeals.litigation_after_reconsideration.total"]').scrollIntoViewIfNeeded();
  await page.keyboard.press('c');
  await page.waitForSelector('#cell-view:not([hidden])');

  // u undoes the correction: the check fails again, the row is gone.
  await page.keyboard.press('u');
  await page.waitForFunction(() => document.getElementById('message').textContent.startsWith('已撤销'));
  assert.equal(await currentCell(page), target);
  await page.waitForFunction(() => document.querySelector('#cell-checks li[data-rule="appeals.total"]')?.dataset.status === 'fail');
  assert.deepEqual(corrections(target), []);
  assert.match(await page.locator('#counts').textContent(), /未通过校验 2/);

  // OCR's other readings (set here: a born-digital report has none) are
  // offered, and Shift+1 takes the first: 0 is the value, so 11 comes first.
  query(db, "UPDATE cells SET alternatives = '[\"0\", \"11\", \"17\"]' WHERE table_id = 'appeals' " +
    "AND row = 'reconsideration' AND col = 'total'");
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.waitForFunction(() => document.querySelectorAll('#alternatives li').length === 2);
  assert.equal(await currentCell(page), target);
  assert.deepEqual(await page.locator('#alternatives li').evaluateAll((lis) => lis.map((l) => l.dataset.value)), ['11', '17']);
  await page.keyboard.press('Shift+Digit1');
  await page.waitForFunction(() => document.getElementById('message').textContent.startsWith('已更正'));
  assert.deepEqual(corrections(target), [[0, 11, 'e2e']]);

  assert.deepEqual(errors, []);
  console.log('review e2e: ok');
} finally {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
