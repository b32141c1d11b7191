/* fake_library.c — a shared library that has the SONAME of libxlsxwriter or
 * libmicrohttpd but none of their functions: put first on LD_LIBRARY_PATH,
 * it shows what `-f xlsx` and `chiso serve` say when the library they load
 * on demand is the wrong one (lazy_libraries_test.sh). */
int chiso_fake_library_marker(void);
int chiso_fake_library_marker(void) { return 1; }
