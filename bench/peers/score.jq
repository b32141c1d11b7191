# score.jq — the example index (rules/examples/huyen-mini.chiso) scored by
# jq, one submission at a time (jq -r -f score.jq < batch.ndjson): the five
# criteria in doubles, "id,points,grade" per unit ("id,error" when the
# metrics break their declarations). The same job as score_python.py.
def band($r; $high; $low; $top; $mid): if $r >= $high then $top elif $r >= $low then $mid else 0 end;
def clamp($lo; $hi): if . < $lo then $lo elif . > $hi then $hi else . end;
def text: (. * 1000000 | round) / 1000000 | tostring;
def grade: if . >= 80 then "Tốt" elif . >= 65 then "Khá" elif . >= 50 then "Trung bình" else "Yếu" end;
.unit.id as $id
| .metrics as $m
| $m.plan.tasks as $tasks | $m.plan.done as $done | $m.plan.issued_on as $issued
| $m.communes.total as $total | $m.communes.inspected as $inspected
| $m.dossiers.total as $dtotal | $m.dossiers.on_time as $ontime
| $m.reports.late as $late | $m.survey.satisfaction as $sat
| if ([$tasks, $done, $total, $inspected, $dtotal, $ontime, $late]
      | any(. != null and (. < 0 or . != floor)))
     or ([[$done, $tasks], [$inspected, $total], [$ontime, $dtotal]]
      | any(.[0] != null and .[1] != null and .[0] > .[1]))
     or ($sat != null and ($sat < 0 or $sat > 10))
  then "\($id),error"
  else
    (if $issued == null or $issued <= "2020-12-31" then 1 else 0 end) as $c11
    | (if $done == null or $tasks == 0 or $tasks == null then 1 else band($done / $tasks; 1; 0.8; 1; 0.5) end) as $c12
    | (if $inspected == null or $total == 0 or $total == null then 2 else band($inspected / $total; 0.3; 0.2; 2; 1) end) as $c13
    | (if $late == null then 0 else [0.25 * $late, 1] | min end) as $deduct
    | ($c11 + $c12 + $c13 - $deduct | clamp(0; 4)) as $f1
    | (if $ontime == null or $dtotal == 0 or $dtotal == null then 4 else band($ontime / $dtotal; 0.98; 0.95; 4; 2) end) as $c31
    | (if $sat == null then 2 else 2 * (($sat - 5) / 5 | clamp(0; 1)) end) as $c32
    | ($f1 + $c31 + $c32) as $points
    | "\($id),\($points | text),\($points / 10 * 100 | grade)"
  end
