-- Sibyl quickstart: train two models on example datasets, then score rows they have never seen.
--
-- First load the data (column names become upper case; an empty field becomes NULL):
--   ./sibyl import sql/examples/data/iris.csv --table iris
--   ./sibyl import sql/examples/data/diamonds.csv.gz --table diamonds
-- then run this script (it can be run again: each run adds nothing but the same two models):
--   ./sibyl run sql/examples/quickstart.sql
--
-- Both datasets carry a HOLDOUT_FOLD column from 0 to 4: we train on folds 1-4 and keep fold 0
-- (a fifth of the rows) to measure how well each model does on data it has not seen.

-- 1. Classification: which iris species is a flower, from four measurements?

-- Start from a clean slate, so the script can be rerun.
DROP MODEL IF EXISTS iris_species;

-- Train a logistic regression. The label is the column to predict; every other column of the
-- query is a feature. test_fraction = 0 trains on every row of the query: fold 0 is our test set.
CREATE MODEL iris_species
  WITH (type = 'logistic_regression', label = 'species', test_fraction = 0)
  AS SELECT sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species
     FROM iris
     WHERE holdout_fold <> 0;

-- Score held-out flowers: PREDICT gives the species, PREDICT_PROBA how sure the model is.
SELECT row_id, species,
       PREDICT('iris_species', sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm)
         AS predicted,
       ROUND(PREDICT_PROBA('iris_species',
         sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm), 3) AS probability
FROM iris
WHERE holdout_fold = 0
ORDER BY row_id
FETCH FIRST 5 ROWS ONLY;

-- Held-out accuracy: how many of the 30 fold-0 flowers get the right species.
SELECT SUM(CASE WHEN PREDICT('iris_species', sepal_length_cm, sepal_width_cm, petal_length_cm,
                                petal_width_cm) = species
                THEN 1 ELSE 0 END) AS correct,
       COUNT(*) AS held_out
FROM iris
WHERE holdout_fold = 0;

-- 2. Regression: what is a diamond's price?

DROP MODEL IF EXISTS diamond_price;

-- CUT, COLOR and CLARITY are text, so they become categories; the other features are numbers.
-- TABLE is a reserved word in SQL, so that column is quoted.
CREATE MODEL diamond_price
  WITH (type = 'linear_regression', label = 'price', test_fraction = 0)
  AS SELECT carat, cut, color, clarity, depth, "TABLE", x, y, z, price
     FROM diamonds
     WHERE holdout_fold <> 0;

-- A few held-out diamonds with their predicted price.
SELECT row_id, carat, cut, price,
       ROUND(PREDICT('diamond_price', carat, cut, color, clarity, depth, "TABLE", x, y, z), 0)
         AS predicted
FROM diamonds
WHERE holdout_fold = 0
ORDER BY row_id
FETCH FIRST 5 ROWS ONLY;

-- Held-out root mean squared error, in dollars: the typical size of a prediction's error.
SELECT COUNT(*) AS held_out,
       ROUND(SQRT(AVG(POWER(
         PREDICT('diamond_price', carat, cut, color, clarity, depth, "TABLE", x, y, z) - price,
         2))), 2) AS rmse
FROM diamonds
WHERE holdout_fold = 0;

-- 3. The registry: every model version is a row of sibyl.models, with its training metrics.
SELECT name, version, algorithm, training_rows, metrics
FROM sibyl.models
ORDER BY name, version;
