import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileShare {
  name: string;
  percent: number;
}

/** Where a process spent its CPU in a profiled window: self time by package/file and by function. */
export interface ProfileSummary {
  file: string;
  seconds: number;
  idlePercent: number;
  byArea: ProfileShare[];
  byFunction: ProfileShare[];
}

function area(workspace: string, frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : `(native) ${frame.functionName || 'anonymous'}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  if (url.startsWith(workspace)) {
    const rel = relative(workspace, url);
    return rel.split('/').slice(0, rel.startsWith('libs/domain') ? 3 : 2).join('/');
  }
  return url;
}

/** Self time per node from samples and time deltas (hit counts when samples are absent). */
export function summarizeProfile(workspace: string, file: string, top = 8): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const selfUs = new Map<number, number>();
  if (profile.samples && profile.timeDeltas) {
    profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas?.[i + 1] ?? profile.timeDeltas?.[i] ?? 0)));
  } else {
    for (const n of profile.nodes) selfUs.set(n.id, (n.hitCount ?? 0) * 1000);
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let idle = 0;
  let busy = 0;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    if (node.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    const a = area(workspace, node.callFrame);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} — ${a}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const rank = (m: Map<string, number>): ProfileShare[] =>
    [...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, top).map(([name, us]) => ({ name, percent: busy ? (100 * us) / busy : 0 }));
  const total = idle + busy;
  return { file: relative(workspace, file), seconds: (profile.endTime - profile.startTime) / 1e6, idlePercent: total ? (100 * idle) / total : 0, byArea: rank(areas), byFunction: rank(functions) };
}
