// The diagnostics pipeline without VS Code: the same sliced loop (src/extension/slicedScan.ts) feeding the same
// problem scan (src/core/problems.ts) over a generated log in plain Node, with a lag probe and the garbage
// collector's pauses, against one unsliced scan() for comparison. It separates our own blocking from the extension
// host's other work (VS Code loading the file, other extensions, the machine's load).
// Run: npx tsx bench/extension-slices.ts [megabytes] (or bundled: see npm run bench:slices)
import { createProblemScan, scan, type Finding } from '../src/core';
import { scanInSlices, yieldNow } from '../src/extension/slicedScan';
import { gcProbe, generateLog, lagProbe } from './extension-log';

async function main() {
  const mb = Number(process.argv[2] ?? 50);
  const text = generateLog(mb * 1_000_000, mb);
  const lines = text.split('\n');
  console.log(`${(text.length / 1e6).toFixed(1)} MB, ${lines.length} lines, node ${process.version}`);

  for (let round = 1; round <= 3; round++) {
    const probe = lagProbe();
    const gc = gcProbe();
    let findings = 0;
    let problems = 0;
    const tracked = createProblemScan(() => { problems++; }, { referenceTime: Date.now() });
    const t0 = performance.now();
    let open: readonly Finding[] = [];
    const p = await scanInSlices({
      lineCount: lines.length, lineAt: (i) => lines[i], cancelled: () => false, scanner: { facts: false, failuresOnly: true },
      sink: (line, found) => { findings += found.length; tracked.push(line, found); },
      ended: (found) => { findings += found.length; open = found; },
    });
    // As the extension does (src/extension/diagnostics.ts): the messages still open settle in slices.
    for (;;) {
      const t = performance.now();
      if (tracked.endPart(() => performance.now() - t > 8, open)) break;
      await yieldNow();
    }
    const total = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
    const lag = probe.stop();
    const g = gc.stop();
    console.log(`sliced (round ${round}): ${findings} replies, ${problems} problems in ${total.toFixed(0)} ms, ${p!.slices} slices, longest slice ${p!.longestSliceMs.toFixed(1)} ms, longest block seen by the probe ${lag.toFixed(1)} ms; GC ${g.count} pauses, ${g.totalMs} ms, longest ${g.longest.ms} ms ${g.longest.kind}`);
    if (probe.spikes.length) console.log(`  blocks over 20 ms (end, length): ${probe.spikes.map((x) => `${x.atMs}:${x.ms}`).join(' ')}`);
    if (g.over10.length) console.log(`  GC over 10 ms: ${g.over10.map((x) => `${x.atMs}:${x.ms} ${x.kind}`).join(' ')}`);
  }
  const t1 = performance.now();
  const all = scan(text);
  console.log(`one scan() call, for comparison: ${all.length} replies, a single block of ${(performance.now() - t1).toFixed(0)} ms`);
}

void main();
