/* serve_mhd.h — libmicrohttpd, loaded when `chiso serve` starts.
 *
 * Include this instead of <microhttpd.h>. libmicrohttpd brings GnuTLS and
 * its dependencies, which every other command would otherwise load at
 * start-up (engine/support/dynlib.h). The functions keep their names in
 * the code; each is redirected to a table of pointers filled by
 * serve_mhd_load(). A function not listed here is not linked at all: add
 * it to CHISO_MHD_CALLS. */
#ifndef CHISO_SERVE_MHD_H
#define CHISO_SERVE_MHD_H

#include <stdarg.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>

#define CHISO_MHD_CALLS(X)                                                                                      \
    X(MHD_start_daemon) X(MHD_stop_daemon) X(MHD_get_daemon_info) X(MHD_lookup_connection_value)                \
    X(MHD_create_response_from_buffer) X(MHD_add_response_header) X(MHD_queue_response) X(MHD_destroy_response)

typedef struct {
#define CHISO_MHD_SLOT(f) __typeof__(f) *f;
    CHISO_MHD_CALLS(CHISO_MHD_SLOT)
#undef CHISO_MHD_SLOT
} serve_mhd_t;

extern serve_mhd_t serve_mhd;

/* Loads libmicrohttpd once. NULL when it is ready; otherwise why it is
 * not (static storage). */
const char *serve_mhd_load(void);

#ifndef CHISO_SERVE_MHD_IMPL
#define MHD_start_daemon (*serve_mhd.MHD_start_daemon)
#define MHD_stop_daemon (*serve_mhd.MHD_stop_daemon)
#define MHD_get_daemon_info (*serve_mhd.MHD_get_daemon_info)
#define MHD_lookup_connection_value (*serve_mhd.MHD_lookup_connection_value)
#define MHD_create_response_from_buffer (*serve_mhd.MHD_create_response_from_buffer)
#define MHD_add_response_header (*serve_mhd.MHD_add_response_header)
#define MHD_queue_response (*serve_mhd.MHD_queue_response)
#define MHD_destroy_response (*serve_mhd.MHD_destroy_response)
#endif

#endif
