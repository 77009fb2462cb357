import type { Migration } from '@fleettwin/postgres';

/**
 * The audit trail of one service: append-only by trigger (UPDATE, DELETE and TRUNCATE raise), and
 * hash-chained by the writer, so even a superuser who disables the trigger leaves a detectable break.
 */
export const AUDIT_MIGRATIONS: Migration[] = [
  {
    id: '900_audit_log',
    sql: `
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        recorded_at timestamptz NOT NULL,
        service text NOT NULL,
        tenant text,
        principal_kind text NOT NULL,
        principal_id text NOT NULL,
        on_behalf_of text,
        action text NOT NULL,
        target_id text,
        outcome text NOT NULL,
        client_ip text,
        request_id text,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE INDEX audit_log_tenant ON audit_log (tenant, seq);
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `,
  },
];
