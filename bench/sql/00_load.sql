-- Part (b), load: the five CSV files (registered under these names) into tables, with DuckDB's
-- own type detection. Timed as "DuckDB load".
CREATE TABLE customers AS SELECT * FROM read_csv_auto('customers.csv');
CREATE TABLE deals AS SELECT * FROM read_csv_auto('deals.csv');
CREATE TABLE orders AS SELECT * FROM read_csv_auto('orders.csv');
CREATE TABLE surveys AS SELECT * FROM read_csv_auto('surveys.csv');
CREATE TABLE spend AS SELECT * FROM read_csv_auto('spend.csv');
