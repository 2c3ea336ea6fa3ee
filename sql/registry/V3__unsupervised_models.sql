-- Sibyl registry, schema version 3: models without a label (clustering) store LABEL as NULL.
ALTER TABLE SIBYL.MODELS ALTER COLUMN LABEL DROP NOT NULL;
