/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser.)
// Drives the real VS Code workbench (served by test/host/run.sh) as a person would: keyboard, mouse, reading the DOM.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');

export interface Workbench { page: Page; close(): Promise<void> }

export async function openWorkbench(folder: string, viewport = { width: 1366, height: 900 }): Promise<Workbench> {
  const base = process.env.SMTP_LENS_SERVER;
  if (!base) throw new Error('SMTP_LENS_SERVER is not set: run the UI tests with test/host/run.sh ui');
  const remote = (p: string) => `vscode-remote://${new URL(base).host}${p}`;
  // SMTP_LENS_INSTALLED=1: the extension is the installed .vsix (test/host/run.sh vsix), not this tree.
  const payload = process.env.SMTP_LENS_INSTALLED === '1' ? [] : [['extensionDevelopmentPath', remote(ROOT)]];
  const url = `${base}/?folder=${encodeURIComponent(folder)}` +
    (payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  const ctx: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  // SMTP_LENS_CONSOLE=1: the workbench's console (the extension host's forwarded to it) in the test output.
  if (process.env.SMTP_LENS_CONSOLE === '1') {
    page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    page.on('worker', (w) => {
      console.log(`[browser] worker ${w.url().slice(0, 80)}`);
      w.on('console', (m) => console.log(`[worker ${m.type()}] ${m.text()}`));
    });
  }
  await page.goto(url);
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90000 });
  return {
    page,
    async close() { await ctx.close().catch(() => undefined); fs.rmSync(profile, { recursive: true, force: true }); },
  };
}

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * Picks the quick-input row whose label is exactly `label` (not one that merely contains it). The
 * list reuses its row elements while it filters: let it settle first, so a click lands on what was read.
 */
export async function pickExactly(page: Page, label: string): Promise<void> {
  await page.waitForTimeout(250);
  const row = page.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(label) }) }).first();
  await row.waitFor();
  await row.click();
}

/** Runs a command from the palette (F1), by its title as shown there. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const listed = page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: exactly(title) }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill(`>${title}`);
    try { await listed.waitFor({ timeout: 5000 }); break; } catch (e) { if (attempt === 6) throw e; }
    // The palette lists the commands known when it opened: those of an extension host still starting come
    // later. A person closes it and opens it again.
    await page.keyboard.press('Escape');
  }
  await pickExactly(page, title);
}

/** Goes to a line (1-based) with the palette's `:` prefix, which brings it into view. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}`);
  await page.locator('.quick-input-widget', { hasText: `line ${line}` }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Opens a workspace file from the Explorer, as a person clicks it. */
export async function openFile(page: Page, name: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(name) }) }).first();
  await row.click();
  await editorOpened(page, name);
}

/** Opens a file of the workspace by name with Quick Open, as a person does in a folder of hundreds. */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 30000 });
  await page.waitForTimeout(250); // the list settles (it reuses its rows while it fills)
  await row.click();
  await editorOpened(page, name);
}

async function editorOpened(page: Page, name: string): Promise<void> {
  // A tab's label is split in two (`.label-name` "notes", `.label-suffix` ".txt"): match the whole label.
  await page.locator('.tab.active .monaco-icon-label-container', { hasText: exactly(name) }).waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/**
 * Centre of `word` after the first occurrence of `lineHas` in the visible editor text. The view
 * lines are read in screen order and joined, so a match survives word wrap; the editor renders
 * spaces as U+00A0, normalised here. DOM ranges over the token spans give the position.
 */
export async function wordCenter(page: Page, word: string, lineHas = word): Promise<{ x: number; y: number } | null> {
  return page.evaluate(([w, has]) => {
    const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor .view-lines')
      ?? document.querySelector('.editor-instance .monaco-editor .view-lines');
    if (!editor) return null;
    const lines = Array.from(editor.querySelectorAll<HTMLElement>('.view-line'))
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    const nodes: { node: Text; start: number }[] = [];
    let text = '';
    for (const line of lines) {
      const it = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = it.nextNode() as Text | null; n; n = it.nextNode() as Text | null) {
        nodes.push({ node: n, start: text.length });
        text += n.data.replace(/\u00a0/g, ' ');
      }
    }
    const at = text.indexOf(has);
    const target = at < 0 ? -1 : text.indexOf(w, at);
    if (target < 0) return null;
    const hit = nodes.filter((n) => n.start <= target).pop()!;
    const r = document.createRange();
    r.setStart(hit.node, target - hit.start);
    r.setEnd(hit.node, Math.min(hit.node.data.length, target - hit.start + w.length));
    const b = r.getBoundingClientRect();
    return { x: b.x + Math.min(b.width / 2, 8), y: b.y + b.height / 2 };
  }, [word, lineHas] as const);
}

/**
 * Moves the mouse onto `word` (after `lineHas`) as a person does, until a visible hover whose text matches
 * `expect` shows; returns that hover. Retried: the first hover can come before the extension has activated.
 */
export async function hoverOver(page: Page, word: string, lineHas: string, expect: RegExp): Promise<Locator> {
  const hover = page.locator('.monaco-hover:visible', { hasText: expect }).first();
  let tried = 0;
  for (let i = 0; i < 20; i++) {
    const p = await wordCenter(page, word, lineHas);
    if (!p) { await page.waitForTimeout(300); continue; }
    // After a right-click the editor believes its button is still down (the context menu took the mouse-up),
    // and shows no hover until it comes up: when a hover does not come, a click on the text, as a person does.
    if (tried++ === 1) await page.mouse.click(p.x, p.y);
    await page.mouse.move(5, 5);
    await page.mouse.move(p.x, p.y, { steps: 4 });
    try { await hover.waitFor({ timeout: 3000 }); return hover; } catch { /* again */ }
  }
  throw new Error(`no hover showing ${expect} over "${word}" in the line with "${lineHas}"`);
}

/** A box on the page. */
export interface Box { top: number; bottom: number; left: number; right: number }

/** A block of a hover's Markdown (a paragraph, list item or heading) and where its lines are. */
export interface HoverBlock {
  text: string;
  /** Each line box of the block. */
  lines: Box[];
  /** Every line box lies inside the hover's visible area: it is read without scrolling. */
  inside: boolean;
}

/** What a shown hover shows without scrolling, and where each block of its Markdown lies. */
export interface HoverLayout {
  /** The visible area: the client rectangle of the hover's scrollable element, cut by the window. */
  visible: Box;
  /** Height of the whole content, and of the part shown: content taller than the part scrolls. */
  contentHeight: number;
  visibleHeight: number;
  blocks: HoverBlock[];
}

/** Measures a shown hover (as returned by `hoverOver`) against the part of it a person sees without scrolling. */
export async function hoverLayout(hover: Locator): Promise<HoverLayout> {
  return hover.evaluate((root) => {
    const scrollable = root.querySelector<HTMLElement>('.monaco-scrollable-element') ?? (root as HTMLElement);
    const content = root.querySelector<HTMLElement>('.monaco-hover-content') ?? scrollable;
    const box = scrollable.getBoundingClientRect();
    const visible = {
      top: Math.max(box.top, 0), left: Math.max(box.left, 0),
      bottom: Math.min(box.top + scrollable.clientHeight, window.innerHeight),
      right: Math.min(box.left + scrollable.clientWidth, window.innerWidth),
    };
    const blocks = Array.from(root.querySelectorAll<HTMLElement>('.rendered-markdown :is(p, li, h1, h2, h3, h4)')).map((b) => {
      const range = document.createRange();
      range.selectNodeContents(b);
      const lines = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0)
        .map((r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right }));
      // Half a pixel of rounding either way.
      const inside = lines.length > 0 && lines.every((r) => r.top >= visible.top - 0.5 && r.bottom <= visible.bottom + 0.5
        && r.left >= visible.left - 0.5 && r.right <= visible.right + 0.5);
      return { text: b.innerText.replace(/\u00a0/g, ' ').trim(), lines, inside };
    });
    return { visible, contentHeight: content.scrollHeight, visibleHeight: scrollable.clientHeight, blocks };
  });
}

/** Where screenshots go: media/ when UPDATE_SCREENSHOTS=1 (for the README), else an ignored folder. */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'media') : path.join(ROOT, '.vscode-test/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** A failed test leaves a screenshot of the workbench as it was, named after the test. */
export async function screenshotFailure(page: Page, test: Mocha.Runnable | undefined): Promise<void> {
  if (test?.state === 'failed') await page.screenshot({ path: screenshotPath(`failure-${test.title.replace(/\W+/g, '-')}.png`) });
}

/**
 * For a suite on a file of the real-log corpus: a workbench on its folder, skipped when the corpus does not have it,
 * a screenshot of each failed test. Call it inside the suite; `page()` is valid in its tests.
 */
export function corpusWorkbench(file: string | null | undefined): { page(): Page } {
  let wb: Workbench | undefined;
  suiteSetup(async function () {
    if (!file || !fs.existsSync(file)) { this.skip(); return; }
    wb = await openWorkbench(path.dirname(file));
  });
  suiteTeardown(async () => { await wb?.close(); });
  teardown(async function () { if (wb) await screenshotFailure(wb.page, this.currentTest); });
  return { page: () => wb!.page };
}

/** The text inside the Markdown preview (a webview: two nested iframes). */
export async function previewText(page: Page, needle: RegExp): Promise<string> {
  const end = Date.now() + 30000;
  for (;;) {
    for (const frame of page.frames()) {
      const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (needle.test(text) && frame !== page.mainFrame()) return text;
    }
    if (Date.now() > end) throw new Error(`no preview showing ${needle}`);
    await page.waitForTimeout(250);
  }
}
