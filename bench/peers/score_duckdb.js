// score_duckdb.js FILE.ndjson > results.csv — the example index
// (rules/examples/huyen-mini.chiso) scored by DuckDB on one thread
// (@duckdb/node-api from npm): read_json over the file, the five criteria
// as one SQL query in doubles, then "id,points,grade" per unit ("id,error"
// when the metrics break their declarations). The same job as
// score_python.py. Exit 2 when the module is not installed.
'use strict';
let duckdb;
try {
  duckdb = require('@duckdb/node-api');
} catch (e) {
  process.stderr.write('score_duckdb.js: @duckdb/node-api is not installed\n');
  process.exit(2);
}
const fs = require('fs');

const file = process.argv[2].replace(/'/g, "''");
const sql = `
WITH s AS (
  SELECT unit.id AS id, metrics.plan.tasks AS tasks, metrics.plan.done AS done,
         metrics.plan.issued_on AS issued, metrics.communes.total AS total,
         metrics.communes.inspected AS inspected, metrics.dossiers.total AS dtotal,
         metrics.dossiers.on_time AS on_time, metrics.reports.late AS late,
         metrics.survey.satisfaction AS sat, ordinality AS line
  FROM (SELECT *, row_number() OVER () AS ordinality FROM read_json('${file}', format = 'newline_delimited',
        columns = {unit: 'STRUCT(id VARCHAR)',
                   metrics: 'STRUCT(plan STRUCT(tasks DOUBLE, issued_on VARCHAR, done DOUBLE),
                                    communes STRUCT(total DOUBLE, inspected DOUBLE),
                                    dossiers STRUCT(total DOUBLE, on_time DOUBLE),
                                    reports STRUCT(late DOUBLE), survey STRUCT(satisfaction DOUBLE))'}))
), c AS (
  SELECT id, line,
    (coalesce(tasks < 0 OR tasks <> floor(tasks), false) OR coalesce(done < 0 OR done <> floor(done), false)
     OR coalesce(total < 0 OR total <> floor(total), false) OR coalesce(inspected < 0 OR inspected <> floor(inspected), false)
     OR coalesce(dtotal < 0 OR dtotal <> floor(dtotal), false) OR coalesce(on_time < 0 OR on_time <> floor(on_time), false)
     OR coalesce(late < 0 OR late <> floor(late), false)
     OR coalesce(done > tasks, false) OR coalesce(inspected > total, false) OR coalesce(on_time > dtotal, false)
     OR coalesce(sat < 0 OR sat > 10, false)) AS bad,
    CASE WHEN issued IS NULL OR issued <= '2020-12-31' THEN 1 ELSE 0 END AS c11,
    CASE WHEN done IS NULL OR tasks IS NULL OR tasks = 0 THEN 1 WHEN done / tasks >= 1 THEN 1
         WHEN done / tasks >= 0.8 THEN 0.5 ELSE 0 END AS c12,
    CASE WHEN inspected IS NULL OR total IS NULL OR total = 0 THEN 2 WHEN inspected / total >= 0.3 THEN 2
         WHEN inspected / total >= 0.2 THEN 1 ELSE 0 END AS c13,
    CASE WHEN late IS NULL THEN 0 ELSE least(0.25 * late, 1) END AS deduct,
    CASE WHEN on_time IS NULL OR dtotal IS NULL OR dtotal = 0 THEN 4 WHEN on_time / dtotal >= 0.98 THEN 4
         WHEN on_time / dtotal >= 0.95 THEN 2 ELSE 0 END AS c31,
    CASE WHEN sat IS NULL THEN 2 ELSE 2 * least(greatest((sat - 5) / 5, 0), 1) END AS c32
  FROM s
), p AS (
  SELECT id, line, bad, least(greatest(c11 + c12 + c13 - deduct, 0), 4) + c31 + c32 AS points FROM c
)
SELECT id, bad, points,
  CASE WHEN points / 10 * 100 >= 80 THEN 'Tốt' WHEN points / 10 * 100 >= 65 THEN 'Khá'
       WHEN points / 10 * 100 >= 50 THEN 'Trung bình' ELSE 'Yếu' END AS grade
FROM p ORDER BY line`;

function text(x) {
  const s = Number(x).toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

(async () => {
  const instance = await duckdb.DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  const reader = await conn.runAndReadAll(sql);
  const out = reader.getRows().map(([id, bad, points, grade]) => (bad ? `${id},error` : `${id},${text(points)},${grade}`));
  fs.writeSync(1, out.join('\n') + '\n');
})().catch((e) => {
  process.stderr.write(`score_duckdb.js: ${e.message}\n`);
  process.exit(1);
});
