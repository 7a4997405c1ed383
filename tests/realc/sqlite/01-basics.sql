-- Tables, indexes, joins, aggregates, a recursive CTE of 50k rows.
.headers on
.mode list
CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c REAL, d BLOB);
CREATE TABLE u(x INTEGER, y TEXT, FOREIGN KEY(x) REFERENCES t(a));
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
INSERT INTO t SELECT i, printf('row-%06d', i), i * 0.5, zeroblob(i % 3) FROM n;
INSERT INTO u SELECT a, upper(b) FROM t WHERE a % 7 = 0;
CREATE INDEX t_b ON t(b);
CREATE UNIQUE INDEX u_x ON u(x);
SELECT count(*), sum(a), total(c), min(b), max(b) FROM t;
SELECT count(*), sum(length(y)) FROM u JOIN t ON u.x = t.a WHERE t.c > 100;
SELECT a % 10 AS k, count(*), avg(c) FROM t GROUP BY k HAVING count(*) > 10 ORDER BY k DESC;
SELECT b FROM t WHERE b BETWEEN 'row-001000' AND 'row-001005' ORDER BY b;
SELECT * FROM t WHERE a IN (SELECT x FROM u ORDER BY x LIMIT 5 OFFSET 100);
UPDATE t SET c = c * 2 WHERE a % 1000 = 0;
DELETE FROM t WHERE a > 49990;
SELECT changes(), total_changes(), count(*), sum(c) FROM t;
EXPLAIN QUERY PLAN SELECT * FROM t WHERE b = 'row-000042';
SELECT typeof(1), typeof(1.0), typeof('x'), typeof(x'00'), typeof(NULL);
SELECT 1/0, 1.0/0, 7 % 3, -7 / 2, 1 << 62, 9223372036854775807 + 1;
SELECT quote(x'DEADBEEF'), hex('hello'), unicode('é'), char(72, 105), instr('abcdef', 'cd');
SELECT substr('hello world', -5), replace('aaa', 'a', 'bb'), trim('  x  '), ltrim('xxy', 'x');
SELECT printf('%5.2f|%-6s|%x|%q|%c', 3.14159, 'ab', 255, 'it''s', 'z');
SELECT round(2.5), round(-2.5), round(1.23456, 3), abs(-9223372036854775807), sign(-3);
SELECT coalesce(NULL, NULL, 3), nullif(1, 1), ifnull(NULL, 'd'), iif(1 > 2, 'y', 'n');
SELECT CASE WHEN a % 3 = 0 THEN 'fizz' ELSE a END FROM t LIMIT 10;
PRAGMA integrity_check;
PRAGMA foreign_key_check;
