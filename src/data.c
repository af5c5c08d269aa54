/*
 * data.c — IDX loaders (MNIST / Fashion-MNIST), the Mall Customers and MovieLens u.data
 * readers, the generators that stand in for those two, a train/test split, and the search
 * for every data set on disk.
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
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* ==== text data sets ==========================================================================
 *
 * Theory of operation. A text file is read whole (through zlib, so .gz works too) into one
 * NUL-terminated buffer; a cursor then hands out lines, with their numbers, without the
 * line end (LF or CRLF) and, on line 1, without a UTF-8 byte-order mark. A line is split into
 * fields that remember the byte column where they start, so that every complaint can say
 * PATH:LINE:COLUMN. Each file's columns are a table — name, kind, allowed range — and one
 * checker turns a field into a number or says what is wrong with it.
 */

#define TEXT_MAX_FIELDS 8 /* more than any format here has; extra fields are only counted */

/* err ← "PATH:LINE:COL: …" (line > 0) or "PATH: …". */
static void text_err(char *err, size_t errlen, const char *path, int line, int col,
                     const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void text_err(char *err, size_t errlen, const char *path, int line, int col,
                     const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    int len = line > 0 ? snprintf(err, errlen, "%s:%d:%d: ", path, line, col)
                       : snprintf(err, errlen, "%s: ", path);
    if (len < 0 || (size_t)len >= errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + len, errlen - (size_t)len, fmt, ap);
    va_end(ap);
}

/* The whole file in a malloc'd NUL-terminated buffer (*len bytes before the NUL).
   Returns NULL with err filled. */
static char *slurp(const char *path, size_t *len, char *err, size_t errlen)
{
    errno = 0;
    gzFile gz = gzopen(path, "rb");
    if (!gz) {
        set_err(err, errlen, "%s: cannot open: %s", path,
                errno ? strerror(errno) : "out of memory");
        return NULL;
    }
    size_t cap = 1 << 16, got = 0;
    char *buf = malloc(cap + 1);
    int zerr = Z_OK;
    while (buf) {
        size_t n = read_up_to(gz, (unsigned char *)buf + got, cap - got, &zerr);
        got += n;
        if (zerr != Z_OK || got < cap)
            break;
        if (cap >= (size_t)DATA_MAX_BYTES) {
            set_err(err, errlen, "%s: more than %.0e bytes: not a data file this course reads",
                    path, (double)DATA_MAX_BYTES);
            free(buf);
            gzclose(gz);
            return NULL;
        }
        cap *= 2;
        char *more = realloc(buf, cap + 1);
        if (!more)
            free(buf);
        buf = more;
    }
    if (!buf) {
        set_err(err, errlen, "%s: out of memory reading the file", path);
        gzclose(gz);
        return NULL;
    }
    if (zerr != Z_OK) {
        char context[64];
        snprintf(context, sizeof context, "after %zu bytes", got);
        stream_error(gz, zerr, path, context, err, errlen);
        free(buf);
        gzclose(gz);
        return NULL;
    }
    gzclose(gz);
    buf[got] = '\0';
    *len = got;
    return buf;
}

/* A cursor over the lines of a buffer. */
typedef struct {
    const char *p, *end;  /* what is left to read */
    int number;           /* the current line's number, from 1 */
    const char *text;     /* the current line, without its line end */
    size_t len;
    int ended;            /* 1 if a newline ended it (0: the file's last bytes) */
} Lines;

static Lines lines_open(const char *buf, size_t len)
{
    Lines L = { buf, buf + len, 0, NULL, 0, 0 };
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) /* UTF-8 byte-order mark */
        L.p += 3;
    return L;
}

/* Moves to the next line; returns 0 at the end of the buffer. */
static int lines_next(Lines *L)
{
    if (L->p >= L->end)
        return 0;
    const char *nl = memchr(L->p, '\n', (size_t)(L->end - L->p));
    const char *stop = nl ? nl : L->end;
    L->number++;
    L->text = L->p;
    L->len = (size_t)(stop - L->p);
    if (L->len > 0 && L->text[L->len - 1] == '\r')
        L->len--;
    L->ended = nl != NULL;
    L->p = nl ? nl + 1 : L->end;
    return 1;
}

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* One field of a line: where it starts (a column from 1) and its text. */
typedef struct {
    const char *s;
    size_t len;
    int col;
} Field;

/* Is field f the word `name`, ignoring case? */
static int same_name(const Field *f, const char *name)
{
    return name && strlen(name) == f->len && strncasecmp(f->s, name, f->len) == 0;
}

/* Splits a CSV line at commas; a field may be double-quoted ("" inside stands for "), and
   spaces around a field are dropped. Fills up to TEXT_MAX_FIELDS and returns how many fields
   the line has, or -1 with *bad_col set when a quote is not closed. */
static int split_csv(const char *line, size_t len, Field *f, int *bad_col)
{
    size_t i = 0;
    int n = 0;
    for (;;) {
        while (i < len && (line[i] == ' ' || line[i] == '\t'))
            i++;
        Field x = { line + i, 0, (int)i + 1 };
        if (i < len && line[i] == '"') {
            size_t j = i + 1;
            while (j < len && !(line[j] == '"' && (j + 1 >= len || line[j + 1] != '"')))
                j += line[j] == '"' ? 2 : 1;
            if (j >= len) {
                *bad_col = (int)i + 1;
                return -1;
            }
            x.s = line + i + 1;
            x.len = j - i - 1;
            i = j + 1;
            while (i < len && line[i] != ',')
                i++;
        } else {
            size_t j = i;
            while (j < len && line[j] != ',')
                j++;
            x.len = j - i;
            while (x.len > 0 && (x.s[x.len - 1] == ' ' || x.s[x.len - 1] == '\t'))
                x.len--;
            i = j;
        }
        if (n < TEXT_MAX_FIELDS)
            f[n] = x;
        n++;
        if (i >= len)
            return n;
        i++; /* past the comma */
    }
}

/* Splits a line at runs of tabs and spaces. Returns the number of fields. */
static int split_ws(const char *line, size_t len, Field *f)
{
    size_t i = 0;
    int n = 0;
    for (;;) {
        while (i < len && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i >= len)
            return n;
        size_t j = i;
        while (j < len && line[j] != ' ' && line[j] != '\t')
            j++;
        if (n < TEXT_MAX_FIELDS)
            f[n] = (Field){ line + i, j - i, (int)i + 1 };
        n++;
        i = j;
    }
}

/* What a column holds. */
typedef enum { COL_WHOLE, COL_NUMBER, COL_GENDER } ColKind;

typedef struct {
    const char *name;     /* for the header and for messages */
    const char *alias;    /* another accepted header name, or NULL */
    ColKind kind;
    double lo, hi;        /* the allowed range */
} Column;

/* A field's text for a message: quoted, and cut short if long. */
static const char *shown(const Field *f, char *buf, size_t size)
{
    int len = f->len > 40 ? 40 : (int)f->len;
    snprintf(buf, size, "\"%.*s%s\"", len, f->s, f->len > 40 ? "…" : "");
    return buf;
}

/* *x ← the value of field f of column c. Returns 0, or -1 with err naming the problem. */
static int parse_field(const Field *f, const Column *c, double *x, const char *path, int line,
                       char *err, size_t errlen)
{
    char text[64], show[64];
    if (f->len == 0) {
        text_err(err, errlen, path, line, f->col, "%s is empty", c->name);
        return -1;
    }
    if (c->kind == COL_GENDER) {
        static const struct { const char *word; int value; } genders[] = {
            { "male", 0 }, { "m", 0 }, { "female", 1 }, { "f", 1 },
        };
        for (size_t g = 0; g < sizeof genders / sizeof genders[0]; g++)
            if (same_name(f, genders[g].word)) {
                *x = genders[g].value;
                return 0;
            }
        text_err(err, errlen, path, line, f->col, "%s: %s is neither Male nor Female", c->name,
                 shown(f, show, sizeof show));
        return -1;
    }
    /* a decimal number: digits, sign, point and exponent only (no hex, inf or nan) */
    int ok = f->len < sizeof text;
    for (size_t i = 0; ok && i < f->len; i++)
        ok = strchr("0123456789+-.eE", f->s[i]) != NULL && f->s[i] != '\0';
    char *end = text;
    if (ok) {
        memcpy(text, f->s, f->len);
        text[f->len] = '\0';
        errno = 0;
        *x = strtod(text, &end);
        ok = end == text + f->len && end != text && isfinite(*x);
    }
    if (!ok) {
        text_err(err, errlen, path, line, f->col, "%s: %s is not a number", c->name,
                 shown(f, show, sizeof show));
        return -1;
    }
    if (c->kind == COL_WHOLE && *x != floor(*x)) {
        text_err(err, errlen, path, line, f->col, "%s: %s is not a whole number", c->name,
                 shown(f, show, sizeof show));
        return -1;
    }
    if (*x < c->lo || *x > c->hi) {
        char range[64];
        if (c->hi >= 1e9)
            snprintf(range, sizeof range, "%s %g", c->lo > 0 ? "at least" : "≥", c->lo);
        else
            snprintf(range, sizeof range, "%g–%g", c->lo, c->hi);
        text_err(err, errlen, path, line, f->col, "%s: %s is out of range (allowed: %s)",
                 c->name, shown(f, show, sizeof show), range);
        return -1;
    }
    return 0;
}

/* Checks a data line has exactly ncols fields; says what is wrong (truncated, missing, extra)
   otherwise. got is the count the splitter returned. */
static int check_count(const Lines *L, const Field *f, int got, const Column *cols, int ncols,
                       const char *path, char *err, size_t errlen)
{
    if (got == ncols)
        return 0;
    if (got < ncols && !L->ended)
        text_err(err, errlen, path, L->number, (int)L->len + 1,
                 "the file ends in the middle of line %d, after %d of %d fields (%s is "
                 "missing): truncated?",
                 L->number, got, ncols, cols[got].name);
    else if (got < ncols)
        text_err(err, errlen, path, L->number, (int)L->len + 1,
                 "%d field%s, expected %d: %s is missing", got, got == 1 ? "" : "s", ncols,
                 cols[got].name);
    else
        text_err(err, errlen, path, L->number, got <= TEXT_MAX_FIELDS ? f[ncols].col : 1,
                 "%d fields, expected %d: field %d is one too many", got, ncols, ncols + 1);
    return -1;
}

/* ---- Mall Customers ---------------------------------------------------------------------- */

enum { MALL_ID, MALL_GENDER, MALL_AGE, MALL_INCOME, MALL_SCORE, MALL_COLS };

static const Column mall_cols[MALL_COLS] = {
    [MALL_ID] = { "CustomerID", NULL, COL_WHOLE, 1, 2147483647.0 },
    [MALL_GENDER] = { "Gender", "Genre", COL_GENDER, 0, 1 },
    [MALL_AGE] = { "Age", NULL, COL_NUMBER, 0, 150 },
    [MALL_INCOME] = { "Annual Income (k$)", NULL, COL_NUMBER, 0, 1e9 },
    [MALL_SCORE] = { "Spending Score (1-100)", NULL, COL_NUMBER, 1, 100 },
};

static const char MALL_HEADER[] =
    "CustomerID,Gender,Age,Annual Income (k$),Spending Score (1-100)";

/* Checks line L is the Mall header. */
static int mall_header(const Lines *L, const char *path, char *err, size_t errlen)
{
    Field f[TEXT_MAX_FIELDS];
    int bad, n = split_csv(L->text, L->len, f, &bad);
    char show[64];
    if (n > 0 && f[0].len > 0 && strchr("0123456789", f[0].s[0])) {
        text_err(err, errlen, path, L->number, 1, "the header row is missing: the first line "
                 "must name the columns, %s", MALL_HEADER);
        return -1;
    }
    if (n != MALL_COLS) {
        text_err(err, errlen, path, L->number, 1, "the header has %d column%s, expected %d: "
                 "%s", n < 0 ? 0 : n, n == 1 ? "" : "s", MALL_COLS, MALL_HEADER);
        return -1;
    }
    for (int c = 0; c < MALL_COLS; c++)
        if (!same_name(&f[c], mall_cols[c].name) && !same_name(&f[c], mall_cols[c].alias)) {
            text_err(err, errlen, path, L->number, f[c].col, "header column %d is %s, expected "
                     "\"%s\" (the header must be %s)", c + 1, shown(&f[c], show, sizeof show),
                     mall_cols[c].name, MALL_HEADER);
            return -1;
        }
    return 0;
}

static int mall_alloc(DataMall *d, int n)
{
    size_t m = (size_t)(n > 0 ? n : 1);
    d->id = malloc(m * sizeof *d->id);
    d->gender = malloc(m * sizeof *d->gender);
    d->age = malloc(m * sizeof *d->age);
    d->income = malloc(m * sizeof *d->income);
    d->score = malloc(m * sizeof *d->score);
    if (d->id && d->gender && d->age && d->income && d->score)
        return 0;
    data_mall_free(d);
    return -1;
}

void data_mall_free(DataMall *d)
{
    if (!d)
        return;
    free(d->id);
    free(d->gender);
    free(d->age);
    free(d->income);
    free(d->score);
    *d = (DataMall){ 0 };
}

int data_load_mall(const char *path, DataMall *out, char *err, size_t errlen)
{
    *out = (DataMall){ 0 };
    size_t len;
    char *buf = slurp(path, &len, err, errlen);
    if (!buf)
        return -1;
    Lines L = lines_open(buf, len);
    int rc = -1, header = 0;

    /* rows ≤ lines: one allocation big enough */
    int cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += buf[i] == '\n';
    if (mall_alloc(out, cap) != 0) {
        set_err(err, errlen, "%s: out of memory for %d customers", path, cap);
        goto done;
    }

    while (lines_next(&L)) {
        if (is_blank(L.text, L.len))
            continue;
        if (!header) {
            if (mall_header(&L, path, err, errlen) != 0)
                goto done;
            header = L.number;
            continue;
        }
        Field f[TEXT_MAX_FIELDS];
        int bad, n = split_csv(L.text, L.len, f, &bad);
        if (n < 0) {
            text_err(err, errlen, path, L.number, bad, "a quoted field is not closed");
            goto done;
        }
        if (check_count(&L, f, n, mall_cols, MALL_COLS, path, err, errlen) != 0)
            goto done;
        double v[MALL_COLS];
        for (int c = 0; c < MALL_COLS; c++)
            if (parse_field(&f[c], &mall_cols[c], &v[c], path, L.number, err, errlen) != 0)
                goto done;
        int k = out->n++;
        out->id[k] = (int)v[MALL_ID];
        out->gender[k] = (int)v[MALL_GENDER];
        out->age[k] = v[MALL_AGE];
        out->income[k] = v[MALL_INCOME];
        out->score[k] = v[MALL_SCORE];
    }
    if (!header)
        set_err(err, errlen, "%s: empty file: expected the header %s and then one customer a "
                "line", path, MALL_HEADER);
    else if (out->n == 0)
        text_err(err, errlen, path, header, 1, "no customers: the header is the only line");
    else
        rc = 0;
done:
    free(buf);
    if (rc != 0)
        data_mall_free(out);
    return rc;
}

/* ---- MovieLens u.data ---------------------------------------------------------------------- */

enum { ML_USER, ML_ITEM, ML_RATING, ML_TIME, ML_COLS };

static const Column ml_cols[ML_COLS] = {
    [ML_USER] = { "user id", NULL, COL_WHOLE, 1, 2147483647.0 },
    [ML_ITEM] = { "item id", NULL, COL_WHOLE, 1, 2147483647.0 },
    [ML_RATING] = { "rating", NULL, COL_WHOLE, 1, 5 },
    [ML_TIME] = { "timestamp", NULL, COL_WHOLE, 0, 1e15 },
};

static int ratings_alloc(DataRatings *d, int n)
{
    size_t m = (size_t)(n > 0 ? n : 1);
    d->user = malloc(m * sizeof *d->user);
    d->item = malloc(m * sizeof *d->item);
    d->value = malloc(m * sizeof *d->value);
    if (d->user && d->item && d->value)
        return 0;
    data_ratings_free(d);
    return -1;
}

void data_ratings_free(DataRatings *d)
{
    if (!d)
        return;
    free(d->user);
    free(d->item);
    free(d->value);
    *d = (DataRatings){ 0 };
}

/* A rating and the line it came from, to find pairs rated twice. */
typedef struct {
    int user, item, line;
} Seen;

static int seen_order(const void *a, const void *b)
{
    const Seen *x = a, *y = b;
    if (x->user != y->user)
        return x->user < y->user ? -1 : 1;
    if (x->item != y->item)
        return x->item < y->item ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* Refuses a (user, item) pair rated twice, naming both lines. */
static int no_repeats(const DataRatings *d, const int *line, const char *path, char *err,
                      size_t errlen)
{
    Seen *s = malloc(sizeof *s * (size_t)(d->n > 0 ? d->n : 1));
    if (!s) {
        set_err(err, errlen, "%s: out of memory checking for repeated ratings", path);
        return -1;
    }
    for (int t = 0; t < d->n; t++)
        s[t] = (Seen){ d->user[t], d->item[t], line[t] };
    qsort(s, (size_t)d->n, sizeof *s, seen_order);
    int rc = 0;
    for (int t = 1; t < d->n && rc == 0; t++)
        if (s[t].user == s[t - 1].user && s[t].item == s[t - 1].item) {
            text_err(err, errlen, path, s[t].line, 1, "user %d rates item %d a second time "
                     "(the first was on line %d)", s[t].user + 1, s[t].item + 1,
                     s[t - 1].line);
            rc = -1;
        }
    free(s);
    return rc;
}

int data_load_movielens(const char *path, DataRatings *out, char *err, size_t errlen)
{
    *out = (DataRatings){ 0 };
    size_t len;
    char *buf = slurp(path, &len, err, errlen);
    if (!buf)
        return -1;
    int cap = 1, rc = -1;
    for (size_t i = 0; i < len; i++)
        cap += buf[i] == '\n';
    int *line = malloc(sizeof *line * (size_t)cap);
    if (!line || ratings_alloc(out, cap) != 0) {
        set_err(err, errlen, "%s: out of memory for %d ratings", path, cap);
        goto done;
    }

    Lines L = lines_open(buf, len);
    while (lines_next(&L)) {
        if (is_blank(L.text, L.len))
            continue;
        Field f[TEXT_MAX_FIELDS];
        int n = split_ws(L.text, L.len, f);
        if (check_count(&L, f, n, ml_cols, ML_COLS, path, err, errlen) != 0)
            goto done;
        double v[ML_COLS];
        for (int c = 0; c < ML_COLS; c++)
            if (parse_field(&f[c], &ml_cols[c], &v[c], path, L.number, err, errlen) != 0)
                goto done;
        int k = out->n++;
        out->user[k] = (int)v[ML_USER] - 1; /* 1-based in the file, 0-based in memory */
        out->item[k] = (int)v[ML_ITEM] - 1;
        out->value[k] = v[ML_RATING];
        line[k] = L.number;
        if (out->user[k] >= out->users)
            out->users = out->user[k] + 1;
        if (out->item[k] >= out->items)
            out->items = out->item[k] + 1;
    }
    if (out->n == 0)
        set_err(err, errlen, "%s: empty file: expected one rating a line, \"user id<TAB>item "
                "id<TAB>rating<TAB>timestamp\"", path);
    else if (no_repeats(out, line, path, err, errlen) == 0)
        rc = 0;
done:
    free(buf);
    free(line);
    if (rc != 0)
        data_ratings_free(out);
    return rc;
}

/* ==== generators ==============================================================================
 *
 * One small generator, splitmix64, drives both: a seed gives the same stream on every
 * machine. (Normals come from Box–Muller through libm's log and cos; rounding to whole stars
 * and years hides the last-bit differences libm implementations could make.)
 */

typedef struct {
    uint64_t s;
} Rng;

static uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double rng_unif(Rng *r) { return (double)(rng_next(r) >> 11) * 0x1.0p-53; } /* [0, 1) */

static double rng_normal(Rng *r)
{
    double u = ((double)(rng_next(r) >> 11) + 1.0) * 0x1.0p-53; /* (0, 1]: log is finite */
    double v = rng_unif(r);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* uniform integer in [0, n) */
static int rng_below(Rng *r, int n) { return (int)(rng_unif(r) * n); }

/* A normal(mean, sd) draw, redrawn until it lies in [lo, hi], then rounded. */
static double rng_whole_in(Rng *r, double mean, double sd, double lo, double hi)
{
    double x;
    do
        x = mean + sd * rng_normal(r);
    while (x < lo || x > hi);
    return floor(x + 0.5);
}

/* ---- Mall Customers ------------------------------------------------------------------------ */

static const DataMallSegment mall_segments[DATA_MALL_K] = {
    { "low income, low score", 23, 15, 39, 26, 7, 1, 40, 20, 10, 45, 13, 0.61 },
    { "low income, high score", 22, 15, 39, 25, 7, 60, 99, 79, 10, 25, 5.5, 0.59 },
    { "middle income, middle score", 81, 40, 70, 55, 9, 35, 60, 50, 6, 43, 14, 0.59 },
    { "high income, low score", 35, 71, 137, 88, 16, 1, 39, 17, 10, 41, 11, 0.46 },
    { "high income, high score", 39, 71, 137, 87, 16, 61, 99, 82, 9, 33, 3.7, 0.54 },
};

const DataMallSegment *data_mall_segment(int c)
{
    return c >= 0 && c < DATA_MALL_K ? &mall_segments[c] : NULL;
}

/* A generated customer before sorting: her segment and her place in the draw. */
typedef struct {
    double income, score, age;
    int gender, segment, drawn;
} MallRow;

static int mall_row_order(const void *a, const void *b)
{
    const MallRow *x = a, *y = b;
    if (x->income != y->income)
        return x->income < y->income ? -1 : 1;
    return (x->drawn > y->drawn) - (x->drawn < y->drawn);
}

/* rows[DATA_MALL_N] ← the customers of `seed`, sorted by income (then by draw). */
static void mall_draw(uint64_t seed, MallRow *rows)
{
    Rng r = { seed };
    int k = 0;
    for (int c = 0; c < DATA_MALL_K; c++) {
        const DataMallSegment *g = &mall_segments[c];
        for (int s = 0; s < g->count; s++, k++) {
            rows[k].income = rng_whole_in(&r, g->income_mean, g->income_sd, g->income_lo,
                                          g->income_hi);
            rows[k].score = rng_whole_in(&r, g->score_mean, g->score_sd, g->score_lo,
                                         g->score_hi);
            rows[k].age = rng_whole_in(&r, g->age_mean, g->age_sd, 18, 70);
            rows[k].gender = rng_unif(&r) < g->female;
            rows[k].segment = c;
            rows[k].drawn = k;
        }
    }
    qsort(rows, DATA_MALL_N, sizeof *rows, mall_row_order);
}

int data_mall_generate(uint64_t seed, DataMall *out)
{
    *out = (DataMall){ 0 };
    MallRow rows[DATA_MALL_N];
    if (mall_alloc(out, DATA_MALL_N) != 0)
        return -1;
    mall_draw(seed, rows);
    for (int k = 0; k < DATA_MALL_N; k++) {
        out->id[k] = k + 1;
        out->gender[k] = rows[k].gender;
        out->age[k] = rows[k].age;
        out->income[k] = rows[k].income;
        out->score[k] = rows[k].score;
    }
    out->n = DATA_MALL_N;
    return 0;
}

int data_mall_segments(uint64_t seed, int *segment)
{
    MallRow rows[DATA_MALL_N];
    mall_draw(seed, rows);
    for (int k = 0; k < DATA_MALL_N; k++)
        segment[k] = rows[k].segment;
    return 0;
}

/* ---- MovieLens-shaped ratings ------------------------------------------------------------- */

#define ML_MAX_PER_USER 700   /* the real maximum is 737 */
#define ML_ACTIVITY_SD 1.0    /* log-normal spread of how much users rate */
/* item weight (p + shift)^−exponent · e^(−(p/cutoff)⁴) for popularity rank p: a Zipf head
   and a thin tail. With the one rating every item is given first, the top item ends up with
   about 620 ratings, the median one with about 29, and 160–190 items with a single rating
   (MovieLens 100K: 583, 27 and 141). */
#define ML_ZIPF_SHIFT 20.0
#define ML_ZIPF_EXPONENT 1.0
#define ML_ZIPF_CUTOFF 1100.0
#define ML_MEAN 3.4
#define ML_USER_SD 0.5
#define ML_ITEM_SD 0.5
#define ML_POPULAR_BONUS 0.3  /* the most popular item +0.3, the least −0.3 */
#define ML_RANK 5             /* dimensions of the tastes p_u, q_i */
#define ML_TASTE_SD 0.7       /* standard deviation of p_u·q_i */
#define ML_NOISE_SD 0.8

/* count[u] ← how many items user u rates: DATA_ML_MIN_PER_USER plus a log-normal share of
   the remaining ratings, capped at ML_MAX_PER_USER, summing to DATA_ML_RATINGS. */
static void ml_user_counts(Rng *r, int *count)
{
    enum { U = DATA_ML_USERS };
    const double extra = DATA_ML_RATINGS - (double)U * DATA_ML_MIN_PER_USER;
    const double cap = ML_MAX_PER_USER - DATA_ML_MIN_PER_USER;
    double x[U], lo = 0.0, hi = 0.0;
    for (int u = 0; u < U; u++)
        x[u] = exp(ML_ACTIVITY_SD * rng_normal(r));
    /* the scale s with Σ min(cap, s·x_u) = extra, by bisection */
    for (int u = 0; u < U; u++)
        hi = fmax(hi, extra / x[u]);
    for (int it = 0; it < 100; it++) {
        double s = 0.5 * (lo + hi), total = 0.0;
        for (int u = 0; u < U; u++)
            total += fmin(cap, s * x[u]);
        *(total < extra ? &lo : &hi) = s;
    }
    int sum = 0;
    for (int u = 0; u < U; u++) {
        count[u] = DATA_ML_MIN_PER_USER + (int)fmin(cap, lo * x[u]);
        sum += count[u];
    }
    /* hand out what rounding down left over, one each, from a random user on */
    for (int u = rng_below(r, U); sum < DATA_ML_RATINGS; u = (u + 1) % U)
        if (count[u] < ML_MAX_PER_USER) {
            count[u]++;
            sum++;
        }
}

/* Fisher–Yates: a[0…n−1] ← a uniformly random order of 0…n−1. */
static void ml_permutation(Rng *r, int *a, int n)
{
    for (int i = 0; i < n; i++)
        a[i] = i;
    for (int i = n - 1; i > 0; i--) {
        int j = rng_below(r, i + 1), t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

/* The rating user u gives item i: the model, rounded to whole stars and clipped to 1–5. */
static double ml_rating(Rng *r, double bu, const double *pu, double bi, const double *qi)
{
    double v = ML_MEAN + bu + bi + ML_NOISE_SD * rng_normal(r);
    for (int c = 0; c < ML_RANK; c++)
        v += pu[c] * qi[c];
    v = floor(v + 0.5);
    return v < 1 ? 1 : v > 5 ? 5 : v;
}

int data_movielens_generate(uint64_t seed, DataRatings *out)
{
    enum { U = DATA_ML_USERS, I = DATA_ML_ITEMS, N = DATA_ML_RATINGS, K = ML_RANK };
    *out = (DataRatings){ 0 };
    int *by_rank = malloc(sizeof(int) * I), *count = malloc(sizeof(int) * U);
    int *first = malloc(sizeof(int) * I), *owed = calloc(U, sizeof(int));
    int *stamp = calloc(I, sizeof(int)), *slot = malloc(sizeof(int) * N);
    double *cdf = malloc(sizeof(double) * I), *bi = malloc(sizeof(double) * I);
    double *q = malloc(sizeof(double) * I * K);
    int rc = -1;
    if (!by_rank || !count || !first || !owed || !stamp || !slot || !cdf || !bi || !q ||
        ratings_alloc(out, N) != 0)
        goto done;
    Rng r = { seed };
    const double taste = sqrt(ML_TASTE_SD / sqrt((double)K)); /* sd of each factor entry */

    /* items: popularity rank p → item by_rank[p]; cumulative weights over ranks; biases and
       tastes */
    ml_permutation(&r, by_rank, I);
    for (int p = 0; p < I; p++)
        cdf[p] = (p ? cdf[p - 1] : 0.0) + pow(p + ML_ZIPF_SHIFT, -ML_ZIPF_EXPONENT) *
                                              exp(-pow(p / ML_ZIPF_CUTOFF, 4.0));
    for (int p = 0; p < I; p++) {
        int i = by_rank[p];
        bi[i] = ML_ITEM_SD * rng_normal(&r) + ML_POPULAR_BONUS * (1.0 - 2.0 * p / (I - 1));
        for (int c = 0; c < K; c++)
            q[i * K + c] = taste * rng_normal(&r);
    }

    /* users: how many each rates; then every item gets its first rating from a user drawn
       with probability ∝ her count (slot[] lists each user count[u] times), so that no item
       is left unrated */
    ml_user_counts(&r, count);
    for (int u = 0, s = 0; u < U; u++)
        for (int c = 0; c < count[u]; c++)
            slot[s++] = u;
    for (int i = 0; i < I; i++) {
        int u;
        do
            u = slot[rng_below(&r, N)];
        while (owed[u] == count[u]);
        first[i] = u;
        owed[u]++;
    }

    /* each user: her owed items, then the rest drawn by popularity */
    int n = 0;
    for (int u = 0; u < U; u++) {
        double bu = ML_USER_SD * rng_normal(&r), pu[K];
        for (int c = 0; c < K; c++)
            pu[c] = taste * rng_normal(&r);
        for (int i = 0; i < I; i++)
            if (first[i] == u) {
                stamp[i] = u + 1;
                out->user[n] = u;
                out->item[n] = i;
                out->value[n++] = ml_rating(&r, bu, pu, bi[i], &q[i * K]);
            }
        for (int got = owed[u]; got < count[u];) {
            /* a rank with probability ∝ its weight: binary search of the cumulative sum;
               an item this user already rated is drawn again */
            double x = rng_unif(&r) * cdf[I - 1];
            int lo = 0, hi = I - 1;
            while (lo < hi) {
                int mid = (lo + hi) / 2;
                if (cdf[mid] > x)
                    hi = mid;
                else
                    lo = mid + 1;
            }
            int i = by_rank[lo];
            if (stamp[i] == u + 1)
                continue;
            stamp[i] = u + 1;
            out->user[n] = u;
            out->item[n] = i;
            out->value[n++] = ml_rating(&r, bu, pu, bi[i], &q[i * K]);
            got++;
        }
    }

    /* a shuffled order, like u.data's (Fisher–Yates on the three arrays together) */
    for (int t = N - 1; t > 0; t--) {
        int j = rng_below(&r, t + 1), iu = out->user[t], ii = out->item[t];
        double iv = out->value[t];
        out->user[t] = out->user[j];
        out->item[t] = out->item[j];
        out->value[t] = out->value[j];
        out->user[j] = iu;
        out->item[j] = ii;
        out->value[j] = iv;
    }
    out->n = N;
    out->users = U;
    out->items = I;
    rc = 0;
done:
    free(by_rank);
    free(count);
    free(first);
    free(owed);
    free(stamp);
    free(slot);
    free(cdf);
    free(bi);
    free(q);
    if (rc != 0)
        data_ratings_free(out);
    return rc;
}

/* ---- train/test split ---------------------------------------------------------------------- */

int data_ratings_split(const DataRatings *all, double test_fraction, uint64_t seed,
                       DataRatings *train, DataRatings *test)
{
    *train = (DataRatings){ 0 };
    *test = (DataRatings){ 0 };
    if (!(test_fraction >= 0.0 && test_fraction <= 1.0) || all->n < 0)
        return -1;
    int n = all->n, ntest = (int)floor(test_fraction * n + 0.5);
    int *pick = malloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
    char *in_test = calloc((size_t)(n > 0 ? n : 1), 1);
    if (!pick || !in_test || ratings_alloc(train, n - ntest) != 0 ||
        ratings_alloc(test, ntest) != 0) {
        free(pick);
        free(in_test);
        data_ratings_free(train);
        data_ratings_free(test);
        return -1;
    }
    /* the first ntest places of a partial Fisher–Yates shuffle are a uniform sample */
    Rng r = { seed };
    for (int i = 0; i < n; i++)
        pick[i] = i;
    for (int i = 0; i < ntest; i++) {
        int j = i + rng_below(&r, n - i), t = pick[i];
        pick[i] = pick[j];
        pick[j] = t;
        in_test[pick[i]] = 1;
    }
    for (int t = 0; t < n; t++) {
        DataRatings *d = in_test[t] ? test : train;
        d->user[d->n] = all->user[t];
        d->item[d->n] = all->item[t];
        d->value[d->n] = all->value[t];
        d->n++;
    }
    train->users = test->users = all->users;
    train->items = test->items = all->items;
    free(pick);
    free(in_test);
    return 0;
}

/* ---- which data sets are on disk ------------------------------------------------------------ */

/* buf ← $LA4AI_DATA_DIR/rel if that file is readable; returns buf or NULL. */
static const char *under_data_dir(const char *rel, char *buf, size_t size)
{
    const char *env = getenv("LA4AI_DATA_DIR");
    if (!env || !*env)
        return NULL;
    int len = snprintf(buf, size, "%s/%s", env, rel);
    if (len < 0 || (size_t)len >= size || access(buf, R_OK) != 0)
        return NULL;
    return buf;
}

const char *data_mall_path(void)
{
    static char path[4096];
    return under_data_dir("mall/Mall_Customers.csv", path, sizeof path);
}

const char *data_movielens_path(void)
{
    static char path[4096];
    return under_data_dir("ml-100k/u.data", path, sizeof path);
}

static const struct {
    const char *name, *description, *looked_in, *substitute;
    const char *(*find)(void);
} data_sets[DATA_SETS] = {
    { "fashion-mnist",
      "Fashion-MNIST (Zalando): 70 000 greyscale 28×28 images of clothes in 10 classes",
      "$LA4AI_DATA_DIR/fashion-mnist, then " FMNIST_SYSTEM_DIR,
      "none: the labs skip the parts that need it", data_fashion_mnist_dir },
    { "mall",
      "Mall Customers (Kaggle): 200 customers — gender, age, annual income (k$), spending "
      "score (1–100)",
      "$LA4AI_DATA_DIR/mall/Mall_Customers.csv",
      "generated look-alike: 200 customers in 5 income/score segments, seeded",
      data_mall_path },
    { "ml-100k",
      "MovieLens 100K (GroupLens): 100 000 ratings, 1–5 stars, by 943 users of 1682 movies",
      "$LA4AI_DATA_DIR/ml-100k/u.data",
      "generated ratings of the same shape: low-rank tastes plus noise, Zipf-like popularity, "
      "seeded",
      data_movielens_path },
};

int data_find(DataSet *table, int max)
{
    for (int s = 0; s < DATA_SETS && s < max; s++)
        table[s] = (DataSet){ data_sets[s].name, data_sets[s].description,
                              data_sets[s].looked_in, data_sets[s].find(),
                              data_sets[s].substitute };
    return DATA_SETS;
}
