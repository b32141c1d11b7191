/* doc_frame.h — the frame of a Vietnamese administrative document around
 * a printed report (Nghị định 30/2020/NĐ-CP layout): the issuing body and
 * its parent, the document number, place and date, the title, and the
 * signature block with the recipients. Read from a small file of
 * `key: value` lines and/or `key=value` settings (docs/batch-scoring.md). */
#ifndef CHISO_DOC_FRAME_H
#define CHISO_DOC_FRAME_H

#include <stdbool.h>
#include <stdio.h>

enum {
    FRAME_PARENT,      /* co_quan_chu_quan / parent: "UBND TỈNH HÀ TĨNH" */
    FRAME_ISSUER,      /* co_quan / issuer: "SỞ NỘI VỤ" */
    FRAME_NUMBER,      /* so / number: "15/BC-SNV" */
    FRAME_PLACE,       /* dia_danh / place: "Hà Tĩnh" */
    FRAME_DATE,        /* ngay / date: 2022-01-20 or as it should read */
    FRAME_TITLE,       /* tieu_de / title: "BÁO CÁO ..." (first line bold) */
    FRAME_AUTHORITY,   /* quyen_han / authority: "KT. GIÁM ĐỐC" */
    FRAME_SIGNER_TITLE,/* chuc_vu / signer_title: "PHÓ GIÁM ĐỐC" */
    FRAME_SIGNER,      /* nguoi_ky / signer: "Nguyễn Văn A" */
    FRAME_RECIPIENTS,  /* noi_nhan / recipients: "A; B; Lưu: VT." */
    FRAME_NKEYS
};

typedef struct doc_frame {
    char *value[FRAME_NKEYS];
    bool any;
} doc_frame_t;

void doc_frame_init(doc_frame_t *f);
void doc_frame_free(doc_frame_t *f);
/* Sets one `key=value` (or `key: value`); false with a message in *why
 * (malloc'd) for an unknown key. */
bool doc_frame_set(doc_frame_t *f, const char *setting, char **why);
/* Reads a file of `key: value` lines (# comments, blank lines, a value
 * going on over indented lines); false
 * with a message in *why naming the file and line. */
bool doc_frame_load(doc_frame_t *f, const char *path, char **why);
/* "ngày 20 tháng 01 năm 2022" from 2022-01-20; other text as it is. */
void doc_frame_date(const char *date, char *buf, size_t size);

#endif
