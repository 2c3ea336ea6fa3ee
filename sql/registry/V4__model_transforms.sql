-- Sibyl registry, schema version 4: each model version shows how its features are computed from
-- raw columns (its TRANSFORM, with fitted constants inlined; the features themselves when trained
-- without one). The payload carries the same transform, checksummed; this column is for reading.
ALTER TABLE SIBYL.MODELS ADD COLUMN IF NOT EXISTS TRANSFORM VARCHAR(1000000);

CREATE OR REPLACE VIEW SIBYL.ACTIVE_MODELS AS
  SELECT ID, NAME, VERSION, ALGORITHM, TASK, LABEL, FEATURES, TRANSFORM, LABEL_CLASSES,
         POSITIVE_CLASS, OPTIONS, TRAINING_ROWS, HELDOUT_ROWS, METRICS, CREATED_AT, CREATED_BY,
         PAYLOAD_SIZE, PAYLOAD_SHA256
  FROM SIBYL.MODELS WHERE ACTIVE;
