-- One role and one database per service (and one for its tests); passwords are for the local stack only.
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', r, r)
  FROM unnest(ARRAY['callrec_ingest','callrec_catalog','callrec_access','callrec_retention']) AS r
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec
SELECT format('CREATE DATABASE %I OWNER %I', d, o)
  FROM (VALUES ('callrec_ingest','callrec_ingest'), ('callrec_ingest_test','callrec_ingest'),
               ('callrec_catalog','callrec_catalog'), ('callrec_catalog_test','callrec_catalog'),
               ('callrec_access','callrec_access'), ('callrec_access_test','callrec_access'),
               ('callrec_retention','callrec_retention'), ('callrec_retention_test','callrec_retention')) AS t(d, o)
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
