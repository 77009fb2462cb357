/** CloudEvents attributes travel as Kafka headers (binary content mode, `ce_` prefix). */
export interface CloudEventAttributes {
  id: string;
  type: string;
  source: string;
  time: string;
  subject?: string;
}

export const CLOUD_EVENT_TYPES = {
  telemetryRecorded: 'io.fleettwin.telemetry.recorded.v1',
  deadLetter: 'io.fleettwin.dead-letter.v1',
} as const;

export function cloudEventHeaders(ce: CloudEventAttributes): Record<string, string> {
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: ce.id,
    ce_type: ce.type,
    ce_source: ce.source,
    ce_time: ce.time,
    'content-type': 'application/json',
  };
  if (ce.subject) headers.ce_subject = ce.subject;
  return headers;
}
