-- An id of its own for each installation, written once: the default queue prefix is derived from it (with the
-- cluster's system identifier and the database's name), so two installations sharing a Redis never share queues.
INSERT INTO "app_meta" ("key", "value") VALUES ('installation_id', to_jsonb(gen_random_uuid()::text))
ON CONFLICT ("key") DO NOTHING;
