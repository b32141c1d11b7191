/* inputs.c — reading submission files and finding them in directories
 * (every *.json below, in sorted path order, so a batch is scored in the
 * same order every time); the expansion of arguments is input_iter.c.
 *
 * An upload folder is not trusted: only regular files are read (a FIFO
 * would block the batch, a device would be read forever), each real file
 * and directory is visited once however many links lead to it (a link to
 * "." would otherwise repeat the tree, two would never end), and what
 * cannot be read is reported for its path instead of skipped. */
#include "input_iter.h"

#include "engine/support/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *input_file_kind(unsigned mode)
{
    return S_ISFIFO(mode) ? "a FIFO" : S_ISSOCK(mode) ? "a socket" : S_ISCHR(mode) ? "a character device"
         : S_ISBLK(mode) ? "a block device" : S_ISDIR(mode) ? "a directory" : "not a regular file";
}

void input_read_file(const char *path, chiso_input *out)
{
    memset(out, 0, sizeof *out);
    out->origin = xstrdup(path);
    /* O_NONBLOCK: opening a FIFO with no writer must not wait; the file is
     * then checked to be regular before a byte is read. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        out->error = xasprintf("cannot read: %s", strerror(errno));
        return;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        out->error = xasprintf("cannot read: %s, not a regular file", input_file_kind(st.st_mode));
        close(fd);
        return;
    }
    if (st.st_size > (off_t)CHISO_MAX_SUBMISSION_BYTES) {
        out->error = xasprintf("larger than %u MiB", CHISO_MAX_SUBMISSION_BYTES >> 20);
        close(fd);
        return;
    }
    strbuf_t sb;
    sb_init(&sb);
    char buf[65536];
    bool too_big = false;
    int err = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            err = errno;
            break;
        }
        if (n == 0) break;
        if (sb.len + (size_t)n > CHISO_MAX_SUBMISSION_BYTES) { /* it grew while being read */
            too_big = true;
            break;
        }
        sb_add(&sb, buf, (size_t)n);
    }
    close(fd);
    if (err || too_big) {
        sb_free(&sb);
        out->error = too_big ? xasprintf("larger than %u MiB", CHISO_MAX_SUBMISSION_BYTES >> 20)
                             : xasprintf("read error: %s", strerror(err));
        return;
    }
    out->len = sb.len;
    out->text = sb_take(&sb);
}

int input_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with_json(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* The real files and directories seen: (device, inode) in an open
 * addressing table. */
struct input_seen {
    struct { dev_t dev; ino_t ino; bool used; } *slots;
    size_t count, cap;
};

static size_t seen_hash(dev_t dev, ino_t ino, size_t cap)
{
    uint64_t h = ((uint64_t)ino * 0x9E3779B97F4A7C15u) ^ ((uint64_t)dev * 0xC2B2AE3D27D4EB4Fu);
    return (size_t)(h >> 17) & (cap - 1);
}

/* Adds (dev, ino); false when it was there already. */
static bool seen_add(input_seen_t *s, dev_t dev, ino_t ino)
{
    if (2 * (s->count + 1) > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        __typeof__(s->slots) slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->slots[i].used) continue;
            size_t k = seen_hash(s->slots[i].dev, s->slots[i].ino, cap);
            while (slots[k].used) k = (k + 1) & (cap - 1);
            slots[k] = s->slots[i];
        }
        free(s->slots);
        s->slots = slots;
        s->cap = cap;
    }
    size_t k = seen_hash(dev, ino, s->cap);
    while (s->slots[k].used) {
        if (s->slots[k].dev == dev && s->slots[k].ino == ino) return false;
        k = (k + 1) & (s->cap - 1);
    }
    s->slots[k].dev = dev;
    s->slots[k].ino = ino;
    s->slots[k].used = true;
    s->count++;
    return true;
}

input_seen_t *input_seen_new(void) { return xcalloc(1, sizeof(input_seen_t)); }

void input_seen_free(input_seen_t *s)
{
    if (!s) return;
    free(s->slots);
    free(s);
}

static void add_found(input_found_t *f, char *path, char *error)
{
    VEC_PUSH(f->items, f->count, f->cap);
    f->items[f->count].path = path;
    f->items[f->count].error = error;
    f->count++;
}

/* Collects the *.json files under `dir` (recursively), entries of each
 * directory in sorted order so that which of two links to one file is
 * kept does not depend on the order the disk lists them in. */
static void walk(const char *dir, input_found_t *found, input_seen_t *seen, int depth)
{
    if (depth > 32) {
        add_found(found, xstrdup(dir), xstrdup("directories nested more than 32 deep"));
        return;
    }
    DIR *d = opendir(dir);
    if (!d) {
        add_found(found, xstrdup(dir), xasprintf("cannot read the directory: %s", strerror(errno)));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    for (;;) {
        errno = 0;
        if (!(e = readdir(d))) break;
        if (e->d_name[0] == '.') continue;
        VEC_PUSH(names, n, cap);
        names[n++] = xstrdup(e->d_name);
    }
    if (errno) add_found(found, xstrdup(dir), xasprintf("cannot read the directory: %s", strerror(errno)));
    closedir(d);
    qsort(names, n, sizeof *names, input_cmp_str);
    for (size_t i = 0; i < n; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        bool json = ends_with_json(names[i]);
        free(names[i]);
        struct stat st;
        if (stat(p, &st) != 0) { /* a dangling link, or gone since listed */
            if (json) add_found(found, p, xasprintf("cannot read: %s", strerror(errno)));
            else free(p);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (seen_add(seen, st.st_dev, st.st_ino)) walk(p, found, seen, depth + 1);
            free(p);
        } else if (!json || !seen_add(seen, st.st_dev, st.st_ino)) {
            free(p); /* not a submission, or a file already found through another link */
        } else if (!S_ISREG(st.st_mode)) {
            add_found(found, p, xasprintf("cannot read: %s, not a regular file", input_file_kind(st.st_mode)));
        } else {
            add_found(found, p, NULL);
        }
    }
    free(names);
}

void input_walk_json(const char *dir, input_found_t *found, input_seen_t *seen)
{
    struct stat st;
    if (stat(dir, &st) == 0 && !seen_add(seen, st.st_dev, st.st_ino)) return; /* given twice */
    walk(dir, found, seen, 0);
}

bool chiso_inputs_collect(char **args, int nargs, chiso_input_list *out)
{
    /* The same expansion as a batch, collected: for commands that take a
     * handful of submissions (explain, verify). */
    input_iter_t *it = input_iter_open(args, nargs);
    if (!it) return false;
    chiso_input in = {0};
    while (input_iter_next(it, &in)) {
        VEC_PUSH(out->items, out->count, out->cap);
        out->items[out->count++] = in;
        memset(&in, 0, sizeof in); /* the list owns it now */
    }
    const char *err = input_iter_error(it);
    if (err) fprintf(stderr, "chiso: %s\n", err);
    input_iter_close(it);
    return err == NULL;
}

void chiso_input_list_free(chiso_input_list *in)
{
    for (size_t i = 0; i < in->count; i++) {
        free(in->items[i].origin);
        free(in->items[i].text);
        free(in->items[i].error);
    }
    free(in->items);
    memset(in, 0, sizeof *in);
}
