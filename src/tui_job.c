/*
 * tui_job.c — child processes the TUI watches without waiting on them: a check or a lab is
 * this same binary run with posix_spawn in its own process group (so Ctrl-C at the terminal
 * never reaches it and a cancel reaches all of it), stdin from /dev/null, stdout and stderr
 * into non-blocking pipes that the main loop drains between keys. Uses no curses.
 */
#define _GNU_SOURCE
#include "tui_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int tui_job_start(TuiJob *j, char *const argv[], char *err, size_t errlen)
{
    tui_job_cancel(j); /* a job struct is reused: the last run's output goes */
    sb_free(&j->out);
    sb_free(&j->err);
    memset(j, 0, sizeof *j);
    j->fd[0] = j->fd[1] = -1;
    int out[2], errp[2];
    if (pipe2(out, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        return -1;
    }
    if (pipe2(errp, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        close(out[0]), close(out[1]);
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, errp[1], STDERR_FILENO);
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    int reset[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGWINCH, SIGCHLD };
    for (size_t i = 0; i < sizeof reset / sizeof *reset; i++)
        sigaddset(&defaults, reset[i]);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &defaults);
    posix_spawnattr_setpgroup(&at, 0);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                      POSIX_SPAWN_SETSIGDEF);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    close(out[1]);
    close(errp[1]);
    if (rc != 0) {
        snprintf(err, errlen, "cannot run %s: %s", argv[0], strerror(rc));
        close(out[0]), close(errp[0]);
        return -1;
    }
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    fcntl(errp[0], F_SETFL, O_NONBLOCK);
    j->pid = pid;
    j->fd[0] = out[0];
    j->fd[1] = errp[0];
    j->started = util_now();
    j->running = true;
    sb_add(&j->out, "");
    sb_add(&j->err, "");
    tui_term_track(pid, true);
    return 0;
}

/* Reads everything available on fd into b; closes it at end of file. */
static void drain(int *fd, StrBuf *b)
{
    char buf[8192];
    while (*fd >= 0) {
        ssize_t n = read(*fd, buf, sizeof buf);
        if (n > 0) {
            sb_addn(b, buf, (size_t)n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0 || errno != EAGAIN) {
            close(*fd);
            *fd = -1;
        }
        break;
    }
}

static void finish(TuiJob *j, int st)
{
    drain(&j->fd[0], &j->out); /* what it wrote before it ended is in the pipe */
    drain(&j->fd[1], &j->err);
    for (int i = 0; i < 2; i++)
        if (j->fd[i] >= 0) {
            close(j->fd[i]);
            j->fd[i] = -1;
        }
    j->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    tui_term_track(j->pid, false);
    j->pid = 0;
    j->running = false;
}

bool tui_job_poll(TuiJob *j)
{
    if (!j->running)
        return false;
    drain(&j->fd[0], &j->out);
    drain(&j->fd[1], &j->err);
    int st;
    pid_t r = waitpid(j->pid, &st, WNOHANG);
    if (r == j->pid) {
        finish(j, st);
        return true;
    }
    if (r < 0 && errno == ECHILD) { /* reaped elsewhere: treat as failed */
        finish(j, 255 << 8);
        return true;
    }
    return false;
}

void tui_job_cancel(TuiJob *j)
{
    if (!j->running)
        return;
    kill(-j->pid, SIGTERM);
    int st = 0;
    for (int i = 0; i < 40; i++) { /* up to 0.2 s to end by itself */
        if (waitpid(j->pid, &st, WNOHANG) == j->pid) {
            kill(-j->pid, SIGKILL); /* whatever it left in its group */
            finish(j, st);
            return;
        }
        usleep(5000);
    }
    kill(-j->pid, SIGKILL);
    while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR)
        ;
    finish(j, st);
}

void tui_job_free(TuiJob *j)
{
    tui_job_cancel(j);
    sb_free(&j->out);
    sb_free(&j->err);
}
