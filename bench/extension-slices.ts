// The diagnostics scan without VS Code: the same sliced loop (src/extension/slicedScan.ts) over a
// generated 50 MB log in plain Node, with a lag probe, against one unsliced scan() for comparison.
// It separates our own blocking from the extension host's other work (VS Code loading the file,
// other extensions, the machine's load). Run: npx tsx bench/extension-slices.ts [megabytes]
import { scan } from '../src/core';
import { scanInSlices } from '../src/extension/slicedScan';
import { generateLog, lagProbe } from './extension-log';

async function main() {
  const mb = Number(process.argv[2] ?? 50);
  const text = generateLog(mb * 1_000_000, mb);
  const lines = text.split('\n');
  console.log(`${(text.length / 1e6).toFixed(1)} MB, ${lines.length} lines, node ${process.version}`);

  for (let round = 1; round <= 2; round++) {
    const probe = lagProbe();
    let findings = 0;
    const t0 = performance.now();
    const p = await scanInSlices({ lineCount: lines.length, lineAt: (i) => lines[i], sink: () => { findings++; }, cancelled: () => false });
    const total = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 20));
    const lag = probe.stop();
    console.log(`sliced (round ${round}): ${findings} replies in ${total.toFixed(0)} ms, ${p!.slices} slices, longest slice ${p!.longestSliceMs.toFixed(1)} ms, longest block seen by the probe ${lag.toFixed(1)} ms`);
    if (probe.spikes.length) console.log(`  blocks over 20 ms (end, length): ${probe.spikes.map((x) => `${x.atMs}:${x.ms}`).join(' ')}`);
  }
  const t1 = performance.now();
  const all = scan(text);
  console.log(`one scan() call, for comparison: ${all.length} replies, a single block of ${(performance.now() - t1).toFixed(0)} ms`);
}

void main();
