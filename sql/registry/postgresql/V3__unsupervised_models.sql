-- Sibyl registry, schema version 3, PostgreSQL variant of ../V3__unsupervised_models.sql.
ALTER TABLE SIBYL.MODELS ALTER COLUMN LABEL DROP NOT NULL;
