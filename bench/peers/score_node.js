// score_node.js < batch.ndjson > results.csv — the example index
// (rules/examples/huyen-mini.chiso) scored by a plain Node.js loop over the
// lines: JSON.parse, the five criteria in doubles, one line
// "id,points,grade" per unit ("id,error" when the metrics break their
// declarations). The same job as score_python.py.
'use strict';
const fs = require('fs');

function text(x) {
  const s = x.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}
const band = (r, high, low, top, mid) => (r >= high ? top : r >= low ? mid : 0);
const whole = (c) => c === null || (c >= 0 && Number.isInteger(c));

function score(sub) {
  const m = sub.metrics, plan = m.plan, com = m.communes, dos = m.dossiers;
  const tasks = plan.tasks, done = plan.done, issued = plan.issued_on;
  const total = com.total, inspected = com.inspected, dtotal = dos.total, onTime = dos.on_time;
  const late = m.reports.late, sat = m.survey.satisfaction;
  if (![tasks, done, total, inspected, dtotal, onTime, late].every(whole)) return null;
  for (const [part, all] of [[done, tasks], [inspected, total], [onTime, dtotal]])
    if (part !== null && all !== null && part > all) return null;
  if (sat !== null && !(sat >= 0 && sat <= 10)) return null;
  const c11 = issued === null || issued <= '2020-12-31' ? 1 : 0;
  const c12 = done === null || !tasks ? 1 : band(done / tasks, 1, 0.8, 1, 0.5);
  const c13 = inspected === null || !total ? 2 : band(inspected / total, 0.3, 0.2, 2, 1);
  const deduct = late === null ? 0 : Math.min(0.25 * late, 1);
  const f1 = Math.min(Math.max(c11 + c12 + c13 - deduct, 0), 4);
  const c31 = onTime === null || !dtotal ? 4 : band(onTime / dtotal, 0.98, 0.95, 4, 2);
  const c32 = sat === null ? 2 : 2 * Math.min(Math.max((sat - 5) / 5, 0), 1);
  const points = f1 + c31 + c32, percent = (points / 10) * 100;
  const grade = percent >= 80 ? 'Tốt' : percent >= 65 ? 'Khá' : percent >= 50 ? 'Trung bình' : 'Yếu';
  return [points, grade];
}

const out = [];
for (const line of fs.readFileSync(0, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const sub = JSON.parse(line);
  const r = score(sub);
  out.push(r === null ? `${sub.unit.id},error` : `${sub.unit.id},${text(r[0])},${r[1]}`);
}
fs.writeSync(1, out.join('\n') + '\n');
