/*
 * grade.h — build one exercise with the learner's file and run its grader; read the result.
 *
 * Pipeline: find the file → compile it (and the files of the exercises it links) and link
 * it with the prebuilt grader objects and Check, in one compiler run → run the grader in
 * the sandbox → read its TAP log, the end-of-test markers and the sanitizer reports → a
 * GradeReport. No curses here; both front ends print the report their own way.
 */
#ifndef LA4AI_GRADE_H
#define LA4AI_GRADE_H

#include <stdbool.h>
#include <stdint.h>

#include "course.h"

typedef enum { TEST_PASS, TEST_FAIL, TEST_ERROR } TestStatus;

typedef struct {
    char *name;        /* the test's name, e.g. "qtq_is_identity" */
    char *tcase;       /* Core, Edge, Errors */
    TestStatus status;
    char *message;     /* what went wrong, for a learner; "" when it passed */
} GradeTest;

typedef struct {
    char *id;
    char *file;              /* the graded file, relative to the root when inside it */
    bool compiled;
    char *compile_output;    /* the compiler's diagnostics (may be "" ) */
    char *compile_summary;   /* one sentence about the first error, or NULL */
    GradeTest *tests; int ntests, npassed;
    bool passed;             /* compiled, ≥ 1 test, every test passed */
    char *program_output;    /* what the learner's code printed (capped) */
    size_t output_total;     /* bytes it printed in all */
    char *problem;           /* a run-level problem (timeout, no log), or NULL */
    double compile_seconds, run_seconds;
    uint64_t seed;
} GradeReport;

typedef struct {
    const char *root;        /* course root: lessons/, exercises/, graders/ */
    const char *build;       /* meson build folder with the grader libraries */
    const char *file;        /* grade this file instead of the stub (NULL: the stub) */
    bool reference;          /* grade the reference solution (and link references) */
    bool pristine;           /* grade the pristine stub embedded at build time */
    bool sanitize;           /* -fsanitize=address,undefined */
    uint64_t seed;           /* 0: the graders' default */
    double test_timeout;     /* seconds per test; 0: default */
    bool keep_workdir;       /* leave the temporary folder (its path goes to stderr) */
    bool color;              /* labs may draw in colour (LA4AI_COLOR=1 in their environment) */
} GradeOptions;

/* Fills opt with the defaults (sanitizers on where available, build/root from the build). */
void grade_default_options(GradeOptions *opt);

/* Grades ex. Returns 0 when a report was produced (passed or not), -1 on a set-up error
   (err says what: a missing file, no compiler, a missing grader library). The caller frees
   rep with grade_report_free. */
int grade_exercise(const Course *c, const Exercise *ex, const GradeOptions *opt,
                   GradeReport *rep, char *err, size_t errlen);
void grade_report_free(GradeReport *rep);

/* Builds and runs a lab with the learner's files of lab->uses (or the references). Its
   output is written to out_fd as it is produced... collected and returned in *output
   (caller frees). Returns the lab's exit status, or -1 with err. */
int grade_lab(const Course *c, const Lab *lab, const GradeOptions *opt, char **output,
              char *err, size_t errlen);

/* The parsing steps, exposed for tests. grade_parse_tap reads Check's TAP text and the
   end markers (one test name a line) into rep->tests; workdir is where san-<test>.log files
   are looked for (may be NULL); root relativizes paths in sanitizer reports. */
int grade_parse_tap(GradeReport *rep, const char *tap, const char *ends, const char *workdir,
                    const char *root, double test_timeout);
/* One sentence from a sanitizer report (AddressSanitizer or UndefinedBehaviorSanitizer):
   "heap-buffer-overflow in gram_schmidt at exercises/week02/gram_schmidt.c:42 — …".
   Returns a malloc'd string or NULL when text holds no report. */
char *grade_explain_sanitizer(const char *text, const char *root);
/* One sentence about the first error in compiler output, or NULL. */
char *grade_explain_compile(const char *output);

/* The report as a JSON object (id, passed, compile{ok, output}, tests[{name, status,
   message}], …). Caller frees. */
char *grade_report_json(const GradeReport *rep);

const char *grade_status_name(TestStatus s);

#endif /* LA4AI_GRADE_H */
