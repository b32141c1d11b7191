// json_paths.cpp — a submission read along the metric paths of the rules
// (see json_paths.h). A key of an object on the paths is matched against
// the few keys the paths have there (by length, then its bytes); a key
// given twice is found by the value already read for its node and, among
// the other keys, by comparing them (or hashing them, in a large object).
// A top level of the usual shape is looked at twice: first its unit and
// period are read (nothing made; any other shape is the tree as before),
// then the metrics are walked and the other members checked.
#include "json_paths.h"
#include "json_fast_impl.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

using simdjson::dom::element;
using simdjson::dom::element_type;
using namespace json_fast_impl;

// Of the type of what it marks, and never freed (jansson's static values'
// count): the few calls that may see it treat it as a number.
json_t json_paths_integer_mark = {JSON_INTEGER, static_cast<size_t>(-1)};

namespace {

uint64_t key_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        std::memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    if (n) {
        uint64_t w = 0;
        std::memcpy(&w, s, n);
        h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    }
    return h ^ (h >> 29);
}

// Whether a[0…n) and b[0…n) are the same bytes: keys are short, and a
// call to memcmp costs more than comparing them here, a word at a time
// (the words overlap; none reads past either key).
inline bool same_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        uint64_t x, y;
        for (size_t i = 0; i + 8 < n; i += 8) {
            std::memcpy(&x, a + i, 8);
            std::memcpy(&y, b + i, 8);
            if (x != y) return false;
        }
        std::memcpy(&x, a + n - 8, 8);
        std::memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        uint32_t x, y, u, v;
        std::memcpy(&x, a, 4);
        std::memcpy(&y, b, 4);
        std::memcpy(&u, a + n - 4, 4);
        std::memcpy(&v, b + n - 4, 4);
        return x == y && u == v;
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return false;
    return true;
}

// The object, array, string or double an element of that type is.
simdjson::dom::object as_object(element e)
{
    simdjson::dom::object o;
    simdjson::error_code err = e.get_object().get(o); // cannot fail: e is an object
    (void)err;
    return o;
}

simdjson::dom::array as_array(element e)
{
    simdjson::dom::array a;
    simdjson::error_code err = e.get_array().get(a); // cannot fail: e is an array
    (void)err;
    return a;
}

uint64_t child_hash(uint64_t key, int parent) { return (key + static_cast<uint64_t>(parent)) * 0x9E3779B97F4A7C15ull; }

} // namespace

// Grows a malloc'd array to hold `need` items (std::vector's members would
// be global symbols of the library).
template <typename T> bool reserve(T *&items, size_t &cap, size_t need)
{
    if (need <= cap) return true;
    size_t n = cap ? cap : 16;
    while (n < need) n *= 2;
    T *grown = static_cast<T *>(std::realloc(items, n * sizeof(T)));
    if (!grown) return false;
    items = grown;
    cap = n;
    return true;
}

struct json_paths {
    struct node {
        size_t key, len; // the key: text[key…key+len)
        int parent;
        uint64_t hash;  // child_hash of its key's hash and its parent
        bool end;       // a path ends here
        bool inner;     // a path goes on below
        int first_kid;  // the first node under this one (0: none; node 0 is no one's kid)
        int next;       // the next node under the same parent (0: none)
        int last_kid;   // the last node under this one, to append the next
        int nkids;      // how many nodes are under this one
    };
    node *nodes = nullptr;
    size_t nnodes = 0, capnodes = 0;
    char *text = nullptr; // every key, one after the other
    size_t ntext = 0, captext = 0;
    int *table = nullptr; // open addressing: node numbers, 0 = free (node 0 has no key)
    size_t size = 0;      // of the table, a power of two

    ~json_paths()
    {
        std::free(nodes);
        std::free(text);
        std::free(table);
    }
    int find(int parent, uint64_t kh, std::string_view key) const
    {
        size_t mask = size - 1;
        for (size_t i = child_hash(kh, parent) & mask;; i = (i + 1) & mask) {
            int k = table[i];
            if (!k) return -1;
            const node &n = nodes[k];
            if (n.parent == parent && std::string_view(text + n.key, n.len) == key) return k;
        }
    }
    // Whether node k's key is `key`.
    bool is(int k, std::string_view key) const
    {
        const node &n = nodes[k];
        return n.len == key.size() && same_bytes(text + n.key, key.data(), n.len);
    }
    // The node for `key` under `parent`, or -1. `next`: the kid after the
    // one the previous key of the object matched, tried first (keys
    // usually come in the order of the rules' metrics); then, among a few
    // kids, each by its length and bytes (no hash); among many, the table.
    int match(int parent, std::string_view key, int &next) const
    {
        const node &up = nodes[parent];
        int k = next;
        if (!k || !is(k, key)) {
            if (up.nkids > FEW_KIDS) {
                k = find(parent, key_hash(key.data(), key.size()), key);
            } else {
                for (k = up.first_kid; k && !is(k, key); k = nodes[k].next) continue;
                if (!k) k = -1;
            }
        }
        if (k >= 0) next = nodes[k].next;
        return k;
    }
    static constexpr int FEW_KIDS = 12;
    void put(int k)
    {
        size_t mask = size - 1, i = nodes[k].hash & mask;
        while (table[i]) i = (i + 1) & mask;
        table[i] = k;
    }
    bool rehash(size_t n)
    {
        int *t = static_cast<int *>(std::calloc(n, sizeof *t));
        if (!t) return false;
        std::free(table);
        table = t;
        size = n;
        for (size_t i = 1; i < nnodes; i++) put(static_cast<int>(i));
        return true;
    }
};

extern "C" json_paths *json_paths_new(void)
{
    json_paths *p = new (std::nothrow) json_paths;
    if (!p) return nullptr;
    if (!reserve(p->nodes, p->capnodes, 1) || !p->rehash(16)) {
        delete p;
        return nullptr;
    }
    p->nodes[p->nnodes++] = {0, 0, -1, 0, false, false, 0, 0, 0, 0};
    return p;
}

extern "C" void json_paths_free(json_paths *p) { delete p; }

extern "C" int json_paths_add(json_paths *p, int parent, const char *key)
{
    size_t len = std::strlen(key);
    uint64_t kh = key_hash(key, len);
    int k = p->find(parent, kh, std::string_view(key, len));
    if (k >= 0) return k;
    if (!reserve(p->nodes, p->capnodes, p->nnodes + 1) || !reserve(p->text, p->captext, p->ntext + len + 1))
        std::abort(); // out of memory, as xmalloc does
    std::memcpy(p->text + p->ntext, key, len);
    k = static_cast<int>(p->nnodes);
    json_paths::node &up = p->nodes[parent];
    p->nodes[p->nnodes++] = {p->ntext, len, parent, child_hash(kh, parent), false, false, 0, 0, 0, 0};
    p->ntext += len;
    up.inner = true;
    if (up.last_kid) p->nodes[up.last_kid].next = k;
    else up.first_kid = k;
    up.last_kid = k;
    up.nkids++;
    if (p->nnodes * 2 > p->size) { // at most half full
        if (!p->rehash(p->size * 2)) std::abort();
    } else {
        p->put(k);
    }
    return k;
}

extern "C" void json_paths_end(json_paths *p, int node) { p->nodes[node].end = true; }

extern "C" size_t json_paths_count(const json_paths *p) { return p->nnodes; }

namespace {

// The keys of the objects being walked that are not on the paths: one
// stretch per object, the objects inside it above; and a table finding a
// key given twice among many.
struct scratch {
    struct key {
        uint64_t hash;
        std::string_view text;
    };
    key *keys = nullptr;
    size_t nkeys = 0, capkeys = 0;
    uint32_t *seen = nullptr, *stamps = nullptr; // a key's index, valid where stamps[i] == stamp
    size_t capseen = 0;
    uint32_t stamp = 0;
    ~scratch()
    {
        std::free(keys);
        std::free(seen);
        std::free(stamps);
    }
};

thread_local scratch local;

// Up to this many keys are compared with each other; more are hashed.
constexpr size_t FEW = 16;

bool push_key(std::string_view key)
{
    scratch &sc = local;
    if (!reserve(sc.keys, sc.capkeys, sc.nkeys + 1)) return false;
    sc.keys[sc.nkeys++] = {0, key};
    return true;
}

bool same_key(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

// Whether the keys pushed from `base` on are all different (jansson
// refuses a key given twice in an object): a few compared pairwise, more
// hashed into a table.
bool distinct(size_t base)
{
    scratch &sc = local;
    scratch::key *k = sc.keys + base;
    size_t n = sc.nkeys - base;
    if (n <= FEW) {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (same_key(k[i].text, k[j].text)) return false;
        return true;
    }
    size_t size = 32;
    while (size < n * 2) size *= 2;
    if (sc.capseen < size) {
        std::free(sc.seen);
        std::free(sc.stamps);
        sc.seen = static_cast<uint32_t *>(std::malloc(size * sizeof *sc.seen));
        sc.stamps = static_cast<uint32_t *>(std::calloc(size, sizeof *sc.stamps));
        sc.capseen = sc.seen && sc.stamps ? size : 0;
        sc.stamp = 0;
        if (!sc.capseen) return false;
    }
    if (++sc.stamp == 0) { // wrapped: every stamp is stale again
        std::memset(sc.stamps, 0, sc.capseen * sizeof *sc.stamps);
        sc.stamp = 1;
    }
    size_t mask = size - 1;
    for (size_t i = 0; i < n; i++) {
        k[i].hash = key_hash(k[i].text.data(), k[i].text.size());
        size_t at = k[i].hash & mask;
        for (; sc.stamps[at] == sc.stamp; at = (at + 1) & mask)
            if (k[sc.seen[at]].hash == k[i].hash && k[sc.seen[at]].text == k[i].text) return false;
        sc.stamps[at] = sc.stamp;
        sc.seen[at] = static_cast<uint32_t>(i);
    }
    return true;
}

// Whether build() would take `e`, with nothing made.
bool valid(element e, bool allow_nul)
{
    switch (e.type()) {
    case element_type::OBJECT: {
        scratch &sc = local;
        size_t base = sc.nkeys;
        bool ok = true;
        for (simdjson::dom::key_value_pair kv : as_object(e))
            if (!(ok = push_key(kv.key) && plain(kv.key, false) && valid(kv.value, allow_nul))) break;
        ok = ok && distinct(base);
        sc.nkeys = base;
        return ok;
    }
    case element_type::ARRAY: {
        simdjson::dom::array items = as_array(e);
        for (element item : items)
            if (!valid(item, allow_nul)) return false;
        return true;
    }
    case element_type::STRING: {
        std::string_view text;
        return e.get_string().get(text) == simdjson::SUCCESS && plain(text, allow_nul);
    }
    case element_type::DOUBLE: {
        double d;
        return e.get_double().get(d) == simdjson::SUCCESS && plain_double(d);
    }
    case element_type::INT64: case element_type::BOOL: case element_type::NULL_VALUE: return true;
    default: return false; // UINT64
    }
}

struct walk {
    const json_paths *paths;
    json_t **values;
    json_t *stand_in;
    bool allow_nul;
    long long *ints; // or nullptr: every value made
};

bool walk_object(walk &w, int node, simdjson::dom::object o);

// The value `e` at path node `node`: walked on when only longer paths
// go through it, else made whole.
bool at_node(walk &w, int node, element e)
{
    const json_paths::node &n = w.paths->nodes[node];
    if (n.inner && !n.end && e.type() == element_type::OBJECT) {
        w.values[node] = w.stand_in;
        return walk_object(w, node, as_object(e));
    }
    int64_t k;
    if (w.ints && !n.inner && e.get_int64().get(k) == simdjson::SUCCESS) { // a count, nearly always
        w.ints[node] = k;
        w.values[node] = JSON_PATHS_INTEGER;
        return true;
    }
    return (w.values[node] = build(e, w.allow_nul)) != nullptr;
}

// The members of an object at path node `node`. A key on the paths is
// matched to its node: a value read for the node already means the object
// gave the key twice (a node is reached through one object only: a key
// given twice on the way there fails first). The other keys, which no key
// on the paths can equal, are pushed, to be compared with each other when
// the object is done.
bool walk_object(walk &w, int node, simdjson::dom::object o)
{
    const json_paths &p = *w.paths;
    scratch &sc = local;
    size_t base = sc.nkeys;
    bool ok = true;
    int next = p.nodes[node].first_kid;
    for (simdjson::dom::key_value_pair kv : o) {
        int k = p.match(node, kv.key, next);
        if (k >= 0) ok = !w.values[k] && at_node(w, k, kv.value);
        else ok = push_key(kv.key) && plain(kv.key, false) && valid(kv.value, w.allow_nul);
        if (!ok) break;
    }
    ok = ok && distinct(base);
    sc.nkeys = base;
    return ok;
}

// The submission's tree with the stand-in for its metrics object, which
// is walked along the paths.
json_t *root_tree(walk &w, element root)
{
    if (root.type() != element_type::OBJECT) return build(root, w.allow_nul);
    json_t *object = json_object();
    if (!object) return nullptr;
    simdjson::dom::object members = as_object(root);
    for (simdjson::dom::key_value_pair kv : members) {
        json_t *value = nullptr;
        if (!plain(kv.key, false)) {
        } else if (kv.key == "metrics" && kv.value.type() == element_type::OBJECT && !w.values[0]) {
            w.values[0] = w.stand_in;
            value = walk_object(w, 0, as_object(kv.value)) ? json_incref(w.stand_in) : nullptr;
        } else {
            value = build(kv.value, w.allow_nul);
        }
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

// The envelope (see json_paths.h): the keys of the top level it knows.
enum top_key { TOP_UNIT, TOP_PERIOD, TOP_METRICS, TOP_CLAIMS, TOP_OTHER };

top_key top_key_of(std::string_view key)
{
    if (key == "unit") return TOP_UNIT;
    if (key == "period") return TOP_PERIOD;
    if (key == "metrics") return TOP_METRICS;
    if (key == "self_assessment") return TOP_CLAIMS;
    return TOP_OTHER;
}

// A string of the envelope, taken as it stands: no NUL (nor a number
// kept as written, which starts with one), no lone surrogate, and not of
// a placeholder's shape (those the general path looks at).
bool plain_text(element e, std::string_view &s)
{
    return e.get_string().get(s) == simdjson::SUCCESS && plain(s, false) &&
           !(!s.empty() && s.front() == '<' && s.back() == '>');
}

// The unit object's members; false when it is not of the usual shape.
bool read_unit(simdjson::dom::object unit, json_envelope &env)
{
    static constexpr std::string_view names[4] = {"id", "name", "level", "ranked"};
    unsigned seen = 0;
    for (simdjson::dom::key_value_pair kv : unit) {
        unsigned m = 0;
        while (m < 4 && kv.key != names[m]) m++;
        if (m == 4 || (seen & (1u << m))) return false; // another member, or one given twice
        seen |= 1u << m;
        env.order[env.nmembers++] = static_cast<unsigned char>(m);
        if (m == 3) {
            bool b;
            if (kv.value.get_bool().get(b) != simdjson::SUCCESS) return false;
            env.ranked = b;
            continue;
        }
        std::string_view s;
        if (!plain_text(kv.value, s) || (m == 0 && s.empty())) return false;
        env.unit_text[m] = s.data();
        env.unit_len[m] = s.size();
    }
    return seen & 1u; // an id
}

bool read_period(element e, json_envelope &env)
{
    switch (e.type()) {
    case element_type::STRING: {
        std::string_view s;
        if (!plain_text(e, s)) return false;
        env.period = s.data();
        env.period_len = s.size();
        return true;
    }
    case element_type::INT64: {
        int64_t k;
        if (e.get_int64().get(k) != simdjson::SUCCESS) return false;
        env.period_is_integer = true;
        env.period_integer = k;
        return true;
    }
    case element_type::NULL_VALUE: return true;
    default: return false;
    }
}

// The first look at the top level: whether it is of the usual shape, its
// unit and period read into env. Nothing is made.
bool read_envelope(element root, json_envelope &env)
{
    if (root.type() != element_type::OBJECT) return false;
    unsigned seen = 0;
    for (simdjson::dom::key_value_pair kv : as_object(root)) {
        top_key k = top_key_of(kv.key);
        if (k == TOP_OTHER) continue; // checked by walk_envelope
        if (seen & (1u << k)) return false;
        seen |= 1u << k;
        bool ok = k == TOP_UNIT      ? kv.value.type() == element_type::OBJECT && read_unit(as_object(kv.value), env)
                : k == TOP_PERIOD  ? read_period(kv.value, env)
                : k == TOP_METRICS ? kv.value.type() == element_type::OBJECT
                                   : true;
        if (!ok) return false;
    }
    return (seen & (1u << TOP_UNIT)) && (seen & (1u << TOP_METRICS));
}

// The second: the metrics walked along the paths, self_assessment made
// whole, every other member checked as build() would take it (they are
// not read), and their keys compared with each other (none can be a key
// of the envelope).
bool walk_envelope(walk &w, element root, json_envelope &env)
{
    scratch &sc = local;
    size_t base = sc.nkeys;
    bool ok = true;
    for (simdjson::dom::key_value_pair kv : as_object(root)) {
        switch (top_key_of(kv.key)) {
        case TOP_METRICS:
            w.values[0] = w.stand_in;
            ok = walk_object(w, 0, as_object(kv.value));
            break;
        case TOP_CLAIMS: ok = (env.claims = build(kv.value, w.allow_nul)) != nullptr; break;
        case TOP_OTHER: ok = push_key(kv.key) && plain(kv.key, false) && valid(kv.value, w.allow_nul); break;
        default: break; // unit and period: read already
        }
        if (!ok) break;
    }
    ok = ok && distinct(base);
    sc.nkeys = base;
    return ok;
}

json_envelope no_envelope()
{
    json_envelope env{};
    env.ranked = -1;
    return env;
}

// json_paths_load, and json_paths_load_envelope when env is given.
json_t *load(const char *text, size_t len, const json_paths *p, json_t **values, long long *ints,
             bool allow_nul, json_envelope *env)
{
    size_t n = p->nnodes;
    std::memset(values, 0, n * sizeof *values);
    if (env) *env = no_envelope();
    element root;
    if (!parse(text, len, root)) return nullptr;
    walk w{p, values, json_object(), allow_nul, ints};
    if (!w.stand_in) return nullptr;
    json_t *tree = nullptr;
    if (env && read_envelope(root, *env)) {
        if (walk_envelope(w, root, *env)) {
            env->metrics = w.stand_in; // the caller's reference now
            return nullptr;
        }
        json_decref(env->claims);
        *env = no_envelope();
    } else {
        if (env) *env = no_envelope(); // partly read
        tree = root_tree(w, root);
    }
    if (!tree) {
        for (size_t k = 1; k < n; k++)
            if (values[k] != w.stand_in) json_decref(values[k]);
        std::memset(values, 0, n * sizeof *values);
    }
    json_decref(w.stand_in); // the tree holds it, if it has a metrics object
    return tree;
}

} // namespace

extern "C" json_t *json_paths_load(const char *text, size_t len, const json_paths *p, json_t **values,
                                   bool allow_nul)
{
    return load(text, len, p, values, nullptr, allow_nul, nullptr);
}

extern "C" json_t *json_paths_load_envelope(const char *text, size_t len, const json_paths *p, json_t **values,
                                            long long *ints, bool allow_nul, json_envelope *env)
{
    return load(text, len, p, values, ints, allow_nul, env);
}
