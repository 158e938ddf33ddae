// Renders media/icon.svg to the 128x128 PNG the manifest names, with the Debian chromium (no ImageMagick needed).
// usage: node test/host/render-icon.js media/icon.svg media/icon.png
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
(async () => {
  const b = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const p = await b.newPage({ viewport: { width: 128, height: 128 } });
  const svg = fs.readFileSync(process.argv[2], 'utf8');
  await p.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await p.screenshot({ path: process.argv[3], omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  await b.close();
})();
