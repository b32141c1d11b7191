// json_fast.cpp — simdjson's DOM reader behind a C function (see
// json_fast.h). The DOM API, not On-Demand: the whole text is checked
// (UTF-8, structure, every number) before any jansson value is made, so a
// text simdjson refuses costs no tree; and the values are then walked once,
// in document order, which is the order jansson keeps keys in. Errors are
// returned, never thrown (the library is built without exceptions).
#include "json_fast.h"
#include "json_fast_impl.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace json_fast_impl {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Texts larger than this go to jansson: a parser keeps the capacity of
// the largest text it read, for the life of its thread.
constexpr size_t MAX_FAST = 4u << 20;

namespace {

struct reader {
    simdjson::dom::parser parser;
    char *padded = nullptr; // the text copied with SIMDJSON_PADDING bytes after it
    size_t cap = 0;
    ~reader() { std::free(padded); }
};

thread_local reader local;

} // namespace

// A string as jansson would hold it, or nothing: NUL bytes are refused by
// jansson in keys, and in values without JSON_ALLOW_NUL; a lone surrogate
// escape ("\udc00") must be refused as jansson refuses it (its UTF-8 form
// starts 0xED 0xA0 to 0xED 0xBF; Vietnamese letters never start with 0xED).
bool plain(std::string_view s, bool allow_nul)
{
    // Nearly every string has neither byte: eight bytes at a time (the
    // last word overlapping), and byte by byte only when one is there.
    const char *p = s.data();
    size_t n = s.size();
    constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull, ed = 0xEDEDEDEDEDEDEDEDull;
    auto suspect = [](uint64_t x) {
        uint64_t y = x ^ ed;
        return (((x - ones) & ~x) | ((y - ones) & ~y)) & highs;
    };
    bool seen = false;
    if (n >= 8) {
        uint64_t x;
        for (size_t i = 0; i + 8 <= n && !seen; i += 8) {
            std::memcpy(&x, p + i, 8);
            seen = suspect(x);
        }
        std::memcpy(&x, p + n - 8, 8);
        seen = seen || suspect(x);
    } else if (n >= 4) { // two words of four, overlapping: each byte in the low half of one
        uint32_t a, b;
        std::memcpy(&a, p, 4);
        std::memcpy(&b, p + n - 4, 4);
        seen = suspect(a | uint64_t{b} << 32);
    } else {
        for (size_t i = 0; i < n && !seen; i++) seen = p[i] == 0 || static_cast<unsigned char>(p[i]) == 0xED;
    }
    if (!seen) return true;
    if (!allow_nul && std::memchr(p, 0, n)) return false;
    const char *end = p + n;
    while ((p = static_cast<const char *>(std::memchr(p, 0xED, static_cast<size_t>(end - p))))) {
        if (p + 1 < end && static_cast<unsigned char>(p[1]) >= 0xA0) return false;
        p++;
    }
    return true;
}

bool plain_double(double d) { return d != 0 && std::fabs(d) >= 1e-300 && std::fabs(d) <= 1e300; }

json_t *build(element e, bool allow_nul)
{
    switch (e.type()) {
    case element_type::OBJECT: {
        simdjson::dom::object members;
        json_t *object = e.get_object().get(members) == simdjson::SUCCESS ? json_object() : nullptr;
        if (!object) return nullptr;
        for (simdjson::dom::key_value_pair kv : members) {
            json_t *value = plain(kv.key, false) ? build(kv.value, allow_nul) : nullptr;
            size_t before = json_object_size(object);
            // A key given twice leaves the size as it was: jansson names it.
            if (!value || json_object_setn_new_nocheck(object, kv.key.data(), kv.key.size(), value) != 0 ||
                json_object_size(object) == before) {
                json_decref(object);
                return nullptr;
            }
        }
        return object;
    }
    case element_type::ARRAY: {
        simdjson::dom::array items;
        json_t *array = e.get_array().get(items) == simdjson::SUCCESS ? json_array() : nullptr;
        if (!array) return nullptr;
        for (element item : items) {
            json_t *value = build(item, allow_nul);
            if (!value || json_array_append_new(array, value) != 0) {
                json_decref(array);
                return nullptr;
            }
        }
        return array;
    }
    case element_type::STRING: {
        std::string_view s;
        if (e.get_string().get(s) != simdjson::SUCCESS || !plain(s, allow_nul)) return nullptr;
        return json_stringn_nocheck(s.data(), s.size());
    }
    case element_type::INT64: {
        int64_t k;
        return e.get_int64().get(k) == simdjson::SUCCESS ? json_integer(k) : nullptr;
    }
    case element_type::DOUBLE: {
        // jansson reads "-0" as the integer 0 and is the judge of the
        // edges of a double's range: zero and the extremes go to it.
        double d;
        if (e.get_double().get(d) != simdjson::SUCCESS || !plain_double(d)) return nullptr;
        return json_real(d);
    }
    case element_type::BOOL: {
        bool b;
        return e.get_bool().get(b) == simdjson::SUCCESS ? json_boolean(b) : nullptr;
    }
    case element_type::NULL_VALUE:
        return json_null();
    default: // UINT64: beyond jansson's integers (it reads the text exactly)
        return nullptr;
    }
}

bool parse(const char *text, size_t len, element &root)
{
    if (len == 0 || len > MAX_FAST) return false;
    reader &r = local;
    if (r.cap < len + simdjson::SIMDJSON_PADDING) {
        size_t cap = (len + simdjson::SIMDJSON_PADDING) * 2;
        char *padded = static_cast<char *>(std::realloc(r.padded, cap));
        if (!padded) return false;
        r.padded = padded;
        r.cap = cap;
    }
    std::memcpy(r.padded, text, len);
    std::memset(r.padded + len, 0, simdjson::SIMDJSON_PADDING);
    return r.parser.parse(r.padded, len, false).get(root) == simdjson::SUCCESS;
}

} // namespace json_fast_impl

extern "C" void json_fast_init(void) { (void)simdjson::get_active_implementation()->name(); }

extern "C" json_t *json_fast_load(const char *text, size_t len, bool allow_nul)
{
    json_fast_impl::element root;
    return json_fast_impl::parse(text, len, root) ? json_fast_impl::build(root, allow_nul) : nullptr;
}
