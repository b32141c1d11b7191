#!/usr/bin/env python3
# make_vietnamese_keys.py — regenerates tests/inputs/data/vi-keys: the
# district index (rules/cap-huyen) with every metric renamed in Vietnamese
# (hồ_sơ.đúng_hạn for dossiers.on_time), and its 13 submissions with the
# same keys, once precomposed (nfc/) and once entirely with combining marks
# (nfd/: keys, names, every text), as some input methods and macOS type it.
# Run from the repository root; the output is committed.
import json, os, re, sys, unicodedata

GROUPS = {
    "budget": "ngân_sách", "communes": "xã", "docs": "văn_bản_điện_tử", "dossiers": "hồ_sơ",
    "feedback": "phản_ánh", "iso": "iso", "legal_docs": "văn_bản_qppl", "legal_review": "kiểm_tra_văn_bản",
    "organisations": "tổ_chức", "plan": "kế_hoạch", "procedures": "thủ_tục", "propaganda": "tuyên_truyền",
    "reports": "báo_cáo", "rotation": "luân_chuyển", "staff": "biên_chế", "survey": "khảo_sát",
    "training": "đào_tạo", "units": "cơ_quan", "investment": "đầu_tư", "enterprises": "doanh_nghiệp",
}
LEAVES = {
    "revenue_billion": "thu_tỷ_đồng", "enterprise_revenue_billion": "thu_từ_doanh_nghiệp_tỷ_đồng",
    "total_billion": "tổng_vốn_tỷ_đồng", "attracted_billion": "thu_hút_tỷ_đồng", "new": "thành_lập_mới",
    "inspected": "được_kiểm_tra", "total": "tổng_số", "commune_electronic": "xã_điện_tử",
    "commune_total": "tổng_số_xã", "electronic": "điện_tử", "apologized": "đã_xin_lỗi",
    "in_one_stop_software": "trên_phần_mềm_một_cửa", "on_time": "đúng_hạn", "overdue": "quá_hạn",
    "handled": "đã_xử_lý", "received": "đã_nhận", "applying": "đang_áp_dụng", "units": "số_cơ_quan",
    "issued": "đã_ban_hành", "lawful": "đúng_luật", "done": "đã_thực_hiện", "issues_found": "sai_sót_phát_hiện",
    "issues_handled": "sai_sót_đã_xử_lý", "planned": "kế_hoạch", "reviewed": "đã_rà_soát",
    "tasks": "nhiệm_vụ", "online_3_4": "trực_tuyến_mức_3_4", "online_received": "tiếp_nhận_trực_tuyến",
    "posted": "đã_công_khai", "with_dossiers": "có_phát_sinh_hồ_sơ", "complete_on_time": "đủ_và_đúng_hạn",
    "late": "trễ_hạn", "online": "gửi_trực_tuyến", "employed": "có_mặt", "left": "nghỉ_việc",
    "new_hires": "tuyển_mới", "quota": "chỉ_tiêu", "satisfaction": "mức_hài_lòng",
    "autonomous": "tự_chủ", "eligible_autonomy": "đủ_điều_kiện_tự_chủ", "head_in_charge": "người_đứng_đầu_phụ_trách",
    "plan_issued": "đã_ban_hành_kế_hoạch", "staffed_by_position": "bố_trí_theo_vị_trí",
    "working_rules_updated": "quy_chế_đã_cập_nhật",
}

out = "tests/inputs/data/vi-keys"
os.makedirs(out + "/nfc", exist_ok=True)
os.makedirs(out + "/nfd", exist_ok=True)
rules = open("rules/cap-huyen/ha-tinh-2021.chiso", encoding="utf-8").read()
pattern = re.compile(r"\b(%s)\.([a-z_0-9]+)\b" % "|".join(GROUPS))
# The declarations stay with the English-keyed index: this copy declares none.
rules = re.sub(r'^gồm_tệp "[^"]*"\n', "", rules, flags=re.M)
rules = pattern.sub(lambda m: GROUPS[m.group(1)] + "." + LEAVES[m.group(2)], rules)
open(out + "/rules.chiso", "w", encoding="utf-8").write(rules)

src = "fixtures/cap-huyen/submissions"
for name in sorted(os.listdir(src)):
    sub = json.load(open(os.path.join(src, name), encoding="utf-8"))
    sub["metrics"] = {GROUPS[g]: {LEAVES[k]: v for k, v in m.items()} if isinstance(m, dict) else m
                      for g, m in sub["metrics"].items()}
    text = json.dumps(sub, ensure_ascii=False, indent=2) + "\n"
    open(os.path.join(out, "nfc", name), "w", encoding="utf-8").write(unicodedata.normalize("NFC", text))
    open(os.path.join(out, "nfd", name), "w", encoding="utf-8").write(unicodedata.normalize("NFD", text))
