-- The query service only reads. Its database user is a member of dossier_reader, which may
-- read every table of the schema (now and later) and nothing else, so
-- a flaw in a query path cannot change the store.
--
-- Creating a role needs CREATEROLE. A superuser (tests, the demo, the dev overlay) has it;
-- a database owner under an operator usually does not, and the operator declares the role
-- instead (CloudNativePG: spec.managed.roles, see k8s/overlays/prod/postgres-cluster.yaml).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dossier_reader') THEN
    BEGIN
      CREATE ROLE dossier_reader NOLOGIN;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION 'role dossier_reader does not exist and % may not create it', current_user
        USING HINT = 'create it once as a superuser (CREATE ROLE dossier_reader NOLOGIN) or declare it in the '
                     'database operator (CloudNativePG: spec.managed.roles), then start again';
    END;
  END IF;
END
$$;

-- The schema the tables were created in (public, unless the search path says otherwise).
-- Tables later migrations create there (as this same user) are readable too.
DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO dossier_reader', current_schema());
  EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO dossier_reader', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO dossier_reader', current_schema());
END
$$;
