/* cppcheck-macros.h — for cppcheck only (scripts/static-check.sh):
 * jansson's iteration macros (without them it stops at the first use and
 * skips the rest of the file), and the libraries loaded on demand called by
 * their own names, not through their tables of pointers (xlsx_lib.h,
 * serve_mhd.h): a file with hundreds of calls through the table took
 * cppcheck minutes instead of seconds. */
#define CHISO_XLSX_LIB_IMPL
#define CHISO_SERVE_MHD_IMPL
#define json_array_foreach(array, index, value) \
    for (index = 0; index < json_array_size(array) && (value = json_array_get(array, index)); index++)
#define json_object_foreach(object, key, value)                                               \
    for (key = json_object_iter_key(json_object_iter(object));                                \
         key && (value = json_object_iter_value(json_object_key_to_iter(key)));               \
         key = json_object_iter_key(json_object_iter_next(object, json_object_key_to_iter(key))))
