/*
 * data.c — IDX loaders (MNIST / Fashion-MNIST) and the search for Fashion-MNIST on disk.
 *
 * Theory of operation. Every file goes through zlib's gzopen/gzread, which inflate a gzip
 * stream and pass any other file through unchanged, so one code path reads both. A load is
 * three steps — read and check the header (magic, then the sizes), refuse sizes that cannot
 * be real, read the elements — and each step that can fail says which one did, with the
 * numbers that show why. zlib only reports a damaged stream after a short read (or, for a
 * bad checksum, after the stream's end), so both are looked at explicitly.
 * No curses here.
 */
#define _POSIX_C_SOURCE 200809L
#include "data.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#ifndef FMNIST_SYSTEM_DIR /* where Debian's dataset-fashion-mnist puts it; -D to move it */
#define FMNIST_SYSTEM_DIR "/usr/share/datasets/fashion-mnist"
#endif

/* ---- what the files look like ------------------------------------------------------------ */

/* One kind of IDX file the loaders accept. */
typedef struct {
    const char *what;      /* "images": for messages */
    uint32_t magic;
    int ndims;             /* count plus the dimensions of one item */
    const char *element;   /* "pixels" */
} IdxKind;

static const IdxKind IDX_IMAGES = { "images", 0x00000803u, 3, "pixels" };
static const IdxKind IDX_LABELS = { "labels", 0x00000801u, 1, "labels" };

/* The element types of the IDX format: the third byte of the magic number. */
static const struct { unsigned code; const char *name; } idx_types[] = {
    { 0x08, "unsigned bytes" }, { 0x09, "signed bytes" },    { 0x0B, "16-bit integers" },
    { 0x0C, "32-bit integers" }, { 0x0D, "32-bit floats" }, { 0x0E, "64-bit floats" },
};

static const char *idx_names[DATA_IDX_FILES] = {
    [DATA_TRAIN_IMAGES] = "train-images-idx3-ubyte",
    [DATA_TRAIN_LABELS] = "train-labels-idx1-ubyte",
    [DATA_TEST_IMAGES] = "t10k-images-idx3-ubyte",
    [DATA_TEST_LABELS] = "t10k-labels-idx1-ubyte",
};

/* ---- small helpers ----------------------------------------------------------------------- */

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* "an IDX file of unsigned bytes in 1 dimension — a labels file?" or "not an IDX file". */
static void describe_magic(uint32_t magic, char *buf, size_t size)
{
    unsigned type = magic >> 8 & 0xFF, dims = magic & 0xFF;
    const char *name = NULL;
    for (size_t i = 0; i < sizeof idx_types / sizeof idx_types[0]; i++)
        if (idx_types[i].code == type)
            name = idx_types[i].name;
    if (magic >> 16 != 0 || !name) {
        snprintf(buf, size, "not an IDX file at all");
        return;
    }
    const char *guess = type != 0x08 ? ""
                        : dims == 1  ? " — a labels file?"
                        : dims == 3  ? " — an images file?"
                                     : "";
    snprintf(buf, size, "an IDX file of %s in %u dimension%s%s", name, dims,
             dims == 1 ? "" : "s", guess);
}

/* Reads up to len bytes; returns how many arrived. *zerr ← Z_OK, or the zlib error that
   stopped the read early (Z_BUF_ERROR: the gzip stream is cut short; Z_DATA_ERROR: it is
   corrupt; Z_ERRNO: the system could not read the file). */
static size_t read_up_to(gzFile gz, unsigned char *buf, size_t len, int *zerr)
{
    size_t got = 0;
    *zerr = Z_OK;
    while (got < len) {
        size_t want = len - got < (1u << 30) ? len - got : (1u << 30);
        int n = gzread(gz, buf + got, (unsigned)want);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    if (got < len)
        gzerror(gz, zerr);
    return got;
}

/* err ← "PATH: <what zlib or the system says>", after `context`. */
static void stream_error(gzFile gz, int zerr, const char *path, const char *context,
                         char *err, size_t errlen)
{
    int dummy;
    const char *msg = gzerror(gz, &dummy);
    size_t plen = strlen(path);
    if (strncmp(msg, path, plen) == 0 && msg[plen] == ':') /* zlib prefixes the path */
        msg += plen + 1 + (msg[plen + 1] == ' ');
    if (zerr == Z_ERRNO)
        set_err(err, errlen, "%s: read error %s: %s", path, context, msg);
    else if (zerr == Z_BUF_ERROR)
        set_err(err, errlen, "%s: corrupt gzip stream: it is cut short (%s) %s — the file is "
                "incomplete or damaged", path, msg, context);
    else if (zerr == Z_MEM_ERROR)
        set_err(err, errlen, "%s: out of memory while inflating the gzip stream", path);
    else
        set_err(err, errlen, "%s: corrupt gzip stream %s: %s", path, context, msg);
}

/* ---- the loader both public functions share ---------------------------------------------- */

/* Loads an IDX file of kind k. dims[0] ← the number of items loaded, dims[1..ndims-1] ← the
   item's shape; *data ← a malloc'd block of dims[0]·(item size) bytes (NULL if empty). */
static int idx_load(const char *path, const IdxKind *k, int max_count, int dims[3],
                    unsigned char **data, char *err, size_t errlen)
{
    *data = NULL;
    errno = 0;
    gzFile gz = gzopen(path, "rb");
    if (!gz) {
        set_err(err, errlen, "%s: cannot open: %s", path,
                errno ? strerror(errno) : "out of memory");
        return -1;
    }
    gzbuffer(gz, 1u << 17);
    int rc = -1, zerr;

    /* header: magic, then ndims big-endian sizes */
    unsigned char h[4 + 4 * 3];
    size_t hlen = 4 + 4 * (size_t)k->ndims;
    size_t got = read_up_to(gz, h, hlen, &zerr);
    if (zerr != Z_OK) {
        stream_error(gz, zerr, path, "in the header", err, errlen);
        goto done;
    }
    if (got >= 4 && be32(h) != k->magic) {
        char found[96];
        describe_magic(be32(h), found, sizeof found);
        set_err(err, errlen, "%s: wrong magic number 0x%08x (%s); an IDX %s file starts with "
                "0x%08x", path, (unsigned)be32(h), found, k->what, (unsigned)k->magic);
        goto done;
    }
    if (got < hlen) {
        set_err(err, errlen, "%s: truncated header: an IDX %s file starts with a %zu-byte "
                "header, but the file ends after %zu byte%s", path, k->what, hlen, got,
                got == 1 ? "" : "s");
        goto done;
    }

    /* sizes: refuse what cannot be real before allocating anything */
    uint32_t count = be32(h + 4);
    double item = 1.0; /* bytes in one image or label */
    for (int i = 1; i < k->ndims; i++)
        item *= be32(h + 4 + 4 * i);
    double total = count * item; /* both under the limit also keeps every size ≤ INT_MAX */
    if (item == 0 || item > DATA_MAX_BYTES || total > DATA_MAX_BYTES) {
        char shape[96];
        if (k->ndims == 3)
            snprintf(shape, sizeof shape, "%u images of %u×%u pixels", (unsigned)count,
                     (unsigned)be32(h + 8), (unsigned)be32(h + 12));
        else
            snprintf(shape, sizeof shape, "%u %s", (unsigned)count, k->what);
        if (item == 0)
            set_err(err, errlen, "%s: absurd dimensions in the header: %s — an image with no "
                    "pixels; the header is corrupt", path, shape);
        else
            set_err(err, errlen, "%s: absurd dimensions in the header: %s would be %.3g "
                    "bytes; refusing anything over %.0e bytes — the header is corrupt or "
                    "this is not the file you meant",
                    path, shape, total, (double)DATA_MAX_BYTES);
        goto done;
    }
    int n = max_count > 0 && (uint32_t)max_count < count ? max_count : (int)count;
    dims[0] = n;
    for (int i = 1; i < k->ndims; i++)
        dims[i] = (int)be32(h + 4 + 4 * i);

    /* elements */
    size_t want = (size_t)n * (size_t)item;
    if (want > 0) {
        *data = malloc(want);
        if (!*data) {
            set_err(err, errlen, "%s: out of memory for %zu bytes of %s", path, want,
                    k->element);
            goto done;
        }
    }
    got = read_up_to(gz, *data, want, &zerr);
    if (zerr != Z_OK) {
        char context[96];
        snprintf(context, sizeof context, "after %zu of %zu bytes of %s", got, want,
                 k->element);
        stream_error(gz, zerr, path, context, err, errlen);
        goto done;
    }
    if (got < want) {
        char shape[64] = "";
        if (k->ndims == 3)
            snprintf(shape, sizeof shape, " (%d images of %d×%d)", n, dims[1], dims[2]);
        set_err(err, errlen, "%s: truncated: expected %zu bytes of %s%s after the %zu-byte "
                "header, but the file ends after %zu", path, want, k->element, shape, hlen,
                got);
        goto done;
    }
    if ((uint32_t)n == count) {
        /* all of it was wanted: read on to the end of the gzip stream, where zlib checks
           the stream's CRC and length (a plain file just reports its end) */
        unsigned char extra[64];
        int more = gzread(gz, extra, sizeof extra);
        gzerror(gz, &zerr);
        if (more < 0 || zerr != Z_OK) {
            stream_error(gz, zerr == Z_OK ? Z_DATA_ERROR : zerr, path,
                         "at its end, where zlib checks the CRC and length", err, errlen);
            goto done;
        }
    }
    rc = 0;

done:
    gzclose(gz);
    if (rc != 0) {
        free(*data);
        *data = NULL;
    }
    return rc;
}

/* ---- public ------------------------------------------------------------------------------ */

int data_load_idx_images(const char *path, int max_count, DataImages *out, char *err,
                         size_t errlen)
{
    int dims[3];
    *out = (DataImages){ 0 };
    if (idx_load(path, &IDX_IMAGES, max_count, dims, &out->pixels, err, errlen) != 0)
        return -1;
    out->count = dims[0];
    out->rows = dims[1];
    out->cols = dims[2];
    return 0;
}

int data_load_idx_labels(const char *path, int max_count, DataLabels *out, char *err,
                         size_t errlen)
{
    int dims[3];
    *out = (DataLabels){ 0 };
    if (idx_load(path, &IDX_LABELS, max_count, dims, &out->labels, err, errlen) != 0)
        return -1;
    out->count = dims[0];
    return 0;
}

void data_images_free(DataImages *d)
{
    if (!d)
        return;
    free(d->pixels);
    *d = (DataImages){ 0 };
}

void data_labels_free(DataLabels *d)
{
    if (!d)
        return;
    free(d->labels);
    *d = (DataLabels){ 0 };
}

const char *data_idx_name(DataIdxFile f)
{
    return f >= 0 && f < DATA_IDX_FILES ? idx_names[f] : NULL;
}

int data_idx_path(const char *dir, DataIdxFile f, char *buf, size_t size)
{
    const char *name = data_idx_name(f);
    if (!name || !buf || size == 0)
        return -1;
    int len = snprintf(buf, size, "%s/%s", dir, name);
    if (len < 0 || (size_t)len + 3 >= size) /* room for ".gz" */
        return -1;
    strcat(buf, ".gz");
    if (access(buf, R_OK) == 0)
        return 0;
    buf[len] = '\0';
    if (access(buf, R_OK) == 0)
        return 0;
    strcat(buf, ".gz");
    return -1;
}

static int has_all_files(const char *dir)
{
    char path[4096];
    for (int f = 0; f < DATA_IDX_FILES; f++)
        if (data_idx_path(dir, (DataIdxFile)f, path, sizeof path) != 0)
            return 0;
    return 1;
}

const char *data_fashion_mnist_dir(void)
{
    static char dir[4096];
    const char *env = getenv("LA4AI_DATA_DIR");
    if (env && *env) {
        int len = snprintf(dir, sizeof dir, "%s/fashion-mnist", env);
        if (len > 0 && (size_t)len < sizeof dir && has_all_files(dir))
            return dir;
    }
    snprintf(dir, sizeof dir, "%s", FMNIST_SYSTEM_DIR);
    return has_all_files(dir) ? dir : NULL;
}
