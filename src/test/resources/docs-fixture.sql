-- Tables and models that the examples of docs/sql-reference.md refer to.
CREATE TABLE iris (row_id INT, sepal_length_cm DOUBLE, sepal_width_cm DOUBLE,
  petal_length_cm DOUBLE, petal_width_cm DOUBLE, species VARCHAR(20), holdout_fold INT)
  AS SELECT * FROM CSVREAD('sql/examples/data/iris.csv');
CREATE TABLE diamonds (carat DOUBLE, cut VARCHAR(20), color VARCHAR(5), price DOUBLE);
INSERT INTO diamonds VALUES (0.23, 'Ideal', 'E', 326), (0.21, 'Premium', 'E', 326),
  (0.29, 'Premium', 'I', 334), (0.31, 'Good', 'J', 335), (0.7, 'Ideal', 'D', 2757),
  (0.86, 'Fair', 'E', 2757), (1.01, 'Premium', 'F', 4500), (1.5, 'Good', 'G', 7000),
  (2.0, 'Ideal', 'H', 12000), (0.5, 'Fair', 'E', 1300);
CREATE MODEL diamond_price WITH (type = 'linear_regression', label = 'price', test_fraction = 0)
  AS SELECT carat, cut, price FROM diamonds;
CREATE TABLE customers AS SELECT X AS id, 20 + MOD(X * 7, 50) AS age,
  CASE WHEN MOD(X, 3) = 0 THEN 'pro' ELSE 'basic' END AS plan,
  MOD(X * 13, 7) > 3 AS churned FROM SYSTEM_RANGE(1, 2000);
