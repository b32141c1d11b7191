// json_fast_impl.hpp — what the two simdjson readers share (json_fast.cpp
// makes a whole jansson tree, json_paths.cpp only what binding reads): the
// thread's parser, and the rules deciding which values are read alike by
// simdjson and jansson (json_fast.h says why each is left to jansson).
#ifndef CHISO_JSON_FAST_IMPL_HPP
#define CHISO_JSON_FAST_IMPL_HPP

#include <jansson.h>
#include <simdjson.h>

#include <string_view>

namespace json_fast_impl {

// Parses `text` with the calling thread's parser; false when simdjson
// refuses it or it is too large for the fast readers. The document lives
// until the thread's next parse.
bool parse(const char *text, size_t len, simdjson::dom::element &root);
// A string as jansson would hold it (no NUL unless allowed, no lone
// surrogate).
bool plain(std::string_view s, bool allow_nul);
// A double jansson reads to the same value (zero and the extremes are its).
bool plain_double(double d);
// The jansson tree of `e`, or nullptr for what jansson must decide.
json_t *build(simdjson::dom::element e, bool allow_nul);

} // namespace json_fast_impl

#endif
