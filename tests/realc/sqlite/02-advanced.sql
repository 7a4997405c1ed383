-- Window functions, JSON, FTS5, R*Tree, math, transactions, triggers, views.
.mode box
CREATE TABLE sales(region TEXT, month INTEGER, amount REAL);
WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 599)
INSERT INTO sales SELECT
  CASE i % 4 WHEN 0 THEN 'north' WHEN 1 THEN 'south' WHEN 2 THEN 'east' ELSE 'west' END,
  i % 12 + 1, ((i * 7919) % 1000) / 10.0 FROM m;
SELECT region, month, amount,
       sum(amount) OVER (PARTITION BY region ORDER BY month, amount ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS run,
       rank() OVER (PARTITION BY region ORDER BY amount DESC) AS rk,
       lag(amount) OVER (PARTITION BY region ORDER BY month, amount) AS prev,
       ntile(4) OVER (ORDER BY amount) AS q
FROM sales WHERE month = 3 ORDER BY region, rk LIMIT 12;
SELECT region, group_concat(DISTINCT month), round(avg(amount), 3) FROM sales GROUP BY region;
.mode list
SELECT json_object('a', 1, 'b', json_array(1, 2.5, 'x', NULL), 'c', json('{"d":true}'));
SELECT json_extract('{"a":{"b":[10,20,30]}}', '$.a.b[1]'), '{"k":[1,2]}' -> '$.k', '{"k":[1,2]}' ->> '$.k[0]';
SELECT key, value, type FROM json_each('{"x":1,"y":[2,3],"z":{"w":null}}');
SELECT fullkey, atom FROM json_tree('[1,[2,[3]]]') WHERE atom IS NOT NULL;
SELECT json_group_object(region, cnt) FROM (SELECT region, count(*) AS cnt FROM sales GROUP BY region);
SELECT json_patch('{"a":1,"b":2}', '{"b":null,"c":3}'), json_valid('{"x":'), json_quote('a"b');
CREATE VIRTUAL TABLE docs USING fts5(title, body);
INSERT INTO docs VALUES ('sqlite', 'SQLite is a small fast self-contained SQL database engine'),
  ('lua', 'Lua is a powerful efficient lightweight embeddable scripting language'),
  ('zlib', 'zlib is a massively spiffy yet delicately unobtrusive compression library'),
  ('c', 'C is a general purpose programming language with a static type system');
SELECT title, highlight(docs, 1, '[', ']') FROM docs WHERE docs MATCH 'language' ORDER BY rank;
SELECT title FROM docs WHERE docs MATCH 'sql* OR compress*' ORDER BY title;
SELECT title, snippet(docs, 1, '<', '>', '...', 4) FROM docs WHERE docs MATCH 'NEAR(small fast)';
CREATE VIRTUAL TABLE boxes USING rtree(id, x0, x1, y0, y1);
WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < 399)
INSERT INTO boxes SELECT i, i % 20, i % 20 + 1.5, i / 20, i / 20 + 1.5 FROM g;
SELECT count(*), min(id), max(id) FROM boxes WHERE x0 <= 5 AND x1 >= 4 AND y0 <= 10 AND y1 >= 9;
SELECT round(sqrt(2), 10), round(exp(1), 10), pow(2, 10), floor(-1.5), ceil(-1.5), round(pi(), 12),
       round(ln(10), 10), log10(1000), log2(1024), round(atan2(1, 1), 12), mod(10, 3), trunc(-2.7);
CREATE TABLE log(msg TEXT);
CREATE TABLE acct(id INTEGER PRIMARY KEY, bal INTEGER CHECK (bal >= 0));
CREATE TRIGGER acct_upd AFTER UPDATE ON acct BEGIN
  INSERT INTO log VALUES (printf('%d: %d -> %d', old.id, old.bal, new.bal));
END;
INSERT INTO acct VALUES (1, 100), (2, 50);
BEGIN;
UPDATE acct SET bal = bal - 30 WHERE id = 1;
UPDATE acct SET bal = bal + 30 WHERE id = 2;
SAVEPOINT sp;
UPDATE acct SET bal = bal + 1000 WHERE id = 1;
ROLLBACK TO sp;
COMMIT;
SELECT * FROM acct;
SELECT * FROM log;
CREATE VIEW rich AS SELECT id FROM acct WHERE bal > 60;
SELECT * FROM rich;
CREATE TABLE gen(a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) STORED, c TEXT AS (printf('<%d>', a)));
INSERT INTO gen(a) VALUES (1), (2), (3);
SELECT * FROM gen;
INSERT INTO acct VALUES (3, 5) ON CONFLICT(id) DO UPDATE SET bal = excluded.bal;
INSERT INTO acct VALUES (1, 7) ON CONFLICT(id) DO UPDATE SET bal = excluded.bal RETURNING id, bal;
SELECT * FROM generate_series(1, 20, 7);
SELECT strftime('%Y-%m-%d %H:%M:%S', '2024-02-29 13:45:10', '+1 year'), julianday('2000-01-01'),
       date('2024-01-31', '+1 month'), unixepoch('1970-01-02');
WITH RECURSIVE fib(n, a, b) AS (SELECT 0, 0, 1 UNION ALL SELECT n + 1, b, a + b FROM fib WHERE n < 80)
SELECT n, a FROM fib WHERE n % 20 = 0;
VACUUM;
PRAGMA integrity_check;
