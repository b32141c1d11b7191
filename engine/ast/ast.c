/* ast.c — names of AST enums, for messages and output. */
#include "ast.h"

/* The rare part of a node that has none: every list empty. */
const node_rare_t node_rare_none;

const char *type_name(value_type t)
{
    switch (t) {
    case TY_NUMBER: return "number";
    case TY_BOOL: return "boolean";
    case TY_DATE: return "date";
    case TY_STRING: return "string";
    case TY_ERROR: return "error";
    default: return "unknown";
    }
}

const char *op_text(op_kind op)
{
    switch (op) {
    case OP_NEG: case OP_SUB: return "-";
    case OP_NOT: return "not";
    case OP_ADD: return "+";
    case OP_MUL: return "*";
    case OP_DIV: return "/";
    case OP_AND: return "and";
    case OP_OR: return "or";
    case OP_LT: return "<";
    case OP_LE: return "<=";
    case OP_GT: return ">";
    case OP_GE: return ">=";
    case OP_EQ: return "==";
    case OP_NE: return "!=";
    default: return "?";
    }
}

const char *node_kind_name(node_kind k)
{
    switch (k) {
    case NODE_INDEX: return "index";
    case NODE_GROUP: return "group";
    case NODE_FIELD: return "field";
    default: return "criterion";
    }
}
