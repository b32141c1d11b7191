/* skeleton.c — the rules file `chiso init` starts an author with: every
 * kind of statement once, explained in Vietnamese comments, and clean under
 * `chiso check --strict`. */
#include "chiso.h"

#include <string.h>

static const char skeleton[] =
    "# Bộ chỉ số mới — khung do `chiso init` tạo ra.\n"
    "# Sửa tên, điểm và số liệu cho đúng hướng dẫn chấm điểm của đơn vị, rồi chạy:\n"
    "#   chiso check --strict TỆP.chiso       kiểm tra (cú pháp, kiểu, tổng điểm, các mức)\n"
    "#   chiso fmt -w TỆP.chiso               trình bày lại cho thống nhất\n"
    "#   chiso metrics --template TỆP.chiso   mẫu số liệu để các đơn vị điền\n"
    "# Từ khóa viết tiếng Việt (có dấu hoặc không dấu) hay tiếng Anh đều được.\n"
    "\n"
    "chỉ_số \"Chỉ số CCHC năm 2025 (tên bộ chỉ số)\" {\n"
    "  # Tổng điểm tối đa: điểm tối đa của các lĩnh vực phải cộng lại đúng bằng số này.\n"
    "  tổng 10\n"
    "  căn_cứ \"Quyết định ban hành bộ chỉ số (số, ngày)\"\n"
    "  # Số liệu để null là \"không phát sinh\": đủ_điểm, loại_trừ (bỏ khỏi điểm tối đa) hay không_điểm.\n"
    "  quy_tắc không_phát_sinh = đủ_điểm\n"
    "  # Xếp loại theo tỷ lệ % điểm đạt được, xét từ ngưỡng cao xuống.\n"
    "  xếp_loại { \"Tốt\" >= 80  \"Khá\" >= 65  \"Trung bình\" >= 50  \"Yếu\" còn_lại }\n"
    "\n"
    "  # Mỗi lĩnh vực: mã, tên, điểm tối đa; bên trong là các tiêu chí.\n"
    "  lĩnh_vực 1 \"Công tác chỉ đạo, điều hành\" tối_đa 4 {\n"
    "    # Tiêu chí chấm theo mức: giá_trị là con số đem so, các mức xét từ trên xuống.\n"
    "    tiêu_chí 1.1 \"Tỷ lệ nhiệm vụ trong kế hoạch hoàn thành\" tối_đa 3 {\n"
    "      căn_cứ \"Hướng dẫn chấm điểm, mục 1.1\"\n"
    "      giá_trị ratio(kế_hoạch.hoàn_thành, kế_hoạch.tổng_số)\n"
    "      mức ≥ 100%  -> 3\n"
    "      mức ≥ 80%   -> 1.5\n"
    "      mức còn_lại -> 0\n"
    "    }\n"
    "\n"
    "    # Tiêu chí chấm bằng công thức: có (đúng) thì được điểm tối đa.\n"
    "    tiêu_chí 1.2 \"Ban hành kế hoạch năm đúng hạn\" tối_đa 1 {\n"
    "      điểm nếu kế_hoạch.ban_hành_ngày <= 2024-12-31 thì tối_đa ngược_lại 0\n"
    "    }\n"
    "\n"
    "    # Điểm trừ: trừ vào lĩnh vực chứa nó, không quá tối_đa_trừ.\n"
    "    trừ \"Nộp báo cáo trễ hạn (0,25 điểm mỗi báo cáo)\" 0.25 * báo_cáo.trễ_hạn tối_đa_trừ 1\n"
    "  }\n"
    "\n"
    "  lĩnh_vực 2 \"Cải cách thủ tục hành chính\" tối_đa 6 {\n"
    "    # Tỷ lệ: 49 trên 50 hồ sơ là đúng 98% (số học chính xác).\n"
    "    tiêu_chí 2.1 \"Tỷ lệ hồ sơ giải quyết đúng hạn\" tối_đa 4 {\n"
    "      giá_trị ratio(hồ_sơ.đúng_hạn, hồ_sơ.tổng_số)\n"
    "      mức ≥ 98%   -> 4\n"
    "      mức ≥ 95%   -> 2\n"
    "      mức còn_lại -> 0\n"
    "    }\n"
    "\n"
    "    # Điểm tỷ lệ thuận: linear cho 0 ở mức 50%, đủ điểm từ 90% trở lên.\n"
    "    tiêu_chí 2.2 \"Mức độ hài lòng của người dân\" tối_đa 2 {\n"
    "      quy_tắc không_phát_sinh = loại_trừ\n"
    "      điểm tối_đa * linear(khảo_sát.hài_lòng, 50%, 90%)\n"
    "    }\n"
    "  }\n"
    "}\n";

const char *chiso_skeleton(size_t *len)
{
    if (len) *len = sizeof skeleton - 1;
    return skeleton;
}
