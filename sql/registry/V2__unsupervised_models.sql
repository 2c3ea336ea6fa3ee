-- Sibyl registry, schema version 2: models without a label (clustering) store LABEL as NULL.
ALTER TABLE SIBYL.MODELS ALTER COLUMN LABEL DROP NOT NULL;
