// Shared by the extension benchmarks: a generated Postfix-style mail log and a lag probe. No `vscode` here.

/** Deterministic pseudo-random numbers (mulberry32), so every run reads the same log. */
export function rng(seed: number): () => number {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Postfix-style log: connects, deliveries, deferrals, bounces, rejects, in realistic proportions. */
export function generateLog(targetBytes: number, seed = 1): string {
  const r = rng(seed);
  const out: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const id = (0x10000000 + i).toString(16).toUpperCase();
    const pid = 1000 + Math.floor(r() * 30000);
    const ts = `Nov 29 ${String(10 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
    const to = `user${i % 9973}@example${i % 17}.com`;
    const relay = `mx${i % 7}.example${i % 17}.com[203.0.113.${i % 250}]:25`;
    const x = r();
    let line: string;
    if (x < 0.3) line = `${ts} mx1 postfix/smtpd[${pid}]: connect from client${i % 500}.example.org[192.0.2.${i % 250}]`;
    else if (x < 0.7) line = `${ts} mx1 postfix/smtp[${pid}]: ${id}: to=<${to}>, relay=${relay}, delay=0.${i % 9}, delays=0.1/0/0.2/0.3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${id}A)`;
    else if (x < 0.85) line = `${ts} mx1 postfix/smtp[${pid}]: ${id}: to=<${to}>, relay=${relay}, delay=3, delays=0.1/0/1/2, dsn=4.2.0, status=deferred (host ${relay.replace(':25', '')} said: 450 4.2.0 <${to}>: Recipient address rejected: Greylisted, please try again later (in reply to RCPT TO command))`;
    else if (x < 0.95) line = `${ts} mx1 postfix/smtp[${pid}]: ${id}: to=<${to}>, relay=${relay}, delay=1, delays=0.1/0/0.4/0.5, dsn=5.1.1, status=bounced (host ${relay.replace(':25', '')} said: 550 5.1.1 <${to}>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command))`;
    else line = `${ts} mx1 postfix/smtpd[${pid}]: NOQUEUE: reject: RCPT from unknown[198.51.100.${i % 250}]: 554 5.7.1 <${to}>: Relay access denied; from=<spam${i}@example.biz> to=<${to}> proto=ESMTP helo=<spammer>`;
    out.push(line);
    bytes += line.length + 1;
  }
  return out.join('\n') + '\n';
}

/** Longest gap between setInterval ticks beyond their period: the longest block of this thread. */
export function lagProbe(periodMs = 5) {
  const origin = performance.now();
  let last = origin;
  let max = 0;
  /** Blocks over 20 ms: when they ended (ms since the probe started) and how long they were. */
  const spikes: { atMs: number; ms: number; cpuMs?: number }[] = [];
  // The thread's own CPU time over a block (Node 23.9+): near the block's length, this thread ran; far below it, the
  // thread waited (for a core the machine gave others, or for the collector's helper threads).
  const threadCpu = (process as unknown as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage;
  const cpuNow = () => { const u = threadCpu ? threadCpu.call(process) : null; return u ? (u.user + u.system) / 1000 : NaN; };
  let lastCpu = cpuNow();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = cpuNow();
    const lag = now - last - periodMs;
    if (lag > 20) spikes.push({ atMs: Math.round(now - origin), ms: Math.round(lag), ...(Number.isNaN(cpu) ? {} : { cpuMs: Math.round(cpu - lastCpu) }) });
    max = Math.max(max, lag);
    last = now;
    lastCpu = cpu;
  }, periodMs);
  return {
    spikes,
    reset() { max = 0; last = performance.now(); lastCpu = cpuNow(); spikes.length = 0; },
    read() { return Math.max(0, max); },
    stop() { clearInterval(timer); return Math.max(0, max); },
  };
}


/** Garbage collections while something runs: how long each paused the thread, and what kind it was. */
export function gcProbe() {
  const pauses: { atMs: number; ms: number; kind: string }[] = [];
  const origin = performance.now();
  const KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
      pauses.push({ atMs: Math.round(e.startTime + e.duration - origin), ms: +e.duration.toFixed(1), kind: KINDS[kind] ?? String(kind) });
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  return {
    /** Forgets what came before (VS Code's own work while it opened the file). */
    reset() { pauses.length = 0; },
    stop() {
      obs.disconnect();
      const longest = pauses.reduce((m, p) => (p.ms > m.ms ? p : m), { atMs: 0, ms: 0, kind: '-' });
      return { count: pauses.length, totalMs: +pauses.reduce((t, p) => t + p.ms, 0).toFixed(1), longest, over10: pauses.filter((p) => p.ms > 10) };
    },
  };
}
