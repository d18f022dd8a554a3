// What the review end-to-end tests share: the server under test, the
// browser, and reading the database with Debian's python3 (sqlite3 module).
import { spawn, execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

// `nianbao review ARGS…`; resolves to the printed address once it listens
// (after extracting the report first, when ARGS name one).
export function startServer(bin, args, timeoutMs = 20000) {
  const server = spawn(bin, ['review', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('review printed no URL: ' + out)), timeoutMs);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error('review exited ' + code)); });
  });
  return { server, url };
}

// Debian's chromium, headless. The page's own policy forbids evaluating
// strings, which waitForFunction does: the test's context alone bypasses it
// (the header is checked in review_test).
export async function openPage(url) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
  return { browser, page, errors };
}

// The rows of one SQL statement as arrays (JSON), parameters bound in order;
// a write is committed.
export function query(db, sql, ...params) {
  const out = execFileSync('/usr/bin/python3', ['-c', `
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute(sys.argv[2], sys.argv[3:]).fetchall()
c.commit()
print(json.dumps(rows))`, db, sql, ...params.map(String)]);
  return JSON.parse(out.toString());
}

// The cell shown in full (the queue marks it, its detail and checks are in).
export async function currentCell(page) {
  await page.waitForSelector('#cell:not([data-cell=""])');
  return page.locator('#cell').getAttribute('data-cell');
}

export async function imageLoaded(page, id) {
  await page.waitForFunction((i) => { const e = document.getElementById(i); return e.complete && e.naturalWidth > 100; }, id);
}
