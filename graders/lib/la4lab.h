/*
 * la4lab.h — what the lab drivers share: running the learner's code in a child process
 * with a time limit, and printing word-wrapped text in UTF-8 columns.
 *
 * Theory of operation. A lab calls the learner's functions on real data, and those
 * functions may be unfinished: they may crash, call exit, loop for ever or scribble on
 * their inputs. So every call goes through lab_run: a job (a small function of the lab's
 * that copies its inputs, calls her code and writes the results to an array of doubles)
 * runs in a child process made with fork, and the child sends back the job's status, the
 * time the job reported with lab_took and the array through a pipe. The parent waits at
 * most the time-out for all of it:
 *
 *   - everything arrived:                LAB_RETURNED, rc = the job's status;
 *   - the time ran out first:            the child is killed, LAB_TIMEOUT;
 *   - the pipe closed before the end:    LAB_CRASHED, with the signal that ended the child
 *                                        (signaled = 1) or its exit status (signaled = 0);
 *   - the function was given up on:      LAB_SKIPPED, not called at all.
 *
 * When a run does not return, the output array is all NaN, and the lab's flag for that
 * function (if it passed one) is set, so that the function is not called again: one
 * sanitizer report, one wait is enough. A crash therefore costs a step of the lab, never
 * the lab. If pipe or fork is refused, the job runs in this process (it works on copies,
 * so the lab's data stays as it was). lab_run_trouble puts the ending into words.
 *
 * The text helpers count columns as code points (everything the labs print is narrow),
 * wrap at LAB_WRAP columns, and turn LAB_NB into a space that never breaks a line.
 */
#ifndef LA4LAB_H
#define LA4LAB_H

#include <stddef.h>

#define LAB_WRAP 79              /* the last column the wrapped text may use */
#define LAB_NB "\x1f"            /* in wrapped text: a space the line wrapper keeps */

/* ---- running the learner's code in a child --------------------------------------------- */

/* A job calls her code on copies of `in`, writes what came back to out[nout] and returns
   her function's status (0 for functions that return none). It runs in the child. */
typedef int (*LabJob)(const void *in, double *out, size_t nout);

typedef enum { LAB_RETURNED, LAB_CRASHED, LAB_TIMEOUT, LAB_SKIPPED } LabEnd;

typedef struct {
    LabEnd end;
    int rc;             /* LAB_RETURNED: the job's status */
    int code;           /* LAB_CRASHED: signal number or exit status */
    int signaled;       /* LAB_CRASHED: code is a signal number */
    double ms;          /* LAB_RETURNED: what the job reported with lab_took, else NaN */
    double timeout;     /* the seconds it was given */
} LabRun;

/* Runs job(in, out, nout) in a child process and waits at most `timeout` seconds for it.
   out is filled with NaN first and is all NaN again unless the run returned. given_up may
   be NULL; otherwise, if *given_up is set the job is not run (LAB_SKIPPED), and a crash or
   time-out sets it. Flushes stdout and stderr before forking. */
LabRun lab_run(LabJob job, const void *in, double *out, size_t nout, double timeout,
               int *given_up);

/* Called by a job: her call took ms milliseconds (the job's own copying left out). The
   value becomes LabRun.ms. */
void lab_took(double ms);

/* What became of a run that did not return, for a sentence "Your f …": "crashed
   (Segmentation fault)", "ended the program (exit status 1: see the report above)", "did
   not return within 5 s", "was not called again after it crashed or hung". Returns buf. */
const char *lab_run_trouble(const LabRun *r, char *buf, size_t size);

/* Milliseconds on a monotonic clock (for differences only). */
double lab_now_ms(void);

/* Writes size bytes of buf to fd, retrying after signals; stops quietly on an error. */
void lab_write_all(int fd, const void *buf, size_t size);

/* Reads size bytes from fd into buf before deadline_ms (on lab_now_ms's clock); returns how
   many arrived before end of file, or -1 if the deadline came first. */
long lab_read_until(int fd, void *buf, size_t size, double deadline_ms);

/* 1 if x[0…n−1] are all finite, else 0. */
int lab_all_finite(const double *x, int n);

/* ---- text ------------------------------------------------------------------------------- */

/* Columns a UTF-8 string takes: one per code point. */
int lab_text_width(const char *s);

/* Prints s right-aligned (put_right) or left-aligned (put_left) in `width` columns; a
   string wider than that is printed whole. */
void lab_put_right(const char *s, int width);
void lab_put_left(const char *s, int width);

/* Prints text word-wrapped at LAB_WRAP columns after `first` (e.g. "  •"), each word after
   a space, continuation lines indented by indent − 1 spaces (so their words start at column
   `indent`), then a newline. LAB_NB characters become spaces that never break a line;
   text is changed in place while it is printed and restored, except for those. */
void lab_wrap_text(const char *first, int indent, char *text);

/* A "  •" bullet (continuation at column 4), and a paragraph indented by three spaces,
   both wrapped with lab_wrap_text. The formatted text is cut at 2047 bytes. */
void lab_bullet(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void lab_para(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
