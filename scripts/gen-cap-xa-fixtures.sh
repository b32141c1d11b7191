#!/usr/bin/env bash
# gen-cap-xa-fixtures.sh OUTDIR — writes the generated submissions of the
# commune index (rules/cap-xa/lam-dong-2025.chiso): 61 communes, wards and
# the special zone of Lâm Đồng, period 2025, one JSON file each. The figures
# are invented but plausible: each unit draws a "quality" and its metrics
# scatter around it; every ninth unit held no survey (null), some had no
# legal documents, no feedback or no overdue dossiers (0 of 0: không phát
# sinh). Deterministic: a Park–Miller generator in awk (exact in doubles),
# so every awk gives the same files; fixtures/cap-xa/submissions holds them,
# and the three units worked by hand are written by hand beside them.
set -euo pipefail
out="${1:?usage: gen-cap-xa-fixtures.sh OUTDIR}"
mkdir -p "$out"
awk -v out="$out" '
function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
function between(lo, hi) { return lo + int(rnd() * (hi - lo + 1)) }
# a count of "good" out of n around the share p (clamped to 0..n)
function part(n, p,   k) { k = int(n * (p + (rnd() - 0.5) * 0.08) + 0.5); return k < 0 ? 0 : (k > n ? n : k) }
function share(q, lo, hi) { return lo + (hi - lo) * q }
function bool(p) { return rnd() < p ? "true" : "false" }
function pair(a, b) { return sprintf("\"%s\": %d", a, b) }
BEGIN {
  seed = 20250701
  n = split("phuong-cam-ly-da-lat|UBND phường Cam Ly - Đà Lạt;phuong-lam-vien-da-lat|UBND phường Lâm Viên - Đà Lạt;phuong-xuan-truong-da-lat|UBND phường Xuân Trường - Đà Lạt;phuong-lang-biang-da-lat|UBND phường Lang Biang - Đà Lạt;phuong-1-bao-loc|UBND phường 1 Bảo Lộc;phuong-2-bao-loc|UBND phường 2 Bảo Lộc;phuong-3-bao-loc|UBND phường 3 Bảo Lộc;phuong-b-lao|UBND phường B’Lao;phuong-bac-gia-nghia|UBND phường Bắc Gia Nghĩa;phuong-nam-gia-nghia|UBND phường Nam Gia Nghĩa;phuong-dong-gia-nghia|UBND phường Đông Gia Nghĩa;phuong-phan-thiet|UBND phường Phan Thiết;phuong-ham-thang|UBND phường Hàm Thắng;phuong-mui-ne|UBND phường Mũi Né;phuong-phu-thuy|UBND phường Phú Thủy;phuong-tien-thanh|UBND phường Tiến Thành;phuong-la-gi|UBND phường La Gi;phuong-phuoc-hoi|UBND phường Phước Hội;xa-hiep-thanh|UBND xã Hiệp Thạnh;xa-duc-trong|UBND xã Đức Trọng;xa-ta-hine|UBND xã Tà Hine;xa-ta-nang|UBND xã Tà Năng;xa-dinh-van-lam-ha|UBND xã Đinh Văn Lâm Hà;xa-nam-ha-lam-ha|UBND xã Nam Hà Lâm Hà;xa-dam-rong-1|UBND xã Đam Rông 1;xa-lac-duong|UBND xã Lạc Dương;xa-don-duong|UBND xã Đơn Dương;xa-ka-do|UBND xã Ka Đô;xa-d-ran|UBND xã D’Ran;xa-di-linh|UBND xã Di Linh;xa-hoa-ninh|UBND xã Hòa Ninh;xa-bao-thuan|UBND xã Bảo Thuận;xa-gia-hiep|UBND xã Gia Hiệp;xa-bao-lam-1|UBND xã Bảo Lâm 1;xa-da-huoai|UBND xã Đạ Huoai;xa-da-teh|UBND xã Đạ Tẻh;xa-cat-tien|UBND xã Cát Tiên;xa-cu-jut|UBND xã Cư Jút;xa-nam-dong|UBND xã Nam Dong;xa-dak-mil|UBND xã Đắk Mil;xa-duc-lap|UBND xã Đức Lập;xa-dak-sak|UBND xã Đắk Sắk;xa-krong-no|UBND xã Krông Nô;xa-nam-da|UBND xã Nam Đà;xa-dak-song|UBND xã Đắk Song;xa-tuy-duc|UBND xã Tuy Đức;xa-kien-duc|UBND xã Kiến Đức;xa-nhan-co|UBND xã Nhân Cơ;xa-dak-glong|UBND xã Đắk Glong;xa-tuy-phong|UBND xã Tuy Phong;xa-lien-huong|UBND xã Liên Hương;xa-phan-ri-cua|UBND xã Phan Rí Cửa;xa-bac-binh|UBND xã Bắc Bình;xa-luong-son|UBND xã Lương Sơn;xa-ham-thuan-bac|UBND xã Hàm Thuận Bắc;xa-ham-thuan-nam|UBND xã Hàm Thuận Nam;xa-ham-tan|UBND xã Hàm Tân;xa-tanh-linh|UBND xã Tánh Linh;xa-duc-linh|UBND xã Đức Linh;xa-hoai-duc|UBND xã Hoài Đức;xa-bac-ruong|UBND xã Bắc Ruộng", units, ";")
  for (i = 1; i <= n; i++) {
    split(units[i], u, "|"); id = u[1]; name = u[2]
    ward = (id ~ /^phuong-/)
    q = rnd()                                   # the unit'"'"'s overall quality, 0..1
    f = out "/" id ".json"
    # 1. chỉ đạo, điều hành
    day = q > 0.25 ? between(8, 31) : between(20, 31) + between(0, 40)
    month = 7; if (day > 31) { day -= 31; month = 8 }
    tasks = between(18, 40); tasks_done = part(tasks, share(q, 0.7, 1.04))
    reports = 4; reports_ok = part(reports, share(q, 0.55, 1.1))
    prop = between(6, 14); prop_done = part(prop, share(q, 0.7, 1.05))
    initiatives = q > 0.7 ? between(1, 3) : (q > 0.4 ? between(0, 1) : 0)
    # 2. thể chế
    qppl = rnd() < 0.3 ? 0 : between(1, 5); qppl_ok = qppl == 0 ? 0 : (rnd() < share(q, 0.6, 1.1) ? qppl : qppl - 1)
    review = between(30, 160); review_done = part(review, share(q, 0.75, 1.05))
    pb = between(6, 15); pb_done = part(pb, share(q, 0.7, 1.05))
    # 3. TTHC
    procs = between(105, 128); procs_pub = rnd() < share(q, 0.5, 1.1) ? procs : procs - between(1, 4)
    dossiers = ward ? between(2600, 9800) : between(700, 4200)
    on_time = part(dossiers, share(q, 0.93, 1.01))
    overdue = int((dossiers - on_time) * (0.3 + rnd() * 0.7))
    apolog = overdue == 0 ? 0 : (rnd() < share(q, 0.3, 1.1) ? overdue : part(overdue, 0.6))
    fb = rnd() < 0.25 ? 0 : between(1, 18); fb_done = fb == 0 ? 0 : part(fb, share(q, 0.7, 1.05))
    # 4. tổ chức bộ máy
    quota = ward ? between(24, 32) : between(20, 28)
    staff = quota - between(0, 3) + (rnd() < 0.1 ? between(2, 4) : 0)
    rules = bool(share(q, 0.6, 1.2))
    hamlets = between(8, 36); hamlets_ok = part(hamlets, share(q, 0.6, 1.05))
    # 5. công vụ
    qualified = part(staff, share(q, 0.78, 1.03))
    train = between(10, 40); train_done = part(train, share(q, 0.7, 1.05))
    evaluated = bool(share(q, 0.7, 1.2))
    discipline = rnd() < share(q, 0.25, 0.02) ? between(1, 2) : 0
    # 6. tài chính công
    budget = ward ? between(60, 420) / 2 : between(8, 90) / 2
    revenue = budget * share(q, 0.8, 1.15) * (0.95 + rnd() * 0.1)
    public = bool(share(q, 0.65, 1.2))
    violations = rnd() < share(q, 0.3, 0.03) ? 1 : 0
    # 7. chính quyền số
    docs = between(400, 2400); docs_e = part(docs, share(q, 0.78, 1.02))
    signers = part(staff, share(q, 0.72, 1.05))
    fullonline = part(dossiers, share(q, 0.12, 0.55))
    fees = int(dossiers * (0.15 + rnd() * 0.25)); paid = part(fees, share(q, 0.15, 0.6))
    digit = part(dossiers, share(q, 0.4, 0.98))
    # 8. một cửa
    onestop = bool(share(q, 0.7, 1.2))
    insys = rnd() < share(q, 0.4, 1.1) ? dossiers : part(dossiers, 0.965)
    rated = part(dossiers, share(q, 0.15, 0.65))
    # 9. điều tra xã hội học: none in every ninth unit
    survey = (i % 9 != 0)
    s1 = share(q, 0.72, 0.95) + (rnd() - 0.5) * 0.04; s2 = share(q, 0.7, 0.94) + (rnd() - 0.5) * 0.04
    s3 = share(q, 0.74, 0.96) + (rnd() - 0.5) * 0.04; s4 = share(q, 0.7, 0.95) + (rnd() - 0.5) * 0.04

    printf "{\n  \"unit\": {\n    \"id\": \"%s\",\n    \"name\": \"%s\",\n    \"level\": \"xã\"\n  },\n  \"period\": \"2025\",\n  \"metrics\": {\n", id, name > f
    printf "    \"kế_hoạch\": {\"ngày_ban_hành\": \"2025-%02d-%02d\", %s, %s},\n", month, day, pair("nhiệm_vụ", tasks), pair("nhiệm_vụ_hoàn_thành", tasks_done) > f
    printf "    \"báo_cáo\": {%s, %s},\n", pair("phải_nộp", reports), pair("đúng_hạn", reports_ok) > f
    printf "    \"tuyên_truyền\": {%s, %s},\n", pair("kế_hoạch", prop), pair("hoàn_thành", prop_done) > f
    printf "    \"sáng_kiến\": {%s},\n", pair("được_công_nhận", initiatives) > f
    printf "    \"văn_bản_qppl\": {%s, %s},\n", pair("ban_hành", qppl), pair("đúng_quy_định", qppl_ok) > f
    printf "    \"rà_soát\": {%s, %s},\n", pair("phải_rà_soát", review), pair("đã_rà_soát", review_done) > f
    printf "    \"pbgdpl\": {%s, %s},\n", pair("kế_hoạch", pb), pair("hoàn_thành", pb_done) > f
    printf "    \"tthc\": {%s, %s},\n", pair("tổng_số", procs), pair("công_khai", procs_pub) > f
    printf "    \"hồ_sơ\": {%s, %s, %s, %s,\n", pair("tổng_số", dossiers), pair("đúng_hạn", on_time), pair("quá_hạn", overdue), pair("đã_xin_lỗi", apolog) > f
    printf "      %s, %s, %s,\n", pair("trực_tuyến_toàn_trình", fullonline), pair("có_phí", fees), pair("thanh_toán_trực_tuyến", paid) > f
    printf "      %s, %s, %s},\n", pair("số_hóa", digit), pair("trên_hệ_thống", insys), pair("được_đánh_giá", rated) > f
    printf "    \"phản_ánh\": {%s, %s},\n", pair("tiếp_nhận", fb), pair("đã_xử_lý", fb_done) > f
    printf "    \"cbcc\": {%s, %s, %s},\n", pair("được_giao", quota), pair("có_mặt", staff), pair("đạt_chuẩn", qualified) > f
    printf "    \"quy_chế\": {\"đã_ban_hành\": %s},\n", rules > f
    printf "    \"thôn\": {%s, %s},\n", pair("tổng_số", hamlets), pair("đạt_quy_mô", hamlets_ok) > f
    printf "    \"đào_tạo\": {%s, %s},\n", pair("kế_hoạch", train), pair("đã_cử", train_done) > f
    printf "    \"đánh_giá\": {\"đúng_hạn\": %s},\n", evaluated > f
    printf "    \"kỷ_luật\": {%s},\n", pair("số_vụ", discipline) > f
    printf "    \"ngân_sách\": {\"dự_toán_tỷ_đồng\": %.1f, \"thu_tỷ_đồng\": %.1f, \"công_khai_đúng_hạn\": %s, %s},\n", budget, revenue, public, pair("sai_phạm", violations) > f
    printf "    \"văn_bản\": {%s, %s},\n", pair("tổng_số", docs), pair("điện_tử", docs_e) > f
    printf "    \"chữ_ký_số\": {%s},\n", pair("có", signers) > f
    printf "    \"một_cửa\": {\"đúng_quy_định\": %s},\n", onestop > f
    if (survey)
      printf "    \"khảo_sát\": {\"tiếp_cận\": %.3f, \"thủ_tục\": %.3f, \"công_chức\": %.3f, \"kết_quả\": %.3f}\n", s1, s2, s3, s4 > f
    else
      printf "    \"khảo_sát\": {\"tiếp_cận\": null, \"thủ_tục\": null, \"công_chức\": null, \"kết_quả\": null}\n" > f
    printf "  }\n}\n" > f
    close(f)
  }
}'
