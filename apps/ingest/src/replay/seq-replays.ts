import type { FieldIssue } from '@fleettwin/contracts';

/**
 * Frames whose seq is not above what the asset has already accepted — the stored high-water mark or
 * an earlier frame of the same batch. `lastSeq` answers from the sequence tracker after `prepare`.
 */
export function replayedFrames(
  frames: readonly { assetId: string; seq: number }[],
  lastSeq: (assetId: string) => number | undefined,
  path: (index: number) => string,
): FieldIssue[] {
  const highest = new Map<string, number>();
  const issues: FieldIssue[] = [];
  frames.forEach((frame, index) => {
    const last = highest.has(frame.assetId) ? highest.get(frame.assetId) : lastSeq(frame.assetId);
    if (last !== undefined && frame.seq <= last) {
      issues.push({ path: path(index), message: `seq ${frame.seq} of ${frame.assetId} was already seen (last accepted ${last})` });
      return;
    }
    highest.set(frame.assetId, frame.seq);
  });
  return issues;
}
