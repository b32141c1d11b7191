/* keywords.c — English and Vietnamese keywords (contract §2).
 * A Vietnamese keyword is accepted exactly as written with diacritics, or in
 * plain ASCII without them (`tiêu_chí` or `tieu_chi`); half-stripped
 * spellings such as `tiêu_chi` are identifiers, like any other word. */
#include "grammar/keywords.h"

#include "engine/ast/ast.h"
#include "engine/support/fold.h"
#include "engine/support/xalloc.h"
#include "parser.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct {
    const char *en, *vi, *ascii; /* ascii: vi without diacritics */
    int token;
} keyword_t;

static const keyword_t keywords[] = {
    {"index", "chỉ_số", "chi_so", INDEX},        {"plan", "kế_hoạch", "ke_hoach", PLAN},
    {"group", "nhóm", "nhom", GROUP},          {"field", "lĩnh_vực", "linh_vuc", FIELD},
    {"criterion", "tiêu_chí", "tieu_chi", CRITERION}, {"max", "tối_đa", "toi_da", MAX},
    {"total", "tổng", "tong", TOTAL},          {"grade", "xếp_loại", "xep_loai", GRADE},
    {"deduct", "trừ", "tru", DEDUCT},         {"and", "và", "va", AND},
    {"or", "hoặc", "hoac", OR},                {"not", "không", "khong", NOT},
    {"source", "căn_cứ", "can_cu", SOURCE},      {"true", "đúng", "dung", TRUE},
    {"false", "sai", "sai", FALSE},           {"then", "thì", "thi", THEN},
    {"target", "chỉ_tiêu", "chi_tieu", TARGET},    {"parent", "cấp_trên", "cap_tren", PARENT},
    {"value", "giá_trị", "gia_tri", VALUE},       {"band", "mức", "muc", BAND},
    {"otherwise", "còn_lại", "con_lai", OTHERWISE}, {"score", "điểm", "diem", SCORE},
    {"if", "nếu", "neu", IF},                 {"else", "ngược_lại", "nguoc_lai", ELSE},
    {"applies_if", "áp_dụng_khi", "ap_dung_khi", APPLIES_IF}, {"cap", "tối_đa_trừ", "toi_da_tru", CAP},
    {"let", "đặt", "dat", LET},               {"policy", "quy_tắc", "quy_tac", POLICY},
    {"include", "gồm_tệp", "gom_tep", INCLUDE},
    {"implements", "thực_hiện", "thuc_hien", IMPLEMENTS},
    {"metric", "số_liệu", "so_lieu", METRIC},
    /* the appraisal process */
    {"evidence", "kiểm_chứng", "kiem_chung", EVIDENCE}, {"origin", "nguồn", "nguon", ORIGIN},
    {"bonus", "thưởng", "thuong", BONUS},       {"cap", "tối_đa_thưởng", "toi_da_thuong", CAP},
    /* versions of an index by decision and period */
    {"applies_to", "áp_dụng", "ap_dung", APPLIES_TO}, {"previously", "trước_đây", "truoc_day", PREVIOUSLY},
    /* a maximum that no source gives: `tối_đa 2 giả_định` */
    {"assumed", "giả_định", "gia_dinh", ASSUMED},
};
#define NKEYWORDS (sizeof keywords / sizeof keywords[0])

char *fold_ascii(const char *text, size_t len)
{
    utf8proc_uint8_t *decomposed = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len,
                                      &decomposed, UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);
    strbuf_t sb;
    sb_init(&sb);
    if (n < 0) {
        sb_add(&sb, text, len);
        return sb_take(&sb);
    }
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(decomposed + i, n - i, &cp);
        if (k <= 0) break;
        i += k;
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN) continue;
        if (cp == 0x0111) cp = 'd';
        if (cp == 0x0110) cp = 'D';
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t m = utf8proc_encode_char(cp, buf);
        sb_add(&sb, (const char *)buf, (size_t)m);
    }
    free(decomposed);
    return sb_take(&sb);
}

/* Every spelling in a small open-addressing table, built once: the lexer
 * looks up every word of a rules file (megabytes for a generated index). */
#define SPELLING_SLOTS 512
typedef struct {
    const char *text;
    unsigned char len, style;
    int token;
} spelling_t;
static spelling_t spellings[SPELLING_SLOTS];
static pthread_once_t spellings_once = PTHREAD_ONCE_INIT;

static unsigned spelling_hash(const char *s, size_t len)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h ^ (h >> 15);
}

static void add_spelling(const char *text, int style, int token)
{
    size_t len = strlen(text);
    unsigned i = spelling_hash(text, len) & (SPELLING_SLOTS - 1);
    while (spellings[i].text) {
        /* the first spelling wins, as in a scan of the table (`sai` is en-less) */
        if (spellings[i].len == len && !memcmp(spellings[i].text, text, len)) return;
        i = (i + 1) & (SPELLING_SLOTS - 1);
    }
    spellings[i] = (spelling_t){text, (unsigned char)len, (unsigned char)style, token};
}

static void build_spellings(void)
{
    /* English and Vietnamese first, as the lookup always preferred them */
    for (size_t i = 0; i < NKEYWORDS; i++) {
        add_spelling(keywords[i].en, 0, keywords[i].token);
        add_spelling(keywords[i].vi, 1, keywords[i].token);
    }
    for (size_t i = 0; i < NKEYWORDS; i++) add_spelling(keywords[i].ascii, 2, keywords[i].token);
}

int keyword_lookup_style(const char *text, size_t len, int *style)
{
    if (len == 0 || len > 40) return 0;
    pthread_once(&spellings_once, build_spellings);
    unsigned i = spelling_hash(text, len) & (SPELLING_SLOTS - 1);
    while (spellings[i].text) {
        if (spellings[i].len == len && !memcmp(spellings[i].text, text, len)) {
            *style = spellings[i].style;
            return spellings[i].token;
        }
        i = (i + 1) & (SPELLING_SLOTS - 1);
    }
    return 0;
}

int keyword_lookup(const char *text, size_t len)
{
    int style;
    return keyword_lookup_style(text, len, &style);
}

const char *keyword_spelling(int token, int style)
{
    for (size_t i = 0; i < NKEYWORDS; i++)
        if (keywords[i].token == token)
            return style == 1 ? keywords[i].vi : style == 2 ? keywords[i].ascii : keywords[i].en;
    return NULL;
}

const char *keyword_suggest(const char *word)
{
    /* A keyword typed with a mark missing or wrong (`tiêu_chi`, `lĩnh_vuc`)
     * folds to the keyword: suggest its Vietnamese spelling. Else one edit
     * away from any spelling (`critera`, `tieu_chii`). */
    char *f = fold_visual(word);
    const char *best = NULL;
    int bestd = 2;
    for (size_t i = 0; i < NKEYWORDS && bestd > 0; i++) {
        const char *forms[3] = {keywords[i].en, keywords[i].vi, keywords[i].ascii};
        for (int k = 0; k < 3; k++) {
            char *g = fold_visual(forms[k]);
            int d = fold_distance(f, g, 1);
            if (strlen(g) < 4 && d > 0) d = 2; /* `va`/`và` are words too short to guess at */
            free(g);
            if (d < bestd) {
                bestd = d;
                best = k == 0 ? keywords[i].en : keywords[i].vi;
            }
        }
    }
    free(f);
    return best;
}

/* For tests: the ASCII column must be the folding of the Vietnamese one. */
bool keyword_table_consistent(void)
{
    for (size_t i = 0; i < NKEYWORDS; i++) {
        char *folded = fold_ascii(keywords[i].vi, strlen(keywords[i].vi));
        bool ok = strcmp(folded, keywords[i].ascii) == 0;
        free(folded);
        if (!ok) return false;
    }
    return true;
}

const char *keyword_english(int token)
{
    for (size_t i = 0; i < NKEYWORDS; i++)
        if (keywords[i].token == token) return keywords[i].en;
    return NULL;
}

const char *keyword_respell(const char *english, size_t len, int style)
{
    for (size_t i = 0; i < NKEYWORDS; i++)
        if (strlen(keywords[i].en) == len && !memcmp(keywords[i].en, english, len))
            return style == 1 ? keywords[i].vi : style == 2 ? keywords[i].ascii : keywords[i].en;
    return NULL;
}

/* ---- for tools: the table itself (fmt --keywords, editors, completion) ---- */

size_t keyword_count(void) { return NKEYWORDS; }

bool keyword_at(size_t i, const char **en, const char **vi, const char **ascii, int *token)
{
    if (i >= NKEYWORDS) return false;
    if (en) *en = keywords[i].en;
    if (vi) *vi = keywords[i].vi;
    if (ascii) *ascii = keywords[i].ascii;
    if (token) *token = keywords[i].token;
    return true;
}

/* The words of `policy KEY = VALUE`: identifiers to the parser, keywords to
 * the reader, so fmt --keywords translates them too. */
static const struct { const char *en, *vi, *ascii; } policy_words[] = {
    {"not_applicable", "không_phát_sinh", "khong_phat_sinh"},
    {"missing", "thiếu", "thieu"},
    {"full", "đủ_điểm", "du_diem"},
    {"exclude", "loại_trừ", "loai_tru"},
    {"zero", "không_điểm", "khong_diem"},
    {"error", "lỗi", "loi"},
};
#define NPOLICY_WORDS (sizeof policy_words / sizeof policy_words[0])

size_t policy_word_count(void) { return NPOLICY_WORDS; }

bool policy_word_at(size_t i, const char **en, const char **vi, const char **ascii)
{
    if (i >= NPOLICY_WORDS) return false;
    if (en) *en = policy_words[i].en;
    if (vi) *vi = policy_words[i].vi;
    if (ascii) *ascii = policy_words[i].ascii;
    return true;
}

const char *policy_word_spelling(const char *word, size_t len, bool vietnamese)
{
    for (size_t i = 0; i < NPOLICY_WORDS; i++) {
        const char *forms[] = {policy_words[i].en, policy_words[i].vi, policy_words[i].ascii};
        for (int f = 0; f < 3; f++)
            if (strlen(forms[f]) == len && memcmp(forms[f], word, len) == 0)
                return vietnamese ? policy_words[i].vi : policy_words[i].en;
    }
    return NULL;
}

/* Words read by their place, not reserved: the span words of `áp_dụng 2022
 * đến 2030` / `áp_dụng từ 2031` and the origins after `nguồn`. fmt
 * --keywords translates them like keywords. */
static const struct { const char *en, *vi, *ascii; } context_words[] = {
    {"to", "đến", "den"},
    {"from", "từ", "tu"},
    {"appraisal", "thẩm_định", "tham_dinh"},
    {"survey", "điều_tra", "dieu_tra"},
};
#define NCONTEXT_WORDS (sizeof context_words / sizeof context_words[0])

size_t context_word_count(void) { return NCONTEXT_WORDS; }

bool context_word_at(size_t i, const char **en, const char **vi, const char **ascii)
{
    if (i >= NCONTEXT_WORDS) return false;
    if (en) *en = context_words[i].en;
    if (vi) *vi = context_words[i].vi;
    if (ascii) *ascii = context_words[i].ascii;
    return true;
}

const char *context_word_spelling(const char *word, size_t len, bool vietnamese)
{
    for (size_t i = 0; i < NCONTEXT_WORDS; i++) {
        const char *forms[] = {context_words[i].en, context_words[i].vi, context_words[i].ascii};
        for (int f = 0; f < 3; f++)
            if (strlen(forms[f]) == len && memcmp(forms[f], word, len) == 0)
                return vietnamese ? context_words[i].vi : context_words[i].en;
    }
    return NULL;
}
