// The docs site built with VitePress and opened in headless Chromium: every page renders without
// console errors, the sidebar navigates, local search finds a page, and one screenshot per guide
// is written to reports/docs/ to be looked at.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { chromium as playwright } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium } from '../support/chromium.js';
import { describeNeeding } from '../support/needs-tool.js';

const ROOT = path.resolve('.');
const DIST = path.join(ROOT, 'docs/.vitepress/dist');
const SHOTS = path.join(ROOT, 'reports/docs');
const browser = chromium();

function htmlPages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'assets' ? [] : htmlPages(full);
    return name.endsWith('.html') && name !== '404.html' ? [path.relative(DIST, full)] : [];
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

describeNeeding(browser, 'the docs site in headless Chromium', () => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    // Asynchronously: a blocked worker loses its line to vitest while VitePress builds.
    await promisify(execFile)('npx', ['vitepress', 'build', 'docs'], {
      timeout: 240_000,
      maxBuffer: 32 * 1024 * 1024,
    });
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      let file = path.join(DIST, decodeURIComponent(url.pathname));
      if (!file.startsWith(DIST)) return void res.writeHead(403).end();
      try {
        if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
        res.writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        });
        res.end(readFileSync(file));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mkdirSync(SHOTS, { recursive: true });
  }, 300_000);

  afterAll(() => {
    server?.close();
  });

  it('renders every page without console errors, navigates and searches', async () => {
    const pages = htmlPages(DIST).sort();
    expect(pages).toEqual(
      expect.arrayContaining([
        'index.html',
        'guide/getting-started.html',
        'guide/local-development.html',
        'guide/ci-gate.html',
        'guide/sre.html',
        'guide/containers.html',
        'reference/cli.html',
        'reference/api.html',
        'reference/config.html',
        'errors.html',
        'coming-from.html',
        'chaos.html',
        'postman.html',
        'fidelity.html',
        'hoverfly.html',
      ]),
    );
    const chrome = await playwright.launch({
      executablePath: browser.binary,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await chrome.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      for (const file of pages) {
        await page.goto(`${base}/${file}`, { waitUntil: 'networkidle' });
        expect(await page.locator('h1').first().textContent(), file).toBeTruthy();
        if (file === 'index.html' || file.startsWith('guide/')) {
          await page.screenshot({
            path: path.join(SHOTS, file.replace(/\//g, '-').replace('.html', '.png')),
          });
        }
      }
      expect(errors).toEqual([]);

      // Navigation: the sidebar link of the CI guide opens it.
      await page.goto(`${base}/guide/getting-started.html`, { waitUntil: 'networkidle' });
      await page.locator('.VPSidebar a', { hasText: 'The CI gate' }).first().click();
      await page.waitForURL(/ci-gate/);
      expect(await page.locator('h1').first().textContent()).toContain('The CI gate');

      // Search: VitePress's local index finds the containers guide among its hits (other
      // pages mention testcontainers too, so which one ranks first is not the point).
      await page.locator('.DocSearch-Button, .VPNavBarSearch button').first().click();
      await page.keyboard.type('testcontainers');
      const hits = page.locator('.result, .DocSearch-Hit');
      await hits.first().waitFor({ timeout: 10_000 });
      const titles = await hits.allTextContents();
      expect(
        titles.some((title) => /^#?Containers\b/.test(title.trim())),
        titles.join(' | '),
      ).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await chrome.close();
    }
  }, 240_000);
});
