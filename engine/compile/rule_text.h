/* rule_text.h — an expression's text as written in its rules file. */
#ifndef CHISO_RULE_TEXT_H
#define CHISO_RULE_TEXT_H

#include "engine/ast/ast.h"

/* The expression's text as written in its rules file (keywords, percents
 * and spacing as the author typed them, lines joined); caller frees. */
char *formula_source(const expr_t *e);

#endif
