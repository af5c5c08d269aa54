/*
 * la4guard.c — guards around the learner's code when la4ai grades it.
 *
 * la4ai compiles the learner's file with `-include la4guard.h`, whose macros send her calls to
 * exit(), fork(), malloc() and friends here first (only her translation unit is affected:
 * Check, the grader and libc keep the real functions). Each guard fails the current test with
 * a sentence that says what happened, instead of letting the process vanish (which Check's
 * fork mode would count as a pass) or eat the machine.
 *
 * Memory: live bytes are counted with malloc_usable_size (it works under AddressSanitizer
 * too); LA4AI_MEM_LIMIT_MB (default 512) is the ceiling for one test.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define LA4GUARD_IMPL /* declarations only: the real functions are called here */
#include "la4guard.h"
#include "la4grade.h"

static size_t live_bytes;
static size_t limit_bytes;

static size_t mem_limit(void)
{
    if (!limit_bytes) {
        const char *s = getenv("LA4AI_MEM_LIMIT_MB");
        long mb = s ? atol(s) : 512;
        limit_bytes = (size_t)(mb > 0 ? mb : 512) << 20;
    }
    return limit_bytes;
}

static void over_limit(size_t asked)
{
    la_fail("memory limit: your code asked for %zu bytes with %zu MiB already in use, over "
            "the %zu MiB a test may use. Look for an allocation inside a loop that is never "
            "freed, or a size computed wrong (rows*cols, not rows*rows*cols)",
            asked, live_bytes >> 20, mem_limit() >> 20);
}

void *la_guard_malloc(size_t size)
{
    if (size > mem_limit() - live_bytes || live_bytes > mem_limit())
        over_limit(size);
    void *p = malloc(size);
    if (p)
        live_bytes += malloc_usable_size(p);
    return p;
}

void *la_guard_calloc(size_t n, size_t size)
{
    if (size && n > (mem_limit() - live_bytes) / size)
        over_limit(n * size);
    void *p = calloc(n, size);
    if (p)
        live_bytes += malloc_usable_size(p);
    return p;
}

void *la_guard_realloc(void *old, size_t size)
{
    size_t before = old ? malloc_usable_size(old) : 0;
    if (size > before && size - before > mem_limit() - live_bytes)
        over_limit(size);
    void *p = realloc(old, size);
    if (p) {
        live_bytes -= before < live_bytes ? before : live_bytes;
        live_bytes += malloc_usable_size(p);
    }
    return p;
}

void la_guard_free(void *p)
{
    if (p) {
        size_t n = malloc_usable_size(p);
        live_bytes -= n < live_bytes ? n : live_bytes;
    }
    free(p);
}

static _Noreturn void ended(const char *how, int code)
{
    la_fail("your code called %s(%d), which ends the whole program: a function reports a "
            "problem by returning a value (this course uses -1), never by exiting",
            how, code);
}

void la_guard_exit(int code) { ended("exit", code); }
void la_guard_uexit(int code) { ended("_exit", code); }
void la_guard_uExit(int code) { ended("_Exit", code); }
void la_guard_quick_exit(int code) { ended("quick_exit", code); }

static _Noreturn void no_processes(const char *what)
{
    la_fail("your code called %s(): exercises are plain functions and may not start other "
            "processes",
            what);
}

pid_t la_guard_fork(void) { no_processes("fork"); }
pid_t la_guard_vfork(void) { no_processes("vfork"); }
int la_guard_system(const char *cmd) { (void)cmd; no_processes("system"); }
FILE *la_guard_popen(const char *cmd, const char *mode)
{
    (void)cmd;
    (void)mode;
    no_processes("popen");
}
