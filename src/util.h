/*
 * util.h — small helpers shared by the core: checked allocation, growable strings, files and
 * folders. No curses here.
 */
#ifndef LA4AI_UTIL_H
#define LA4AI_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Checked allocation: on failure print the site and abort (there is nothing to recover). */
#define xmalloc(n) util_xmalloc((n), __FILE__, __LINE__)
#define xcalloc(n, s) util_xcalloc((n), (s), __FILE__, __LINE__)
#define xrealloc(p, n) util_xrealloc((p), (n), __FILE__, __LINE__)
#define xstrdup(s) util_xstrdup((s), __FILE__, __LINE__)
void *util_xmalloc(size_t n, const char *file, int line);
void *util_xcalloc(size_t n, size_t size, const char *file, int line);
void *util_xrealloc(void *p, size_t n, const char *file, int line);
char *util_xstrdup(const char *s, const char *file, int line);

/* A growable NUL-terminated string. Zero-initialise, append, take .s (owned), free. */
typedef struct { char *s; size_t len, cap; } StrBuf;
void sb_add(StrBuf *b, const char *s);
void sb_addn(StrBuf *b, const char *s, size_t n);
void sb_addf(StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(StrBuf *b, const char *fmt, va_list ap);
char *sb_take(StrBuf *b);  /* the string (never NULL); the buffer is reset */
void sb_free(StrBuf *b);

/* printf into a new string. Caller frees. */
char *util_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whole file into a NUL-terminated buffer (caller frees), or NULL (errno set). */
char *util_read_file(const char *path, size_t *len);
/* Writes len bytes to path (truncating). 0 or -1 (errno set). */
int util_write_file(const char *path, const char *data, size_t len);
bool util_exists(const char *path);
/* Copies a file. 0 or -1. */
int util_copy_file(const char *from, const char *to);
/* A new private folder under $TMPDIR (or /tmp) named prefix-XXXXXX. Caller frees. */
char *util_mkdtemp(const char *prefix);
/* Removes a folder and everything in it (no symlinks followed). */
void util_rmtree(const char *path);
/* path relative to root if it lies inside root, else path itself: a pointer into path. */
const char *util_relative(const char *path, const char *root);
/* Seconds on a monotonic clock. */
double util_now(void);

#endif /* LA4AI_UTIL_H */
