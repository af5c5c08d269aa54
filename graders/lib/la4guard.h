/*
 * la4guard.h — force-included (gcc -include) in the learner's file when la4ai grades it.
 * Redirects calls that would end the process, start processes or allocate memory to the
 * guards in la4guard.c, so that a misbehaving function fails one test with a clear message.
 * The system headers come first, so their declarations keep the real names.
 */
#ifndef LA4GUARD_H
#define LA4GUARD_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

void *la_guard_malloc(size_t size);
void *la_guard_calloc(size_t n, size_t size);
void *la_guard_realloc(void *p, size_t size);
void la_guard_free(void *p);
_Noreturn void la_guard_exit(int code);
_Noreturn void la_guard_uexit(int code);
_Noreturn void la_guard_uExit(int code);
_Noreturn void la_guard_quick_exit(int code);
pid_t la_guard_fork(void);
pid_t la_guard_vfork(void);
int la_guard_system(const char *cmd);
FILE *la_guard_popen(const char *cmd, const char *mode);

#ifndef LA4GUARD_IMPL
#define malloc(n) la_guard_malloc(n)
#define calloc(n, s) la_guard_calloc(n, s)
#define realloc(p, n) la_guard_realloc(p, n)
#define free(p) la_guard_free(p)
#define exit(c) la_guard_exit(c)
#define _exit(c) la_guard_uexit(c)
#define _Exit(c) la_guard_uExit(c)
#define quick_exit(c) la_guard_quick_exit(c)
#define fork() la_guard_fork()
#define vfork() la_guard_vfork()
#define system(c) la_guard_system(c)
#define popen(c, m) la_guard_popen(c, m)
#endif

#endif /* LA4GUARD_H */
