#!/usr/bin/env bash
# gen_rules.sh [CRITERIA] [DECLARE] [json] — writes a generated index of
# CRITERIA (default 10000) criteria to stdout, for timing `chiso check` on a
# large index (bench/check.sh). Ten criteria per field; each criterion reads
# a metric of its own and one shared by its field, with Vietnamese names
# (diacritics), so that the near-duplicate lint and the declarations have
# real work. With DECLARE=1, every metric is declared first. With `json`,
# the same index as a JSON document (every field, criterion, value and
# band), of about the same size: what jansson parses as the baseline.
set -euo pipefail
n="${1:-10000}"
declare_all="${2:-0}"
if [ "${3:-}" = json ]; then
  awk -v n="$n" 'BEGIN {
    fields = int((n + 9) / 10)
    printf "{\"index\": \"Chỉ số sinh tự động, %d tiêu chí\", \"total\": %d,\n", n, n
    printf " \"grades\": [{\"label\": \"Tốt\", \"min\": 80}, {\"label\": \"Khá\", \"min\": 65}, {\"label\": \"Yếu\", \"otherwise\": true}],\n"
    printf " \"fields\": [\n"
    for (f = 1; f <= fields; f++) {
      k = (f * 10 <= n) ? 10 : n - (f - 1) * 10
      printf "  {\"id\": \"%d\", \"name\": \"Lĩnh vực %d\", \"max\": %d, \"criteria\": [\n", f, f, k
      for (c = 1; c <= k; c++) {
        printf "    {\"id\": \"%d.%d\", \"name\": \"Tỷ lệ hồ sơ đúng hạn %d.%d\", \"max\": 1,\n", f, c, f, c
        printf "     \"value\": {\"call\": \"ratio\", \"args\": [\"lĩnh_vực_%d.hồ_sơ_đúng_hạn_%d\", \"lĩnh_vực_%d.tổng_số_hồ_sơ\"]},\n", f, c, f
        printf "     \"bands\": [{\"op\": \">=\", \"percent\": 98, \"points\": 1}, {\"op\": \">=\", \"percent\": 95, \"points\": 0.5}, {\"otherwise\": true, \"points\": 0}]}%s\n", c < k ? "," : ""
      }
      printf "  ]}%s\n", f < fields ? "," : ""
    }
    printf " ]}\n"
  }'
  exit 0
fi
awk -v n="$n" -v decl="$declare_all" 'BEGIN {
  fields = int((n + 9) / 10)
  if (decl) {
    for (f = 1; f <= fields; f++) {
      printf "số_liệu lĩnh_vực_%d.tổng_số_hồ_sơ \"Tổng số hồ sơ của lĩnh vực %d\" đếm \"hồ sơ\"\n", f, f
      for (c = 1; c <= 10 && (f - 1) * 10 + c <= n; c++)
        printf "số_liệu lĩnh_vực_%d.hồ_sơ_đúng_hạn_%d \"Hồ sơ đúng hạn, tiêu chí %d.%d\" đếm \"hồ sơ\" <= lĩnh_vực_%d.tổng_số_hồ_sơ\n", f, c, f, c, f
    }
  }
  printf "chỉ_số \"Chỉ số sinh tự động, %d tiêu chí\" {\n  tổng %d\n", n, n
  printf "  xếp_loại { \"Tốt\" >= 80  \"Khá\" >= 65  \"Yếu\" còn_lại }\n"
  for (f = 1; f <= fields; f++) {
    k = (f * 10 <= n) ? 10 : n - (f - 1) * 10
    printf "  lĩnh_vực %d \"Lĩnh vực %d\" tối_đa %d {\n", f, f, k
    for (c = 1; c <= k; c++) {
      printf "    tiêu_chí %d.%d \"Tỷ lệ hồ sơ đúng hạn %d.%d\" tối_đa 1 {\n", f, c, f, c
      printf "      giá_trị ratio(lĩnh_vực_%d.hồ_sơ_đúng_hạn_%d, lĩnh_vực_%d.tổng_số_hồ_sơ)\n", f, c, f
      printf "      mức ≥ 98%% -> 1\n      mức ≥ 95%% -> 0.5\n      mức còn_lại -> 0\n    }\n"
    }
    printf "  }\n"
  }
  printf "}\n"
}'
