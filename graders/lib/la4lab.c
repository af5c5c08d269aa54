/*
 * la4lab.c — the lab drivers' shared harness: lab_run (the learner's code in a child with a
 * time limit), its clock and pipe helpers, and word-wrapped UTF-8 text. The theory of
 * operation is at the top of la4lab.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "la4lab.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- running the learner's code in a child --------------------------------------------- */

static double took_ms = NAN; /* what the running job reported with lab_took */

void lab_took(double ms)
{
    took_ms = ms;
}

double lab_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void lab_write_all(int fd, const void *buf, size_t size)
{
    size_t off = 0;
    while (off < size) {
        ssize_t n = write(fd, (const char *)buf + off, size - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        off += (size_t)n;
    }
}

long lab_read_until(int fd, void *buf, size_t size, double deadline_ms)
{
    size_t got = 0;
    while (got < size) {
        double left = deadline_ms - lab_now_ms();
        if (left <= 0)
            return -1;
        struct pollfd p = { fd, POLLIN, 0 };
        int r = poll(&p, 1, (int)left + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            return -1;
        ssize_t n = read(fd, (char *)buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    return (long)got;
}

int lab_all_finite(const double *x, int n)
{
    for (int i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

static void fill_nan(double *out, size_t nout)
{
    for (size_t i = 0; i < nout; i++)
        out[i] = NAN;
}

/* The child's side: run the job, send status, time and out[nout] down fd, and leave. */
static _Noreturn void child(int fd, LabJob job, const void *in, double *out, size_t nout)
{
    took_ms = NAN;
    int rc = job(in, out, nout);
    double ms = took_ms;
    fflush(stdout); /* anything she printed */
    lab_write_all(fd, &rc, sizeof rc);
    lab_write_all(fd, &ms, sizeof ms);
    lab_write_all(fd, out, sizeof(double) * nout);
    _exit(0);
}

/* The parent's side: 1 if the status, time and out[nout] all arrived before the deadline,
   0 if the pipe closed first, -1 on time-out. */
static int receive(int fd, int *rc, double *ms, double *out, size_t nout, double deadline)
{
    long got = lab_read_until(fd, rc, sizeof *rc, deadline);
    if (got == (long)sizeof *rc)
        got = lab_read_until(fd, ms, sizeof *ms, deadline);
    if (got != (long)sizeof *ms)
        return got < 0 ? -1 : 0;
    long body = lab_read_until(fd, out, sizeof(double) * nout, deadline);
    return body == (long)(sizeof(double) * nout) ? 1 : body < 0 ? -1 : 0;
}

LabRun lab_run(LabJob job, const void *in, double *out, size_t nout, double timeout,
               int *given_up)
{
    LabRun run = { LAB_RETURNED, 0, 0, 0, NAN, timeout };
    fill_nan(out, nout);
    if (given_up && *given_up) {
        run.end = LAB_SKIPPED;
        return run;
    }
    fflush(stdout);
    fflush(stderr);
    int fd[2];
    pid_t pid = -1;
    if (pipe(fd) == 0) {
        pid = fork();
        if (pid < 0) {
            close(fd[0]);
            close(fd[1]);
        }
    }
    if (pid < 0) { /* no child allowed: run here (the job works on copies) */
        took_ms = NAN;
        run.rc = job(in, out, nout);
        run.ms = took_ms;
        return run;
    }
    if (pid == 0) {
        close(fd[0]);
        child(fd[1], job, in, out, nout);
    }
    close(fd[1]);
    int rc = 0;
    double ms = NAN;
    int got = receive(fd[0], &rc, &ms, out, nout, lab_now_ms() + timeout * 1e3);
    if (got < 0)
        kill(pid, SIGKILL);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    close(fd[0]);
    if (got == 1) {
        run.rc = rc;
        run.ms = ms;
        return run;
    }
    fill_nan(out, nout); /* a part may have arrived */
    if (given_up)
        *given_up = 1;
    if (got < 0) {
        run.end = LAB_TIMEOUT;
    } else {
        run.end = LAB_CRASHED;
        run.signaled = WIFSIGNALED(st);
        run.code = WIFSIGNALED(st) ? WTERMSIG(st) : WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    return run;
}

const char *lab_run_trouble(const LabRun *r, char *buf, size_t size)
{
    if (r->end == LAB_TIMEOUT)
        snprintf(buf, size, "did not return within %.0f" LAB_NB "s", r->timeout);
    else if (r->end == LAB_SKIPPED)
        snprintf(buf, size, "was not called again after it crashed or hung");
    else if (r->signaled)
        snprintf(buf, size, "crashed (%s)", strsignal(r->code));
    else
        snprintf(buf, size, "ended the program (exit status %d%s)", r->code,
                 r->code ? ": see the report above" : "");
    return buf;
}

/* ---- text ------------------------------------------------------------------------------- */

int lab_text_width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

void lab_put_right(const char *s, int width)
{
    int pad = width - lab_text_width(s);
    printf("%*s%s", pad > 0 ? pad : 0, "", s);
}

void lab_put_left(const char *s, int width)
{
    int pad = width - lab_text_width(s);
    printf("%s%*s", s, pad > 0 ? pad : 0, "");
}

void lab_wrap_text(const char *first, int indent, char *text)
{
    int col = lab_text_width(first);
    printf("%s", first);
    for (char *p = text; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        char *e = p;
        while (*e && *e != ' ')
            e++;
        char save = *e;
        *e = '\0';
        int len = lab_text_width(p);
        if (col + 1 + len > LAB_WRAP) {
            printf("\n%*s", indent - 1, "");
            col = indent - 1;
        }
        for (char *q = p; *q; q++)
            if (*q == LAB_NB[0])
                *q = ' ';
        printf(" %s", p);
        col += 1 + len;
        *e = save;
        p = e;
    }
    printf("\n");
}

/* Formats fmt with ap (cut at 2047 bytes) and prints it with lab_wrap_text. */
static void wrap_format(const char *first, int indent, const char *fmt, va_list ap)
{
    char text[2048];
    vsnprintf(text, sizeof text, fmt, ap);
    lab_wrap_text(first, indent, text);
}

void lab_bullet(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    wrap_format("  •", 4, fmt, ap);
    va_end(ap);
}

void lab_para(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    wrap_format("  ", 3, fmt, ap);
    va_end(ap);
}
