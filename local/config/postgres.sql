-- One role and one database per service (and one for its tests). Each role signs in with its own
-- password (stored as SCRAM-SHA-256; test-only values of the local stack, as in the services'
-- dev and test profiles) and may connect only to its own databases.
SET password_encryption = 'scram-sha-256';
SELECT format('CREATE ROLE %I LOGIN', r)
  FROM unnest(ARRAY['callrec_ingest','callrec_catalog','callrec_access','callrec_retention']) AS r
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', r, r || '-local-test-only')
  FROM unnest(ARRAY['callrec_ingest','callrec_catalog','callrec_access','callrec_retention']) AS r \gexec
SELECT format('CREATE DATABASE %I OWNER %I', d, o)
  FROM (VALUES ('callrec_ingest','callrec_ingest'), ('callrec_ingest_test','callrec_ingest'),
               ('callrec_catalog','callrec_catalog'), ('callrec_catalog_test','callrec_catalog'),
               ('callrec_access','callrec_access'), ('callrec_access_test','callrec_access'),
               ('callrec_retention','callrec_retention'), ('callrec_retention_test','callrec_retention')) AS t(d, o)
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
-- PUBLIC may connect to any new database by default: only the owner may here.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', datname)
  FROM pg_database WHERE datname LIKE 'callrec\_%' \gexec
