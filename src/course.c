/*
 * course.c — loads lessons/course.json and lessons/weekNN.json (format v1, lessons/FORMAT.md)
 * into the course model of course.h, checking every rule of the format on the way.
 *
 * Theory of operation. A file is read whole and parsed with cJSON. cJSON keeps no positions,
 * so a small scanner walks the raw text once and records the byte offset where each JSON value
 * starts. Values start in the text in the same order as a pre-order walk of the cJSON tree
 * visits them, so one parallel walk pairs every node with its offset (kept sorted by node, for
 * bsearch). A problem found on a node becomes "file:line:col: path: message": line and column
 * are 1-based and the column counts UTF-8 characters (a tab is one character); path is the
 * JSON path of the object or array element at fault, e.g. lessons[3].sections[2]. A problem
 * with a field is reported at the field's value, a missing field at the object that lacks it.
 *
 * Checking is table-driven: Field tables say which member of a model struct each JSON field
 * fills, with its type and range; SECTIONS and KINDS give the section types and question kinds
 * with their fields. Reading goes on after a problem, so one run reports all of them.
 *
 * Three passes. (1) Each file is built and checked by itself; ids are checked for uniqueness
 * in course order as they are met, and the names in links/uses are noted with their positions.
 * (2) Every noted name must be an exercise somewhere in the course. (3) A week that names an
 * exercise in a week with errors gets an error too, until nothing changes. Weeks with errors
 * are then left out (shown as not written) and the rest forms the course.
 */
#define _POSIX_C_SOURCE 200809L

#include "course.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#if defined(__GNUC__)
#define PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF(f, a)
#endif

#define MAX_FILE_BYTES (16L << 20) /* a week file is tens of kilobytes */
#define CLIP 40                    /* at most this many bytes of a name are quoted in a message */

/* ------------------------------------------------------------------------ loader state */

typedef struct { uintptr_t node; size_t at; } Spot; /* a cJSON node and where its value starts */

typedef struct {
    int file;                      /* 0: course.json, n: weekNN.json */
    const unsigned char *s;        /* the bytes, with a NUL after the last */
    size_t len;
    size_t *lines; size_t nlines;  /* offset where each line starts */
    Spot *spots; size_t nspots;    /* every value of the tree, sorted by node */
} Text;

typedef struct { int file, line, col, seq; char *text; } Diag;

typedef enum { ID_LESSON, ID_QUESTION, ID_EXERCISE, ID_LAB } IdKind;
static const char *const ID_KINDS[] = { "lesson", "question", "exercise", "lab" };

typedef struct { const char *id; IdKind kind; int file, line, col; } IdSite; /* id: in the model */
typedef struct { const char *name; int file, line, col; char *path; } Ref;   /* a links/uses entry */

typedef struct {
    const char *root;
    bool oom;                               /* an allocation failed: the load returns NULL */
    Diag *diags; int ndiags, capdiags;
    int errors_in[COURSE_WEEKS + 1];        /* per file, as numbered in Text.file */
    Text t;                                 /* the file being read */
    char path[256]; size_t pathlen;         /* JSON path of the object being read */
    int week;                               /* week of the file being read */
    Lesson *lesson;                         /* lesson being read */
    IdSite *ids; int nids, capids;          /* every id met so far, in course order */
    Ref *refs; int nrefs, caprefs;
} Loader;

/* ------------------------------------------------------------------- small utilities */

static void *xcalloc(Loader *L, size_t n, size_t size)
{
    if (n == 0) return NULL;
    void *p = calloc(n, size);
    if (!p) L->oom = true;
    return p;
}

static char *xstrdup(Loader *L, const char *s)
{
    char *p = strdup(s);
    if (!p) L->oom = true;
    return p;
}

/* Makes room for one more element; returns the (maybe moved) array, or NULL when out of memory. */
static void *grow(Loader *L, void *arr, int *cap, int n, size_t size)
{
    if (n < *cap) return arr;
    int ncap = *cap ? *cap * 2 : 16;
    void *p = realloc(arr, (size_t)ncap * size);
    if (!p) { L->oom = true; return NULL; }
    *cap = ncap;
    return p;
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

PRINTF(1, 2) static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(fmt, ap);
    va_end(ap);
    return s;
}

/* How many bytes of s to quote in a message: at most CLIP, never splitting a character. */
static int clip(const char *s)
{
    size_t n = strlen(s);
    if (n <= CLIP) return (int)n;
    for (n = CLIP; n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80; n--) {}
    return (int)n;
}

static void file_name(int file, char buf[32])
{
    if (file == 0) snprintf(buf, 32, "lessons/course.json");
    else snprintf(buf, 32, "lessons/week%02d.json", file);
}

static bool file_exists(Loader *L, const char *rel)
{
    char *path = format("%s/%s", L->root, rel);
    struct stat st;
    bool ok = path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
    if (!path) L->oom = true;
    free(path);
    return ok;
}

/* Tables of names keep the name as the first member of each entry, so one lookup serves all. */
static const char *name_at(const void *table, size_t stride, int i)
{
    return *(const char *const *)(const void *)((const char *)table + (size_t)i * stride);
}

static int name_find(const void *table, size_t stride, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(name_at(table, stride, i), name) == 0) return i;
    return -1;
}

/* "a, b or c" */
static void names_list(const void *table, size_t stride, int n, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used < size; i++) {
        const char *sep = i == 0 ? "" : i == n - 1 ? " or " : ", ";
        int w = snprintf(buf + used, size - used, "%s%s", sep, name_at(table, stride, i));
        used += w > 0 ? (size_t)w : 0;
    }
}

static const char *json_type_name(const cJSON *v)
{
    static const struct { int type; const char *name; } names[] = {
        { cJSON_False, "false" }, { cJSON_True, "true" }, { cJSON_NULL, "null" },
        { cJSON_Number, "a number" }, { cJSON_String, "a string" },
        { cJSON_Array, "an array" }, { cJSON_Object, "an object" },
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if ((v->type & 0xFF) == names[i].type) return names[i].name;
    return "an unknown value";
}

/* ------------------------------------------------------- positions in the raw text */

static bool has_bom(const Text *t)
{
    return t->len >= 3 && memcmp(t->s, "\xEF\xBB\xBF", 3) == 0;
}

/* cJSON takes every byte <= 32 for white space; so do we, to stay in step with it. */
static size_t skip_space(const unsigned char *s, size_t i, size_t end)
{
    while (i < end && s[i] <= 32) i++;
    return i;
}

/* Offset of the quote closing the string opened at i, or end when it is not closed. */
static size_t string_close(const unsigned char *s, size_t i, size_t end)
{
    for (i++; i < end; i++) {
        if (s[i] == '\\') i++;
        else if (s[i] == '"') return i;
    }
    return end;
}

/* Offsets where the JSON values in [i, end) start, in document order, which is the pre-order
   of the cJSON tree; stores them in out (when not NULL) and returns how many. Runs only on
   text cJSON accepted. A string followed by ':' is an object key, not a value. */
static size_t scan_values(const unsigned char *s, size_t i, size_t end, size_t *out)
{
    size_t n = 0;
    while ((i = skip_space(s, i, end)) < end) {
        size_t start = i;
        unsigned char c = s[i];
        if (strchr(",:]}", c)) { i++; continue; }
        if (c == '{' || c == '[') {
            i++;
        } else if (c == '"') {
            i = string_close(s, i, end) + 1;
            size_t next = skip_space(s, i, end);
            if (next < end && s[next] == ':') continue;   /* a key */
        } else {
            while (i < end && s[i] > 32 && !strchr(",:]}", s[i])) i++;
        }
        if (out) out[n] = start;
        n++;
    }
    return n;
}

static void spots_fill(const cJSON *node, Spot *spots, const size_t *starts, size_t n, size_t *k)
{
    if (*k < n) spots[*k] = (Spot){ (uintptr_t)node, starts[*k] };
    (*k)++;
    for (const cJSON *c = node->child; c; c = c->next) spots_fill(c, spots, starts, n, k);
}

static int spot_cmp(const void *a, const void *b)
{
    uintptr_t x = ((const Spot *)a)->node, y = ((const Spot *)b)->node;
    return (x > y) - (x < y);
}

/* Pairs every node of the tree with where its value starts in [begin, end). */
static void text_spots(Loader *L, const cJSON *root, size_t begin, size_t end)
{
    Text *t = &L->t;
    size_t n = scan_values(t->s, begin, end, NULL), k = 0;
    size_t *starts = xcalloc(L, n, sizeof *starts);
    t->spots = xcalloc(L, n, sizeof *t->spots);
    if (starts && t->spots) {
        scan_values(t->s, begin, end, starts);
        spots_fill(root, t->spots, starts, n, &k);
        t->nspots = k == n ? n : 0;   /* never differs; if it did, positions fall back to 1:1 */
        if (t->nspots) qsort(t->spots, t->nspots, sizeof *t->spots, spot_cmp);
    }
    free(starts);
}

static size_t text_offset(const Text *t, const cJSON *node)
{
    Spot key = { (uintptr_t)node, 0 };
    const Spot *hit = node && t->nspots ? bsearch(&key, t->spots, t->nspots, sizeof key, spot_cmp) : NULL;
    return hit ? hit->at : 0;
}

static bool text_lines(Loader *L)
{
    Text *t = &L->t;
    size_t n = 1;
    for (size_t i = 0; i < t->len; i++) n += t->s[i] == '\n';
    if (!(t->lines = xcalloc(L, n, sizeof *t->lines))) return false;
    t->nlines = 1;
    for (size_t i = 0; i < t->len; i++)
        if (t->s[i] == '\n') t->lines[t->nlines++] = i + 1;
    return true;
}

/* 1-based line and column of a byte offset; the column counts UTF-8 characters. */
static void text_linecol(const Text *t, size_t at, int *line, int *col)
{
    size_t lo = 0, hi = t->nlines;
    *line = *col = 1;
    if (!t->nlines) return;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->lines[mid] <= at) lo = mid; else hi = mid;
    }
    size_t from = lo == 0 && has_bom(t) && at >= 3 ? 3 : t->lines[lo];
    for (size_t i = from; i < at && i < t->len; i++) *col += (t->s[i] & 0xC0) != 0x80;
    *line = (int)lo + 1;
}

/* ------------------------------------------------------------------ diagnostics */

static void diag_vemit(Loader *L, int file, int line, int col, const char *path,
                       const char *fmt, va_list ap)
{
    char name[32], *msg = vformat(fmt, ap), *text = NULL;
    L->errors_in[file]++;
    file_name(file, name);
    if (msg && line > 0)
        text = format("%s:%d:%d: %s%s%s", name, line, col, path, *path ? ": " : "", msg);
    else if (msg)
        text = format("%s: %s", name, msg);
    free(msg);
    Diag *d = text ? grow(L, L->diags, &L->capdiags, L->ndiags, sizeof *d) : NULL;
    if (!d) { free(text); L->oom = true; return; }
    for (char *p = text; *p; p++)   /* one line each, whatever the file held */
        if ((unsigned char)*p < 32 || *p == 127) *p = '?';
    L->diags = d;
    L->diags[L->ndiags] = (Diag){ file, line, col, L->ndiags, text };
    L->ndiags++;
}

/* A problem at a byte offset of the current file (syntax errors: no JSON path). */
PRINTF(3, 4) static void diag_off(Loader *L, size_t at, const char *fmt, ...)
{
    int line, col;
    text_linecol(&L->t, at, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    diag_vemit(L, L->t.file, line, col, "", fmt, ap);
    va_end(ap);
}

/* A problem at a value of the current file, under the current JSON path. */
PRINTF(3, 4) static void diag_at(Loader *L, const cJSON *node, const char *fmt, ...)
{
    int line, col;
    text_linecol(&L->t, text_offset(&L->t, node), &line, &col);
    va_list ap;
    va_start(ap, fmt);
    diag_vemit(L, L->t.file, line, col, L->path, fmt, ap);
    va_end(ap);
}

/* A problem with a whole file (it cannot be read). */
PRINTF(3, 4) static void diag_file(Loader *L, int file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vemit(L, file, 0, 0, "", fmt, ap);
    va_end(ap);
}

/* A problem at a links/uses entry noted earlier. */
PRINTF(3, 4) static void diag_ref(Loader *L, const Ref *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vemit(L, r->file, r->line, r->col, r->path ? r->path : "", fmt, ap);
    va_end(ap);
}

static int diag_cmp(const void *a, const void *b)
{
    const Diag *x = a, *y = b;
    if (x->file != y->file) return x->file - y->file;
    if (x->line != y->line) return x->line - y->line;
    if (x->col != y->col) return x->col - y->col;
    return x->seq - y->seq;
}

/* Appends the diagnostics, sorted by file and position, to errs (which may be NULL). */
static void diags_flush(Loader *L, CourseErrors *errs)
{
    if (!L->ndiags) return;
    qsort(L->diags, (size_t)L->ndiags, sizeof *L->diags, diag_cmp);
    if (!errs) return;
    char **lines = realloc(errs->lines, (size_t)(errs->count + L->ndiags) * sizeof *lines);
    if (!lines) { L->oom = true; return; }
    errs->lines = lines;
    for (int i = 0; i < L->ndiags; i++) {
        lines[errs->count++] = L->diags[i].text;
        L->diags[i].text = NULL;
    }
}

/* Keeps the JSON path of the object being read: path_push appends "key[index]" (or "[index]"
   when key is NULL) and returns the old length, which path_pop restores. */
static size_t path_push(Loader *L, const char *key, int index)
{
    size_t old = L->pathlen, room = sizeof L->path - old;
    int n = snprintf(L->path + old, room, "%s%s[%d]", old && key ? "." : "", key ? key : "", index);
    if (n > 0) L->pathlen = (size_t)n < room ? old + (size_t)n : sizeof L->path - 1;
    return old;
}

static void path_pop(Loader *L, size_t old)
{
    L->pathlen = old;
    L->path[old] = '\0';
}

/* --------------------------------------------------------- reading and parsing a file */

enum { READ_OK, READ_MISSING, READ_FAILED };

/* Offset of the first byte that is not well-formed UTF-8, or len when there is none. */
static size_t utf8_invalid(const unsigned char *s, size_t len)
{
    static const struct { unsigned char mask, lead; size_t more; unsigned long min; } leads[] = {
        { 0xE0, 0xC0, 1, 0x80 }, { 0xF0, 0xE0, 2, 0x800 }, { 0xF8, 0xF0, 3, 0x10000 },
    };
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) { i++; continue; }
        size_t k = 0;
        while (k < 3 && (s[i] & leads[k].mask) != leads[k].lead) k++;
        if (k == 3 || len - i <= leads[k].more) return i;
        unsigned long cp = s[i] & (unsigned char)~leads[k].mask;
        for (size_t j = 1; j <= leads[k].more; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return i;
            cp = cp << 6 | (s[i + j] & 0x3Fu);
        }
        if (cp < leads[k].min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += leads[k].more + 1;
    }
    return len;
}

/* Reads file `file` under the root into L->t (with a NUL after the last byte). */
static int text_read(Loader *L, int file)
{
    char name[32];
    file_name(file, name);
    char *path = format("%s/%s", L->root, name);
    struct stat st;
    FILE *f = NULL;
    unsigned char *buf = NULL;
    size_t len = 0;
    L->t = (Text){ .file = file };
    if (!path) { L->oom = true; return READ_FAILED; }
    if (stat(path, &st) != 0) {
        int e = errno;
        if (e == ENOENT && file > 0) { free(path); return READ_MISSING; }
        diag_file(L, file, "cannot read the file: %s", strerror(e));
    } else if (!S_ISREG(st.st_mode)) {
        diag_file(L, file, "not a regular file");
    } else if (st.st_size > MAX_FILE_BYTES) {
        diag_file(L, file, "larger than %ld MiB; a week file is far smaller", MAX_FILE_BYTES >> 20);
    } else if (!(f = fopen(path, "rb"))) {
        diag_file(L, file, "cannot read the file: %s", strerror(errno));
    } else if ((buf = xcalloc(L, (size_t)st.st_size + 1, 1))) {
        len = fread(buf, 1, (size_t)st.st_size, f);
        if (ferror(f)) { diag_file(L, file, "cannot read the file"); free(buf); buf = NULL; }
    }
    if (f) fclose(f);
    free(path);
    if (!buf) return READ_FAILED;
    L->t.s = buf;
    L->t.len = len;
    return READ_OK;
}

static void text_close(Loader *L)
{
    free((void *)L->t.s);
    free(L->t.lines);
    free(L->t.spots);
    L->t = (Text){ 0 };
}

/* What the text looks like just before `end`: bracket nesting, the innermost bracket, the last
   byte that is not white space ('"' after a string; key: that string is an object key), and
   whether `end` is inside a string. */
typedef struct {
    int depth;
    unsigned char top, prev;
    bool key, in_string;
    size_t string_at;
} Lex;

static Lex lex_until(const unsigned char *s, size_t end)
{
    Lex x = { 0 };
    unsigned char stack[CJSON_NESTING_LIMIT + 1];
    for (size_t i = 0; i < end; i++) {
        unsigned char c = s[i], top = x.depth > 0 && x.depth <= CJSON_NESTING_LIMIT + 1 ? stack[x.depth - 1] : 0;
        if (c == '"') {
            size_t close = string_close(s, i, end);
            if (close >= end) { x.in_string = true; x.string_at = i; break; }
            x.key = top == '{' && (x.prev == '{' || x.prev == ',');
            x.prev = '"';
            i = close;
            continue;
        }
        if (c <= 32) continue;
        x.prev = c;
        x.key = false;
        if (c == '[' || c == '{') {
            if (x.depth <= CJSON_NESTING_LIMIT) stack[x.depth] = c;
            x.depth++;
        } else if ((c == ']' || c == '}') && x.depth > 0) {
            x.depth--;
        }
    }
    x.top = x.depth > 0 && x.depth <= CJSON_NESTING_LIMIT + 1 ? stack[x.depth - 1] : 0;
    return x;
}

static bool ends_value(unsigned char c) { return c && strchr("\"]}0123456789el.", c); }
static bool starts_value(unsigned char c) { return c && strchr("\"{[-0123456789tfn", c); }

/* Reports the syntax error cJSON stopped at. cJSON gives only an offset, and one byte late when
   an object key is not a string; the text around it tells which mistake it is. */
static void syntax_error(Loader *L, size_t at)
{
    const unsigned char *s = L->t.s;
    size_t len = L->t.len, end = len;
    if (at > len) at = len;
    Lex here = lex_until(s, at);
    if (here.in_string) {
        if (string_close(s, here.string_at, len) >= len) diag_off(L, here.string_at, "string is not closed");
        else diag_off(L, at, "invalid escape sequence in string");
        return;
    }
    if (at > 0 && s[at - 1] > 32 && s[at - 1] != '"') {
        Lex before = lex_until(s, at - 1);
        if (before.top == '{' && (before.prev == '{' || before.prev == ',')) {
            unsigned char c = s[at - 1];
            if (c < 127) diag_off(L, at - 1, "expected a field name in double quotes, got '%c'", c);
            else diag_off(L, at - 1, "expected a field name in double quotes");
            return;
        }
    }
    while (end > 0 && s[end - 1] <= 32) end--;
    if (at >= end) diag_off(L, end, "unexpected end of file");
    else if (here.depth >= CJSON_NESTING_LIMIT) diag_off(L, at, "nested more than %d levels deep", CJSON_NESTING_LIMIT);
    else if (here.key && s[at] != ':') diag_off(L, at, "missing ':' after the field name");
    else if (here.top && ends_value(here.prev) && !here.key && starts_value(s[at])) diag_off(L, at, "missing ',' before this");
    else if (s[at] > 32 && s[at] < 127) diag_off(L, at, "unexpected '%c'", s[at]);
    else diag_off(L, at, "unexpected byte 0x%02X", s[at]);
}

/* Parses L->t, reporting an empty file, bad UTF-8, a syntax error or text after the value.
   Returns the tree with its positions indexed, or NULL when there is no usable tree. */
static cJSON *text_parse(Loader *L)
{
    Text *t = &L->t;
    size_t begin = has_bom(t) ? 3 : 0, bad = utf8_invalid(t->s, t->len);
    if (skip_space(t->s, begin, t->len) == t->len) { diag_off(L, 0, "the file is empty"); return NULL; }
    if (bad < t->len) diag_off(L, bad, "invalid UTF-8 (byte 0x%02X); lesson files are UTF-8", t->s[bad]);
    /* len + 1 takes in the NUL: running out of text then fails at offset len, not before it */
    const char *stop = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts((const char *)t->s, t->len + 1, &stop, 0);
    size_t at = stop ? (size_t)((const unsigned char *)stop - t->s) : 0;
    if (!root) { syntax_error(L, at); return NULL; }
    size_t rest = skip_space(t->s, at, t->len);
    if (rest < t->len) {
        diag_off(L, rest, "unexpected text after the end of the JSON value");
        cJSON_Delete(root);
        return NULL;
    }
    text_spots(L, root, begin, at);
    return root;
}

/* Reads and parses a file into L->t; *root gets the tree, or NULL when the file is missing
   (a week not written yet: no error) or unusable (reported). */
static int text_open(Loader *L, int file, cJSON **root)
{
    *root = NULL;
    path_pop(L, 0);
    int rc = text_read(L, file);
    if (rc == READ_OK && text_lines(L)) *root = text_parse(L);
    return rc;
}

/* ------------------------------------------------------------------ field tables */

typedef enum { FT_STRING, FT_NAME, FT_XNAME, FT_INT, FT_NUMBER, FT_STRINGS } FieldType;

typedef struct {
    const char *key;
    FieldType type;
    bool optional;
    size_t at, count_at;   /* offsetof the member and, for FT_STRINGS, of its count */
    double lo, hi;         /* FT_INT, FT_NUMBER: allowed values; FT_STRINGS: allowed count */
} Field;

#define F_STRING(T, key, m)       { key, FT_STRING, false, offsetof(T, m), 0, 0, 0 }
#define F_OPTSTR(T, key, m)       { key, FT_STRING, true, offsetof(T, m), 0, 0, 0 }
#define F_NAME(T, m)              { "id", FT_NAME, false, offsetof(T, m), 0, 0, 0 }
#define F_XNAME(T, m)             { "id", FT_XNAME, false, offsetof(T, m), 0, 0, 0 }
#define F_INT(T, key, m, lo, hi)  { key, FT_INT, false, offsetof(T, m), 0, lo, hi }
#define F_OPTINT(T, key, m, lo, hi) { key, FT_INT, true, offsetof(T, m), 0, lo, hi }
#define F_NUMBER(T, key, m, lo)   { key, FT_NUMBER, false, offsetof(T, m), 0, lo, DBL_MAX }
#define F_STRINGS(T, key, m, n, lo, hi, opt) { key, FT_STRINGS, opt, offsetof(T, m), offsetof(T, n), lo, hi }
#define F_END                     { NULL, FT_STRING, false, 0, 0, 0, 0 }

typedef void ReadFn(Loader *L, const cJSON *v, char *base, const Field *f);
static ReadFn read_string, read_int, read_number, read_strings;

static const struct {
    int json;                 /* the cJSON type the value must have */
    const char *what;         /* for "should be …" */
    const char *charset, *pattern;
    ReadFn *read;
} FIELD_TYPES[] = {
    [FT_STRING]  = { cJSON_String, "a string", NULL, NULL, read_string },
    [FT_NAME]    = { cJSON_String, "a string", "abcdefghijklmnopqrstuvwxyz0123456789-", "[a-z0-9-]+", read_string },
    [FT_XNAME]   = { cJSON_String, "a string", "abcdefghijklmnopqrstuvwxyz0123456789_", "[a-z0-9_]+", read_string },
    [FT_INT]     = { cJSON_Number, "an integer", NULL, NULL, read_int },
    [FT_NUMBER]  = { cJSON_Number, "a number", NULL, NULL, read_number },
    [FT_STRINGS] = { cJSON_Array, "an array of strings", NULL, NULL, read_strings },
};

/* obj[key] when present with the cJSON type `json`; otherwise reports the missing field (unless
   optional; null counts as missing then) or the wrong type (`what`), and returns NULL. */
static const cJSON *field(Loader *L, const cJSON *obj, const char *key, int json, const char *what,
                          bool optional)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (optional && (!v || cJSON_IsNull(v))) return NULL;
    if (!v) { diag_at(L, obj, "missing field \"%s\"", key); return NULL; }
    if ((v->type & 0xFF) == json) return v;
    diag_at(L, v, "field \"%s\" should be %s, got %s", key, what, json_type_name(v));
    return NULL;
}

static void read_string(Loader *L, const cJSON *v, char *base, const Field *f)
{
    const char *s = v->valuestring, *set = FIELD_TYPES[f->type].charset;
    if (set && !(*s && strspn(s, set) == strlen(s))) {
        diag_at(L, v, "field \"%s\" should match %s, got \"%.*s\"", f->key,
                FIELD_TYPES[f->type].pattern, clip(s), s);
        return;
    }
    *(char **)(void *)(base + f->at) = xstrdup(L, s);
}

static void read_int(Loader *L, const cJSON *v, char *base, const Field *f)
{
    double d = v->valuedouble;
    if (d >= f->lo && d <= f->hi && d == (double)(int)d) { *(int *)(void *)(base + f->at) = (int)d; return; }
    if (f->hi >= INT_MAX) diag_at(L, v, "field \"%s\" should be an integer >= %g, got %g", f->key, f->lo, d);
    else diag_at(L, v, "field \"%s\" should be an integer from %g to %g, got %g", f->key, f->lo, f->hi, d);
}

static void read_number(Loader *L, const cJSON *v, char *base, const Field *f)
{
    double d = v->valuedouble;
    if (!isfinite(d)) diag_at(L, v, "field \"%s\" should be a finite number, got %g", f->key, d);
    else if (d < f->lo) diag_at(L, v, "field \"%s\" should be >= %g, got %g", f->key, f->lo, d);
    else *(double *)(void *)(base + f->at) = d;
}

static void read_strings(Loader *L, const cJSON *v, char *base, const Field *f)
{
    int n = cJSON_GetArraySize(v), i = 0;
    if (n < f->lo || n > f->hi) {
        if (f->hi >= INT_MAX) diag_at(L, v, "field \"%s\" should have at least %g items, got %d", f->key, f->lo, n);
        else diag_at(L, v, "field \"%s\" should have %g to %g items, got %d", f->key, f->lo, f->hi, n);
    }
    char **out = xcalloc(L, (size_t)n, sizeof *out);
    if (!out) return;
    *(char ***)(void *)(base + f->at) = out;
    *(int *)(void *)(base + f->count_at) = n;
    const cJSON *item;
    cJSON_ArrayForEach(item, v) {
        if (cJSON_IsString(item)) {
            out[i] = xstrdup(L, item->valuestring);
        } else {
            size_t old = path_push(L, f->key, i);
            diag_at(L, item, "should be a string, got %s", json_type_name(item));
            path_pop(L, old);
        }
        i++;
    }
}

/* Fills the members of base that the table names from the fields of obj. */
static void read_fields(Loader *L, const cJSON *obj, void *base, const Field *fields)
{
    for (const Field *f = fields; f->key; f++) {
        const cJSON *v = field(L, obj, f->key, FIELD_TYPES[f->type].json, FIELD_TYPES[f->type].what, f->optional);
        if (v) FIELD_TYPES[f->type].read(L, v, base, f);
    }
}

/* The index of obj[key] in a table of names, or -1 after reporting it missing, mistyped or
   unknown (with the names allowed). */
static int read_enum(Loader *L, const cJSON *obj, const char *key, const void *table, size_t stride,
                     int n, const char *what)
{
    const cJSON *v = field(L, obj, key, cJSON_String, "a string", false);
    if (!v) return -1;
    int i = name_find(table, stride, n, v->valuestring);
    if (i < 0) {
        char list[200];
        names_list(table, stride, n, list, sizeof list);
        diag_at(L, v, "unknown %s \"%.*s\" (expected %s)", what, clip(v->valuestring), v->valuestring, list);
    }
    return i;
}

typedef void ReadItem(Loader *L, const cJSON *obj, void *dst);

/* Reads obj[key], an array of at least `min` objects, into a new array of `size`-byte
   elements, each filled by `read`; *count gets the length (0 on failure). */
static void *read_objects(Loader *L, const cJSON *obj, const char *key, int min, size_t size,
                          int *count, ReadItem *read)
{
    *count = 0;
    const cJSON *arr = field(L, obj, key, cJSON_Array, "an array", false), *item;
    if (!arr) return NULL;
    int n = cJSON_GetArraySize(arr), i = 0;
    if (n < min) diag_at(L, arr, "field \"%s\" should have at least %d item%s", key, min, min == 1 ? "" : "s");
    char *items = xcalloc(L, (size_t)n, size);
    if (!items) return NULL;
    *count = n;
    cJSON_ArrayForEach(item, arr) {
        size_t old = path_push(L, key, i);
        if (cJSON_IsObject(item)) read(L, item, items + (size_t)i * size);
        else diag_at(L, item, "should be an object, got %s", json_type_name(item));
        path_pop(L, old);
        i++;
    }
    return items;
}

/* ------------------------------------------------------- ids and names across files */

static const IdSite *id_find(const Loader *L, const char *id)
{
    for (int i = 0; i < L->nids; i++)
        if (strcmp(L->ids[i].id, id) == 0) return &L->ids[i];
    return NULL;
}

/* Records obj's id (NULL: missing or malformed, already reported), or reports it taken. */
static void id_register(Loader *L, const cJSON *obj, const char *id, IdKind kind)
{
    if (!id) return;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "id");
    const IdSite *first = id_find(L, id);
    if (first) {
        char name[32];
        file_name(first->file, name);
        diag_at(L, v, "duplicate id \"%s\" (first at %s:%d:%d)", id, name, first->line, first->col);
        return;
    }
    IdSite *ids = grow(L, L->ids, &L->capids, L->nids, sizeof *ids);
    if (!ids) return;
    L->ids = ids;
    IdSite *site = &L->ids[L->nids++];
    *site = (IdSite){ id, kind, L->t.file, 0, 0 };
    text_linecol(&L->t, text_offset(&L->t, v), &site->line, &site->col);
}

/* Notes the names of obj[key] (links or uses), to be checked once every file is read. */
static void refs_note(Loader *L, const cJSON *obj, const char *key, char **names, int n)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key), *item = arr ? arr->child : NULL;
    for (int i = 0; i < n && item; i++, item = item->next) {
        if (!names[i]) continue;
        Ref *refs = grow(L, L->refs, &L->caprefs, L->nrefs, sizeof *refs);
        if (!refs) return;
        L->refs = refs;
        Ref *r = &L->refs[L->nrefs++];
        size_t old = path_push(L, key, i);
        *r = (Ref){ names[i], L->t.file, 0, 0, xstrdup(L, L->path) };
        path_pop(L, old);
        text_linecol(&L->t, text_offset(&L->t, item), &r->line, &r->col);
    }
}

/* Pass 2: every name in links/uses is an exercise of the course. */
static void refs_check(Loader *L)
{
    for (int i = 0; i < L->nrefs; i++) {
        const Ref *r = &L->refs[i];
        const IdSite *s = id_find(L, r->name);
        if (!s) diag_ref(L, r, "no exercise \"%.*s\" in the course", clip(r->name), r->name);
        else if (s->kind != ID_EXERCISE) diag_ref(L, r, "\"%s\" is a %s, not an exercise", r->name, ID_KINDS[s->kind]);
    }
}

/* Pass 3: a week that names an exercise of a week with errors cannot load either. */
static void refs_spread(Loader *L)
{
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < L->nrefs; i++) {
            const Ref *r = &L->refs[i];
            const IdSite *s = id_find(L, r->name);
            if (L->errors_in[r->file] || !s || s->kind != ID_EXERCISE || !L->errors_in[s->file]) continue;
            char name[32];
            file_name(s->file, name);
            diag_ref(L, r, "exercise \"%s\" is in %s, which has errors", r->name, name);
            changed = true;
        }
    }
}

/* ------------------------------------------------------------ exercises and labs */

/* A file an exercise or lab must come with: TOP/weekNN/ID + TAIL. */
typedef struct { const char *what, *top, *tail; size_t at; } FileRule;

static const FileRule EXERCISE_FILES[] = {
    { "stub", "exercises", ".c", offsetof(Exercise, stub) },
    { "grader", "graders", "/grader.c", offsetof(Exercise, grader) },
    { "reference", "graders", "/reference.c", offsetof(Exercise, reference) },
};

static const FileRule LAB_FILES[] = {
    { "driver", "graders", "/lab.c", offsetof(Lab, driver) },
};

/* Sets the paths (relative to the root) of an exercise's or lab's files and checks they exist. */
static void files_attach(Loader *L, const cJSON *obj, const char *kind, const char *id, char *base,
                         const FileRule *rules, int n)
{
    if (!id) return;   /* no usable id, no file names */
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "id");
    for (int i = 0; i < n; i++) {
        char *rel = format("%s/week%02d/%s%s", rules[i].top, L->week, id, rules[i].tail);
        if (!rel) { L->oom = true; return; }
        *(char **)(void *)(base + rules[i].at) = rel;
        if (!file_exists(L, rel)) diag_at(L, v, "%s \"%s\": missing %s %s", kind, id, rules[i].what, rel);
    }
}

static const Field EXERCISE_FIELDS[] = {
    F_XNAME(Exercise, id),
    F_STRING(Exercise, "title", title),
    F_STRING(Exercise, "summary", summary),
    F_STRINGS(Exercise, "functions", functions, nfunctions, 1, INT_MAX, false),
    F_STRINGS(Exercise, "hints", hints, nhints, 2, INT_MAX, false),
    F_STRINGS(Exercise, "links", links, nlinks, 0, INT_MAX, true),
    F_END
};

static const Field LAB_FIELDS[] = {
    F_XNAME(Lab, id),
    F_STRING(Lab, "title", title),
    F_STRING(Lab, "summary", summary),
    F_STRINGS(Lab, "uses", uses, nuses, 0, INT_MAX, false),
    F_END
};

static void read_exercise(Loader *L, const cJSON *obj, Section *s)
{
    Exercise *e = s->exercise = xcalloc(L, 1, sizeof *e);
    if (!e) return;
    e->week = L->week;
    e->lesson = L->lesson;
    read_fields(L, obj, e, EXERCISE_FIELDS);
    id_register(L, obj, e->id, ID_EXERCISE);
    files_attach(L, obj, "exercise", e->id, (char *)e, EXERCISE_FILES, 3);
    refs_note(L, obj, "links", e->links, e->nlinks);
}

static void read_lab(Loader *L, const cJSON *obj, Section *s)
{
    Lab *lab = s->lab = xcalloc(L, 1, sizeof *lab);
    if (!lab) return;
    lab->week = L->week;
    lab->lesson = L->lesson;
    read_fields(L, obj, lab, LAB_FIELDS);
    id_register(L, obj, lab->id, ID_LAB);
    files_attach(L, obj, "lab", lab->id, (char *)lab, LAB_FILES, 1);
    refs_note(L, obj, "uses", lab->uses, lab->nuses);
}

/* -------------------------------------------------------------------- questions */

/* The answer of a choice question is an index into its choices. */
static void check_choice(Loader *L, const cJSON *obj, Question *q)
{
    if (q->choice < 0 || q->nchoices == 0 || q->choice < q->nchoices) return;
    diag_at(L, cJSON_GetObjectItemCaseSensitive(obj, "answer"),
            "field \"answer\" is %d, but the choices are numbered 0 to %d", q->choice, q->nchoices - 1);
}

/* One row of a matrix answer: an array of `cols` finite numbers, stored in out (cols == 0:
   the width is unknown, as answer[0] is unusable). */
static bool read_row(Loader *L, const cJSON *row, int cols, double *out)
{
    if (!cJSON_IsArray(row)) { diag_at(L, row, "should be an array of numbers, got %s", json_type_name(row)); return false; }
    int n = cJSON_GetArraySize(row), j = 0;
    bool ok = n > 0 && (cols == 0 || n == cols);
    if (n == 0) diag_at(L, row, "row is empty");
    else if (!ok) diag_at(L, row, "row has %d entries, but answer[0] has %d; a matrix is rectangular", n, cols);
    const cJSON *x;
    cJSON_ArrayForEach(x, row) {
        size_t old = path_push(L, NULL, j);
        if (!cJSON_IsNumber(x)) diag_at(L, x, "should be a number, got %s", json_type_name(x));
        else if (!isfinite(x->valuedouble)) diag_at(L, x, "should be a finite number, got %g", x->valuedouble);
        else if (j < cols) out[j] = x->valuedouble;
        ok = ok && cJSON_IsNumber(x) && isfinite(x->valuedouble);
        path_pop(L, old);
        j++;
    }
    return ok;
}

/* The answer of a matrix question: a non-empty array of rows of the same non-zero length. */
static void read_matrix(Loader *L, const cJSON *obj, Question *q)
{
    const cJSON *rows = field(L, obj, "answer", cJSON_Array, "an array of rows", false), *row;
    if (!rows) return;
    if (!rows->child) { diag_at(L, rows, "field \"answer\" should have at least one row"); return; }
    int r = cJSON_GetArraySize(rows), c = cJSON_IsArray(rows->child) ? cJSON_GetArraySize(rows->child) : 0;
    int i = 0;
    bool ok = c > 0;
    double *m = xcalloc(L, (size_t)r * (size_t)(c > 0 ? c : 1), sizeof *m);
    if (!m) return;
    cJSON_ArrayForEach(row, rows) {
        size_t old = path_push(L, "answer", i);
        ok = read_row(L, row, c, m + (size_t)i * (size_t)c) && ok;
        path_pop(L, old);
        i++;
    }
    if (!ok) { free(m); return; }
    q->rows = r;
    q->cols = c;
    q->matrix = m;
}

typedef struct {
    const char *name;
    Field fields[3];                                   /* the kind's own fields */
    void (*check)(Loader *L, const cJSON *obj, Question *q);
} KindSpec;

static const KindSpec KINDS[Q_COUNT] = {
    [Q_NUMBER] = { .name = "number", .fields = { F_NUMBER(Question, "answer", number, -DBL_MAX),
                                                 F_NUMBER(Question, "tol", tol, 0) } },
    [Q_CHOICE] = { .name = "choice", .fields = { F_STRINGS(Question, "choices", choices, nchoices, 2, 6, false),
                                                 F_INT(Question, "answer", choice, 0, INT_MAX) },
                   .check = check_choice },
    [Q_MATRIX] = { .name = "matrix", .fields = { F_NUMBER(Question, "tol", tol, 0) }, .check = read_matrix },
};

static const Field QUESTION_FIELDS[] = {
    F_NAME(Question, id),
    F_STRING(Question, "prompt", prompt),
    F_STRING(Question, "explain", explain),
    F_END
};

static void read_question(Loader *L, const cJSON *obj, Section *s)
{
    Question *q = s->question = xcalloc(L, 1, sizeof *q);
    if (!q) return;
    q->choice = -1;
    read_fields(L, obj, q, QUESTION_FIELDS);
    id_register(L, obj, q->id, ID_QUESTION);
    int k = read_enum(L, obj, "kind", KINDS, sizeof *KINDS, Q_COUNT, "question kind");
    if (k < 0) return;
    q->kind = (QuestionKind)k;
    read_fields(L, obj, q, KINDS[k].fields);
    if (KINDS[k].check) KINDS[k].check(L, obj, q);
}

/* --------------------------------------------------------------------- sections */

static const Field CONCEPT_FIELDS[] = { F_STRING(Pair, "term", a), F_STRING(Pair, "text", b), F_END };
static const Field WHEN_FIELDS[] = { F_STRING(Pair, "use", a), F_STRING(Pair, "when", b), F_END };

static void read_concept(Loader *L, const cJSON *obj, void *dst) { read_fields(L, obj, dst, CONCEPT_FIELDS); }
static void read_when(Loader *L, const cJSON *obj, void *dst) { read_fields(L, obj, dst, WHEN_FIELDS); }

typedef struct {
    const char *name;
    Field fields[4];                                   /* string fields kept in the Section */
    ReadItem *item;                                    /* concepts, when: one of "items" */
    void (*read)(Loader *L, const cJSON *obj, Section *s);   /* question, exercise, lab */
} SectionSpec;

static const SectionSpec SECTIONS[SEC_COUNT] = {
    [SEC_TEXT]     = { .name = "text", .fields = { F_STRING(Section, "body", body), F_OPTSTR(Section, "title", title) } },
    [SEC_CONCEPTS] = { .name = "concepts", .item = read_concept },
    [SEC_FORMULA]  = { .name = "formula", .fields = { F_STRING(Section, "formula", body), F_OPTSTR(Section, "note", note) } },
    [SEC_EXAMPLE]  = { .name = "example", .fields = { F_STRING(Section, "title", title), F_STRING(Section, "body", body) } },
    [SEC_CODE]     = { .name = "code", .fields = { F_STRING(Section, "lang", lang), F_STRING(Section, "body", body),
                                                   F_OPTSTR(Section, "title", title) } },
    [SEC_ML]       = { .name = "ml", .fields = { F_STRING(Section, "body", body) } },
    [SEC_WHEN]     = { .name = "when", .item = read_when },
    [SEC_QUESTION] = { .name = "question", .read = read_question },
    [SEC_EXERCISE] = { .name = "exercise", .read = read_exercise },
    [SEC_LAB]      = { .name = "lab", .read = read_lab },
};

static void read_section(Loader *L, const cJSON *obj, void *dst)
{
    Section *s = dst;
    int t = read_enum(L, obj, "type", SECTIONS, sizeof *SECTIONS, SEC_COUNT, "section type");
    if (t < 0) return;
    const SectionSpec *spec = &SECTIONS[t];
    s->type = (SectionType)t;
    read_fields(L, obj, s, spec->fields);
    if (spec->item) s->items = read_objects(L, obj, "items", 1, sizeof *s->items, &s->nitems, spec->item);
    if (spec->read) spec->read(L, obj, s);
}

/* ------------------------------------------------------------- lessons and weeks */

static const char *const SOURCE_KINDS[] = { "video", "lecture", "reading" };

static const Field SOURCE_FIELDS[] = {
    F_STRING(Source, "course", course),
    F_STRING(Source, "title", title),
    F_STRING(Source, "url", url),
    F_OPTINT(Source, "number", number, 0, INT_MAX),
    F_END
};

static void read_source(Loader *L, const cJSON *obj, void *dst)
{
    Source *src = dst;
    int k = read_enum(L, obj, "kind", SOURCE_KINDS, sizeof *SOURCE_KINDS, 3, "source kind");
    if (k >= 0) src->kind = xstrdup(L, SOURCE_KINDS[k]);
    read_fields(L, obj, src, SOURCE_FIELDS);
}

static const Field LESSON_FIELDS[] = {
    F_NAME(Lesson, id),
    F_STRING(Lesson, "title", title),
    F_INT(Lesson, "minutes", minutes, 1, INT_MAX),
    F_END
};

static void read_lesson(Loader *L, const cJSON *obj, void *dst)
{
    Lesson *les = dst;
    les->week = L->week;
    read_fields(L, obj, les, LESSON_FIELDS);
    id_register(L, obj, les->id, ID_LESSON);
    les->sources = read_objects(L, obj, "sources", 0, sizeof *les->sources, &les->nsources, read_source);
    L->lesson = les;
    les->sections = read_objects(L, obj, "sections", 1, sizeof *les->sections, &les->nsections, read_section);
    L->lesson = NULL;
}

/* The top of every file: an object with "format": 1. Nothing more is read when it is not. */
static bool check_top(Loader *L, const cJSON *root)
{
    if (!cJSON_IsObject(root)) {
        diag_at(L, root, "the file should hold a JSON object, got %s", json_type_name(root));
        return false;
    }
    const cJSON *f = field(L, root, "format", cJSON_Number, "a number", false);
    if (f && f->valuedouble != 1) diag_at(L, f, "unsupported format %g (this version reads format 1)", f->valuedouble);
    return f && f->valuedouble == 1;
}

static const Field WEEK_FIELDS[] = {
    F_INT(Week, "week", number, 1, COURSE_WEEKS),
    F_STRING(Week, "title", title),
    F_STRING(Week, "summary", summary),
    F_OPTSTR(Week, "checkpoint", checkpoint),
    F_END
};

/* Reads lessons/weekNN.json into w; *present is false when the file does not exist. */
static void week_load(Loader *L, int n, Week *w, bool *present)
{
    cJSON *root;
    *present = text_open(L, n, &root) != READ_MISSING;
    if (root && check_top(L, root)) {
        read_fields(L, root, w, WEEK_FIELDS);
        if (w->number && w->number != n)
            diag_at(L, cJSON_GetObjectItemCaseSensitive(root, "week"),
                    "field \"week\" is %d, but the file is week%02d.json", w->number, n);
        w->number = n;
        L->week = n;
        w->lessons = read_objects(L, root, "lessons", 0, sizeof *w->lessons, &w->nlessons, read_lesson);
    }
    cJSON_Delete(root);
    text_close(L);
}

/* --------------------------------------------------------------------- course.json */

static const Field COURSE_FIELDS[] = { F_STRING(Course, "title", title), F_END };
static const Field LISTED_FIELDS[] = {
    F_INT(Week, "week", number, 1, COURSE_WEEKS),
    F_STRING(Week, "title", title),
    F_END
};

static void read_listed(Loader *L, const cJSON *obj, void *dst) { read_fields(L, obj, dst, LISTED_FIELDS); }

/* Moves the titles of the weeks course.json lists into the course: each of the weeks
   1…COURSE_WEEKS exactly once. */
static void weeks_place(Loader *L, const cJSON *root, Course *c, Week *listed, int n)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "weeks"), *item = arr ? arr->child : NULL;
    bool seen[COURSE_WEEKS] = { false };
    for (int i = 0; i < n && item; i++, item = item->next) {
        int k = listed[i].number - 1;
        if (k < 0) continue;   /* reported */
        if (seen[k]) {
            size_t old = path_push(L, "weeks", i);
            diag_at(L, item, "week %d is listed twice", k + 1);
            path_pop(L, old);
            continue;
        }
        seen[k] = true;
        c->weeks[k].title = listed[i].title;
        listed[i].title = NULL;
    }
    for (int k = 0; k < COURSE_WEEKS && arr && n > 0; k++)
        if (!seen[k]) diag_at(L, arr, "field \"weeks\" has no week %d (all %d weeks are listed)", k + 1, COURSE_WEEKS);
}

/* Reads lessons/course.json into c; false when it has any problem. */
static bool course_json_load(Loader *L, Course *c)
{
    cJSON *root;
    text_open(L, 0, &root);
    if (root && check_top(L, root)) {
        int n;
        read_fields(L, root, c, COURSE_FIELDS);
        Week *listed = read_objects(L, root, "weeks", 1, sizeof *listed, &n, read_listed);
        weeks_place(L, root, c, listed, n);
        for (int i = 0; i < n; i++) free(listed[i].title);
        free(listed);
    }
    cJSON_Delete(root);
    text_close(L);
    return L->errors_in[0] == 0;
}

/* ------------------------------------------------------------------ freeing */

static void strings_free(char **v, int n)
{
    for (int i = 0; v && i < n; i++) free(v[i]);
    free(v);
}

static void question_free(Question *q)
{
    if (!q) return;
    free(q->id); free(q->prompt); free(q->explain);
    strings_free(q->choices, q->nchoices);
    free(q->matrix);
    free(q);
}

static void exercise_free(Exercise *e)
{
    if (!e) return;
    free(e->id); free(e->title); free(e->summary);
    strings_free(e->functions, e->nfunctions);
    strings_free(e->hints, e->nhints);
    strings_free(e->links, e->nlinks);
    free(e->stub); free(e->grader); free(e->reference);
    free(e);
}

static void lab_free(Lab *lab)
{
    if (!lab) return;
    free(lab->id); free(lab->title); free(lab->summary);
    strings_free(lab->uses, lab->nuses);
    free(lab->driver);
    free(lab);
}

static void section_free(Section *s)
{
    free(s->title); free(s->body); free(s->lang); free(s->note);
    for (int i = 0; s->items && i < s->nitems; i++) { free(s->items[i].a); free(s->items[i].b); }
    free(s->items);
    question_free(s->question);
    exercise_free(s->exercise);
    lab_free(s->lab);
}

static void lesson_free(Lesson *les)
{
    free(les->id); free(les->title);
    for (int i = 0; les->sources && i < les->nsources; i++) {
        Source *src = &les->sources[i];
        free(src->kind); free(src->course); free(src->title); free(src->url);
    }
    free(les->sources);
    for (int i = 0; les->sections && i < les->nsections; i++) section_free(&les->sections[i]);
    free(les->sections);
}

static void week_clear(Week *w)
{
    free(w->title); free(w->summary); free(w->checkpoint);
    for (int i = 0; w->lessons && i < w->nlessons; i++) lesson_free(&w->lessons[i]);
    free(w->lessons);
    *w = (Week){ 0 };
}

static void loader_free(Loader *L)
{
    for (int i = 0; i < L->ndiags; i++) free(L->diags[i].text);
    free(L->diags);
    for (int i = 0; i < L->nrefs; i++) free(L->refs[i].path);
    free(L->refs);
    free(L->ids);
}

/* ----------------------------------------------------------------- assembling */

/* Puts the weeks without errors into the course; the others stay "not written". */
static void weeks_assemble(Loader *L, Course *c, Week *built, const bool *present)
{
    for (int k = 0; k < COURSE_WEEKS; k++) {
        if (present[k] && !L->errors_in[k + 1]) {
            free(c->weeks[k].title);
            c->weeks[k] = built[k];
            c->weeks[k].written = true;
            built[k] = (Week){ 0 };
        } else {
            week_clear(&built[k]);
        }
        c->weeks[k].number = k + 1;
    }
}

/* Fills the flat lists (fill) or only counts their entries, in course order. */
static void course_gather(Course *c, bool fill)
{
    c->nexercises = c->nlabs = c->nquestions = 0;
    for (int k = 0; k < COURSE_WEEKS; k++)
        for (int i = 0; i < c->weeks[k].nlessons; i++)
            for (int j = 0; j < c->weeks[k].lessons[i].nsections; j++) {
                Section *s = &c->weeks[k].lessons[i].sections[j];
                if (s->exercise) { if (fill) c->exercises[c->nexercises] = s->exercise; c->nexercises++; }
                if (s->lab) { if (fill) c->labs[c->nlabs] = s->lab; c->nlabs++; }
                if (s->question) { if (fill) c->questions[c->nquestions] = s->question; c->nquestions++; }
            }
}

static bool course_index(Loader *L, Course *c)
{
    course_gather(c, false);
    c->exercises = xcalloc(L, (size_t)c->nexercises, sizeof *c->exercises);
    c->labs = xcalloc(L, (size_t)c->nlabs, sizeof *c->labs);
    c->questions = xcalloc(L, (size_t)c->nquestions, sizeof *c->questions);
    if (L->oom) return false;
    course_gather(c, true);
    return true;
}

/* ------------------------------------------------------------------ the API */

Course *course_load(const char *root, CourseErrors *errs)
{
    Loader L = { .root = root ? root : "." };
    Week built[COURSE_WEEKS] = { { 0 } };
    bool present[COURSE_WEEKS] = { false };
    Course *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->root = xstrdup(&L, L.root);

    bool usable = course_json_load(&L, c);
    for (int n = 1; n <= COURSE_WEEKS; n++) week_load(&L, n, &built[n - 1], &present[n - 1]);
    refs_check(&L);
    refs_spread(&L);
    weeks_assemble(&L, c, built, present);
    usable = usable && !L.oom && course_index(&L, c);

    diags_flush(&L, errs);
    usable = usable && !L.oom;
    loader_free(&L);
    if (!usable) { course_free(c); return NULL; }
    return c;
}

void course_free(Course *c)
{
    if (!c) return;
    free(c->root);
    free(c->title);
    for (int k = 0; k < COURSE_WEEKS; k++) week_clear(&c->weeks[k]);
    free(c->exercises);
    free(c->labs);
    free(c->questions);
    free(c);
}

void course_errors_free(CourseErrors *errs)
{
    if (!errs) return;
    for (int i = 0; i < errs->count; i++) free(errs->lines[i]);
    free(errs->lines);
    errs->lines = NULL;
    errs->count = 0;
}

Exercise *course_exercise(const Course *c, const char *id)
{
    for (int i = 0; c && id && i < c->nexercises; i++)
        if (strcmp(c->exercises[i]->id, id) == 0) return c->exercises[i];
    return NULL;
}

Lab *course_lab(const Course *c, const char *id)
{
    for (int i = 0; c && id && i < c->nlabs; i++)
        if (strcmp(c->labs[i]->id, id) == 0) return c->labs[i];
    return NULL;
}

Question *course_question(const Course *c, const char *id)
{
    for (int i = 0; c && id && i < c->nquestions; i++)
        if (strcmp(c->questions[i]->id, id) == 0) return c->questions[i];
    return NULL;
}

Lesson *course_lesson(const Course *c, const char *id)
{
    for (int k = 0; c && id && k < COURSE_WEEKS; k++)
        for (int i = 0; i < c->weeks[k].nlessons; i++)
            if (strcmp(c->weeks[k].lessons[i].id, id) == 0) return &c->weeks[k].lessons[i];
    return NULL;
}

const char *course_section_name(SectionType t)
{
    return (unsigned)t < SEC_COUNT ? SECTIONS[t].name : "unknown";
}

const char *course_question_kind_name(QuestionKind k)
{
    return (unsigned)k < Q_COUNT ? KINDS[k].name : "unknown";
}
