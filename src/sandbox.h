/*
 * sandbox.h — run one program under limits and capture what it prints.
 *
 * The child gets its own process group, rlimits (CPU seconds per process, address space,
 * file size, no core dumps, processes), a private working folder, a clean environment, and —
 * when la4ai runs as root — the identity of `nobody`, so that the process limit holds.
 * stdout and stderr share one pipe; the parent keeps the first output_cap bytes, counts the
 * rest, and kills the whole group when the wall clock runs out. No curses here.
 */
#ifndef LA4AI_SANDBOX_H
#define LA4AI_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    double wall_seconds;   /* the whole group is killed after this (> 0) */
    double cpu_seconds;    /* RLIMIT_CPU of each process; 0 = none */
    long mem_mb;           /* RLIMIT_AS; 0 = none (it must be 0 under AddressSanitizer) */
    long file_mb;          /* RLIMIT_FSIZE; 0 = none */
    int max_procs;         /* RLIMIT_NPROC, applied only when dropping root; 0 = none */
    size_t output_cap;     /* bytes of output kept */
    const char *workdir;   /* the child's working folder, or NULL to stay */
    char *const *env;      /* the child's whole environment (NULL = empty) */
    bool drop_root;        /* when running as root, become nobody (and own workdir) */
} SandboxLimits;

typedef enum {
    SB_EXITED,       /* exit_code is valid */
    SB_SIGNALED,     /* term_signal is valid */
    SB_TIMEOUT,      /* killed by the wall clock */
    SB_START_FAILED  /* could not start: error says why */
} SandboxEnd;

typedef struct {
    SandboxEnd end;
    int exit_code, term_signal;
    double wall_seconds, cpu_seconds;
    long max_rss_kb;
    char *output;          /* NUL-terminated, at most output_cap bytes; owned */
    size_t output_len;     /* bytes kept */
    size_t output_total;   /* bytes the child wrote in all */
    char error[256];
} SandboxResult;

/* Runs argv (argv[0] is a path) under lim and fills res (free it with sandbox_result_free).
   Returns 0 when the program ran (whatever its verdict), -1 when it could not be started
   (res->end == SB_START_FAILED, res->error says why). */
int sandbox_run(char *const argv[], const SandboxLimits *lim, SandboxResult *res);
void sandbox_result_free(SandboxResult *res);

/* A sentence describing how the run ended, for a learner ("killed after 10 s of wall-clock
   time — something never finished", "ended by signal 11 (Segmentation fault)"). */
const char *sandbox_describe(const SandboxResult *res, char *buf, size_t size);

#endif /* LA4AI_SANDBOX_H */
