// Memory of the browser's processes from /proc (Linux): the renderer of the page holds the main
// thread's JS heap, every Web Worker's heap and all WebAssembly memories (workers are threads of
// the renderer process), so its private memory is what the tab costs.

import { readdirSync, readFileSync } from 'node:fs';

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** pid -> ppid for every process. */
function parents() {
  const map = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readText(`/proc/${name}/stat`);
    if (!stat) continue;
    // pid (comm) state ppid …; comm may hold spaces and parentheses.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    map.set(Number(name), Number(rest[1]));
  }
  return map;
}

/** Every descendant of `root` (root included). */
export function descendants(root) {
  const map = parents();
  const children = new Map();
  for (const [pid, ppid] of map) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const out = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    out.push(pid);
    for (const c of children.get(pid) ?? []) stack.push(c);
  }
  return out;
}

/** The process type of a Chromium process (`renderer`, `gpu-process`, … or `browser`). */
function processType(pid) {
  const cmd = readText(`/proc/${pid}/cmdline`);
  if (cmd === null || !/chrom/.test(cmd.split('\0')[0])) return null;
  const m = /--type=([^\0\s]+)/.exec(cmd);
  return m ? m[1] : 'browser';
}

/** VmRSS, RssAnon and VmHWM of `pid` in bytes, or null. */
export function status(pid) {
  const text = readText(`/proc/${pid}/status`);
  if (!text) return null;
  const kb = (key) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : 0;
  };
  return { rss: kb('VmRSS'), anon: kb('RssAnon'), hwm: kb('VmHWM') };
}

/**
 * Samples the memory of every Chromium process under `rootPid` every `intervalMs` until stop().
 * stop() returns { renderer: { pid, peakAnon, peakRss, hwm }, allPeakRss, samples }, the
 * renderer being the one with the largest peak private (anonymous) memory. Every 10 ms: a
 * 1M-deal load peaks for a few tens of ms only, and sampling every 50 ms often read it tens of
 * MB low.
 */
export function startSampler(rootPid, intervalMs = 10) {
  const peaks = new Map(); // pid -> { type, peakAnon, peakRss, hwm }
  let allPeakRss = 0;
  let samples = 0;
  let types = new Map();
  let lastScan = 0;
  let pids = [];
  const sample = () => {
    const now = Date.now();
    if (now - lastScan > 500 || pids.length === 0) {
      pids = descendants(rootPid);
      lastScan = now;
      // Re-read: a process forked by the zygote shows the zygote's command line at first.
      types = new Map(pids.map((pid) => [pid, processType(pid)]));
    }
    let total = 0;
    for (const pid of pids) {
      if (!types.get(pid)) continue; // not a Chromium process (node itself, a shell)
      const s = status(pid);
      if (!s) continue;
      total += s.rss;
      const p = peaks.get(pid) ?? { pid, type: null, peakAnon: 0, peakRss: 0, hwm: 0 };
      p.type = types.get(pid);
      p.peakAnon = Math.max(p.peakAnon, s.anon);
      p.peakRss = Math.max(p.peakRss, s.rss);
      p.hwm = Math.max(p.hwm, s.hwm);
      peaks.set(pid, p);
    }
    allPeakRss = Math.max(allPeakRss, total);
    samples += 1;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const renderers = [...peaks.values()].filter((p) => p.type === 'renderer');
      renderers.sort((a, b) => b.peakAnon - a.peakAnon);
      return { renderer: renderers[0] ?? null, renderers: renderers.length, allPeakRss, samples };
    },
  };
}
