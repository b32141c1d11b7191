Content-Length: 102

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "capabilities": {}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 1665

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///nonexistent/huyen-mini.chiso", "languageId": "chiso", "version": 1, "text": "# Chỉ số CCHC cấp huyện (rút gọn) — ví dụ\nindex \"Chỉ số CCHC cấp huyện 2021\" {\n  total 11\n  source \"Ví dụ minh họa, theo cấu trúc PAR INDEX\"\n  policy not_applicable = full\n  grade { \"Tốt\" >= 80  \"Khá\" >= 65  \"Trung bình\" >= 50  \"Yếu\" otherwise }\n\n  field 1 \"Công tác chỉ đạo, điều hành CCHC\" max 4 {\n    criterion 1.1 \"Ban hành kế hoạch CCHC năm đúng hạn\" max 1 {\n      score if plan.issued_on <= 2020-12-31 then 1 else 0\n    }\n\n    criterion 1.2 \"Mức độ hoàn thành kế hoạch\" max 1 {\n      value ratio(plan.done, plan.tasks)\n      band >= 100%   -> 1\n      band >= 80%    -> 0.5\n      band otherwise -> 0\n    }\n\n    criterion 1.3 \"Kiểm tra CCHC ≥ 30% đơn vị\" max 2 {\n      value ratio(communes.inspected, communes.total)\n      band >= 30%    -> 2\n      band >= 20%    -> 1\n      band otherwise -> 0\n    }\n\n    deduct \"Nộp báo cáo CCHC trễ hạn\" 0.25 * reports.late cap 1\n  }\n\n  lĩnh_vực 3 \"Cải cách thủ tục hành chính\" tối_đa 6 {\n    tiêu_chí 3.1 \"Tỷ lệ hồ sơ TTHC giải quyết đúng hạn\" tối_đa 4 {\n      giá_trị ratio(dossiers.on_time, dossiers.total)\n      mức ≥ 98%   -> 4\n      mức ≥ 95%   -> 2\n      mức còn_lại -> 0\n    }\n\n    tiêu_chí 3.2 \"Hài lòng của người dân (thang 0–10)\" tối_đa 2 {\n      điểm tối_đa * linear(survey.satisfaction, 5, 10)\n    }\n  }\n}\n"}}}Content-Length: 1666

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///nonexistent/huyen-mini.chiso", "version": 2}, "contentChanges": [{"text": "# Chỉ số CCHC cấp huyện (rút gọn) — ví dụ\nindex \"Chỉ số CCHC cấp huyện 2021\" {\n  total 10\n  source \"Ví dụ minh họa, theo cấu trúc PAR INDEX\"\n  policy not_applicable = full\n  grade { \"Tốt\" >= 80  \"Khá\" >= 65  \"Trung bình\" >= 50  \"Yếu\" otherwise }\n\n  field 1 \"Công tác chỉ đạo, điều hành CCHC\" max 4 {\n    criterion 1.1 \"Ban hành kế hoạch CCHC năm đúng hạn\" max 1 {\n      score if plan.issued_on <= 2020-12-31 then 1 else 0\n    }\n\n    criterion 1.2 \"Mức độ hoàn thành kế hoạch\" max 1 {\n      value ratio(plan.done, plan.tasks)\n      band >= 100%   -> 1\n      band >= 80%    -> 0.5\n      band otherwise -> 0\n    }\n\n    criterion 1.3 \"Kiểm tra CCHC ≥ 30% đơn vị\" max 2 {\n      value ratio(communes.inspected, communes.total)\n      band >= 30%    -> 2\n      band >= 20%    -> 1\n      band otherwise -> 0\n    }\n\n    deduct \"Nộp báo cáo CCHC trễ hạn\" 0.25 * reports.late cap 1\n  }\n\n  lĩnh_vực 3 \"Cải cách thủ tục hành chính\" tối_đa 6 {\n    tiêu_chí 3.1 \"Tỷ lệ hồ sơ TTHC giải quyết đúng hạn\" tối_đa 4 {\n      giá_trị ratio(dossiers.on_time, dossiers.total)\n      mức ≥ 98%   -> 4\n      mức ≥ 95%   -> 2\n      mức còn_lại -> 0\n    }\n\n    tiêu_chí 3.2 \"Hài lòng của người dân (thang 0–10)\" tối_đa 2 {\n      điểm tối_đa * linear(survey.satisfaction, 5, 10)\n    }\n  }\n}\n"}]}}Content-Length: 178

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///nonexistent/huyen-mini.chiso"}, "position": {"line": 8, "character": 15}}}Content-Length: 183

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///nonexistent/huyen-mini.chiso"}, "position": {"line": 9, "character": 15}}}Content-Length: 145

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///nonexistent/huyen-mini.chiso"}}}Content-Length: 190

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///nonexistent/huyen-mini.chiso"}, "options": {"tabSize": 2, "insertSpaces": true}}}Content-Length: 183

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///nonexistent/huyen-mini.chiso"}, "position": {"line": 8, "character": 15}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 7, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}