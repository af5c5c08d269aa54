/*
 * sandbox.c — run one program under limits (see sandbox.h).
 *
 * Theory of operation: fork; the child makes its own process group, resets signals, wires
 * stdout+stderr to one pipe, sets rlimits, optionally becomes nobody, changes to the work
 * folder and execs. Exec failure is reported through a close-on-exec pipe (as musl's
 * posix_spawn does). The parent polls the output pipe with a short timeout, reaping the child
 * with wait4 for its rusage; once the child is gone (or the wall clock runs out) every
 * process left in its group is killed, so grandchildren cannot linger.
 */
#define _GNU_SOURCE
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NOBODY 65534

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void set_limit(int resource, rlim_t value)
{
    struct rlimit rl = { value, value };
    setrlimit(resource, &rl);
}

/* In the child: never returns. Writes errno to errfd if exec (or set-up) fails. */
static void child(char *const argv[], const SandboxLimits *lim, int outfd, int errfd,
                  pid_t parent)
{
    setpgid(0, 0);
    sigset_t all;
    sigemptyset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    for (int s = 1; s < NSIG; s++)
        signal(s, SIG_DFL);

    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0)
        dup2(devnull, STDIN_FILENO);
    dup2(outfd, STDOUT_FILENO);
    dup2(outfd, STDERR_FILENO);

    if (lim->cpu_seconds > 0)
        set_limit(RLIMIT_CPU, (rlim_t)(lim->cpu_seconds + 0.999));
    if (lim->mem_mb > 0)
        set_limit(RLIMIT_AS, (rlim_t)lim->mem_mb << 20);
    if (lim->file_mb > 0)
        set_limit(RLIMIT_FSIZE, (rlim_t)lim->file_mb << 20);
    set_limit(RLIMIT_CORE, 0);

    int step = 0;
    if (lim->workdir && chdir(lim->workdir) != 0)
        goto fail;
    step = 1;
    if (lim->drop_root && geteuid() == 0) {
        if (lim->max_procs > 0)
            set_limit(RLIMIT_NPROC, (rlim_t)lim->max_procs);
        if (setgroups(0, NULL) != 0 || setgid(NOBODY) != 0 || setuid(NOBODY) != 0)
            goto fail;
    }
    /* If la4ai goes (a cancelled check in the TUI), the program goes too. Set after the
       change of identity, which would clear it. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(127);
    step = 2;
    static char *const empty[] = { NULL };
    execve(argv[0], argv, lim->env ? lim->env : empty);
fail:;
    int report[2] = { step, errno };
    ssize_t w = write(errfd, report, sizeof report);
    (void)w;
    _exit(127);
}

static void keep(SandboxResult *res, size_t cap, const char *buf, size_t n)
{
    res->output_total += n;
    size_t room = cap > res->output_len ? cap - res->output_len : 0;
    size_t take = n < room ? n : room;
    memcpy(res->output + res->output_len, buf, take);
    res->output_len += take;
    res->output[res->output_len] = '\0';
}

static void drain(int fd, SandboxResult *res, size_t cap)
{
    char buf[8192];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        keep(res, cap, buf, (size_t)n);
}

static void kill_group(pid_t pgid)
{
    /* repeat: a process that was forking when the first signal came is caught next time */
    for (int i = 0; i < 8 && kill(-pgid, SIGKILL) == 0; i++)
        usleep(1000);
}

int sandbox_run(char *const argv[], const SandboxLimits *lim, SandboxResult *res)
{
    memset(res, 0, sizeof *res);
    size_t cap = lim->output_cap ? lim->output_cap : 65536;
    res->output = malloc(cap + 1);
    if (!res->output) {
        res->end = SB_START_FAILED;
        snprintf(res->error, sizeof res->error, "out of memory");
        return -1;
    }
    res->output[0] = '\0';

    if (lim->drop_root && geteuid() == 0 && lim->workdir &&
        chown(lim->workdir, NOBODY, NOBODY) != 0) {
        /* keep going: the child still runs, as nobody, in a folder it may not write */
    }

    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
        res->end = SB_START_FAILED;
        snprintf(res->error, sizeof res->error, "pipe: %s", strerror(errno));
        return -1;
    }
    double start = now();
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        res->end = SB_START_FAILED;
        snprintf(res->error, sizeof res->error, "fork: %s", strerror(errno));
        close(out[0]), close(out[1]), close(err[0]), close(err[1]);
        return -1;
    }
    if (pid == 0)
        child(argv, lim, out[1], err[1], parent);
    setpgid(pid, pid); /* also in the child: whichever runs first */
    close(out[1]);
    close(err[1]);

    int report[2];
    ssize_t got = read(err[0], report, sizeof report); /* EOF at a successful exec */
    close(err[0]);
    if (got == (ssize_t)sizeof report) {
        static const char *what[] = { "cannot enter the work folder", "cannot drop root",
                                      "cannot run" };
        waitpid(pid, NULL, 0);
        close(out[0]);
        res->end = SB_START_FAILED;
        snprintf(res->error, sizeof res->error, "%s %s: %s", what[report[0] % 3],
                 report[0] == 0 ? lim->workdir : argv[0], strerror(report[1]));
        return -1;
    }

    fcntl(out[0], F_SETFL, O_NONBLOCK);
    int status = 0, reaped = 0, timed_out = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    double deadline = start + (lim->wall_seconds > 0 ? lim->wall_seconds : 60.0);
    int open_pipe = 1;
    while (!reaped) {
        struct pollfd p = { out[0], POLLIN, 0 };
        int wait_ms = (int)((deadline - now()) * 1000);
        if (wait_ms > 20)
            wait_ms = 20;
        if (open_pipe && poll(&p, 1, wait_ms < 0 ? 0 : wait_ms) > 0) {
            char buf[8192];
            ssize_t n = read(out[0], buf, sizeof buf);
            if (n > 0)
                keep(res, cap, buf, (size_t)n);
            else if (n == 0)
                open_pipe = 0; /* everyone closed it; keep waiting for the exit */
        } else if (!open_pipe) {
            usleep(2000);
        }
        if (wait4(pid, &status, WNOHANG, &ru) == pid)
            reaped = 1;
        else if (now() >= deadline) {
            timed_out = 1;
            kill_group(pid);
            wait4(pid, &status, 0, &ru);
            reaped = 1;
        }
    }
    kill_group(pid); /* whatever the program left behind */
    drain(out[0], res, cap);
    close(out[0]);

    res->wall_seconds = now() - start;
    res->cpu_seconds = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
                       ru.ru_stime.tv_usec / 1e6;
    res->max_rss_kb = ru.ru_maxrss;
    if (timed_out) {
        res->end = SB_TIMEOUT;
    } else if (WIFSIGNALED(status)) {
        res->end = SB_SIGNALED;
        res->term_signal = WTERMSIG(status);
    } else {
        res->end = SB_EXITED;
        res->exit_code = WEXITSTATUS(status);
    }
    return 0;
}

void sandbox_result_free(SandboxResult *res)
{
    free(res->output);
    res->output = NULL;
}

const char *sandbox_describe(const SandboxResult *res, char *buf, size_t size)
{
    switch (res->end) {
    case SB_EXITED:
        snprintf(buf, size, "exited with status %d", res->exit_code);
        break;
    case SB_SIGNALED:
        if (res->term_signal == SIGXCPU)
            snprintf(buf, size, "stopped at its CPU-time limit — something never finished");
        else if (res->term_signal == SIGXFSZ)
            snprintf(buf, size, "stopped at its file-size limit — something wrote without end");
        else
            snprintf(buf, size, "ended by signal %d (%s)", res->term_signal,
                     strsignal(res->term_signal));
        break;
    case SB_TIMEOUT:
        snprintf(buf, size, "killed after %.0f s of wall-clock time — something never finished",
                 res->wall_seconds);
        break;
    case SB_START_FAILED:
        snprintf(buf, size, "could not start: %s", res->error);
        break;
    }
    return buf;
}
