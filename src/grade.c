/*
 * grade.c — build and grade one exercise (see grade.h).
 *
 * Theory of operation. The grader and its support library are prebuilt by meson as static
 * libraries (build/graders/libgrader_<id>.a, libla4main.a, libla4grade.a), so a check only
 * compiles the learner's file (plus the files of exercises it links) and links, in one
 * compiler run. The learner's file is compiled with -include la4guard.h (exit/fork/malloc
 * guards) and, by default, AddressSanitizer and UndefinedBehaviorSanitizer. The grader runs
 * in the sandbox, in a private folder, where it leaves:
 *   tap.log        Check's TAP log: one "ok"/"not ok" line per test
 *   ends.log       one line per test that ran to its end (LA_TEST writes it)
 *   san-<t>.log    the sanitizer report of test <t>, if any
 * A test counts as passed only when Check passed it and its end marker is there.
 */
#define _GNU_SOURCE
#include "grade.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "la4ai_config.h"
#include "sandbox.h"
#include "stubs.h"
#include "util.h"

#define DEFAULT_TEST_TIMEOUT 3.0
#define OUTPUT_CAP 65536

void grade_default_options(GradeOptions *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->root = LA4AI_SOURCE_ROOT;
    opt->build = LA4AI_BUILD_ROOT;
    opt->sanitize = LA4AI_HAVE_SANITIZERS;
}

const char *grade_status_name(TestStatus s)
{
    static const char *names[] = { "pass", "fail", "error" };
    return names[s];
}

/* ---- argv building --------------------------------------------------------------------------- */

typedef struct { char **v; int n, cap; } Argv;

static void arg(Argv *a, const char *s)
{
    if (a->n + 2 > a->cap) {
        a->cap = a->cap ? a->cap * 2 : 32;
        a->v = xrealloc(a->v, sizeof(char *) * (size_t)a->cap);
    }
    a->v[a->n++] = xstrdup(s);
    a->v[a->n] = NULL;
}

static void args_split(Argv *a, const char *words)
{
    char *copy = xstrdup(words), *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
        arg(a, w);
    free(copy);
}

static void args_free(Argv *a)
{
    for (int i = 0; i < a->n; i++)
        free(a->v[i]);
    free(a->v);
}

/* The compiler's command line minus the inputs and output. */
static void compiler_flags(Argv *a, const GradeOptions *opt)
{
    args_split(a, LA4AI_CC);
    args_split(a, "-std=c11 -g -O1 -fno-omit-frame-pointer -Wall -Wextra "
                  "-fdiagnostics-color=never -fno-diagnostics-show-option");
    if (opt->sanitize)
        args_split(a, "-fsanitize=address,undefined -fno-sanitize-recover=all");
    char *inc = util_fmt("-I%s/exercises", opt->root);
    arg(a, inc);
    free(inc);
    char *guard = util_fmt("%s/graders/lib/la4guard.h", opt->root);
    arg(a, "-include");
    arg(a, guard);
    free(guard);
}

/* Where the learner's (or the reference, or the pristine) file for ex is. Caller frees. */
static char *file_for(const Exercise *ex, const GradeOptions *opt, const char *workdir,
                      bool main_file, char *err, size_t errlen)
{
    if (main_file && opt->file)
        return xstrdup(opt->file);
    if (opt->reference || (opt->pristine && !main_file))
        return util_fmt("%s/%s", opt->root, ex->reference);
    if (opt->pristine) {
        const char *text = stubs_pristine(ex->stub);
        if (!text) {
            snprintf(err, errlen, "no pristine copy of %s in this build", ex->stub);
            return NULL;
        }
        char *path = util_fmt("%s/%s.c", workdir, ex->id);
        util_write_file(path, text, strlen(text));
        return path;
    }
    return util_fmt("%s/%s", opt->root, ex->stub);
}

/* Relative path for diagnostics when the file lies in the root. */
static const char *shown(const char *path, const GradeOptions *opt)
{
    return util_relative(path, opt->root);
}

/* ---- compile ----------------------------------------------------------------------------------- */

typedef struct {
    const char *pattern;   /* text in the compiler/linker output */
    const char *advice;    /* what to tell the learner */
} Explain;

static const Explain compile_explanations[] = {
    { "undefined reference to ", /* GNU ld quotes with `…', gold with '…' */
      "the function named above is missing from your file: keep every function the stub "
      "defines, with the exact name and signature from exercises/la4ai.h" },
    { "multiple definition of `",
      "a function is defined twice: once in your file and once elsewhere — rename your "
      "helper or make it static" },
    { "conflicting types for",
      "your function's signature differs from exercises/la4ai.h: copy the declaration from "
      "there" },
    { "implicit declaration of function",
      "a function is used before it is declared: include the header that declares it "
      "(e.g. <math.h> for sqrt) or declare your helper above its first use" },
    { "expected ';'", "a semicolon is missing at the end of the statement before the caret" },
    { "undeclared (first use in this function)",
      "a name is used that was never declared: a typo, or a variable declared in another "
      "block" },
};

char *grade_explain_compile(const char *output)
{
    if (!output)
        return NULL;
    const char *first_error = strstr(output, "error:");
    const char *undef = strstr(output, "undefined reference to ");
    if (!first_error && !undef)
        return NULL;
    for (size_t i = 0; i < sizeof compile_explanations / sizeof *compile_explanations; i++) {
        const char *at = strstr(output, compile_explanations[i].pattern);
        if (!at)
            continue;
        if (i == 0) { /* name the missing function */
            const char *name = at + strlen(compile_explanations[i].pattern);
            if (*name == '`' || *name == '\'')
                name++;
            const char *end = strchr(name, '\'');
            int len = end ? (int)(end - name) : 0;
            return util_fmt("%.*s() is not defined: %s", len, name,
                            compile_explanations[i].advice);
        }
        return util_fmt("%s", compile_explanations[i].advice);
    }
    return NULL;
}

/* Compiles and links into <workdir>/program. Returns 1 compiled, 0 not, -1 set-up error. */
static int build(Argv *cmd, const GradeOptions *opt, char **output, double *seconds, char *err,
                 size_t errlen)
{
    static char *env[] = { "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C", "LC_ALL=C", NULL };
    char *tmp = getenv("TMPDIR") ? util_fmt("TMPDIR=%s", getenv("TMPDIR")) : NULL;
    char *envp[] = { env[0], env[1], env[2], tmp, NULL };
    SandboxLimits lim = { .wall_seconds = 120, .output_cap = OUTPUT_CAP, .workdir = opt->root,
                          .env = envp };
    SandboxResult r;
    int rc = sandbox_run(cmd->v, &lim, &r);
    free(tmp);
    *seconds = r.wall_seconds;
    if (rc != 0) {
        snprintf(err, errlen, "cannot run the compiler %s: %s", cmd->v[0], r.error);
        sandbox_result_free(&r);
        return -1;
    }
    *output = r.output;
    if (r.end == SB_EXITED && r.exit_code == 127 && strstr(r.output, "not found")) {
        snprintf(err, errlen, "the compiler %s was not found", cmd->v[0]);
        return -1;
    }
    return r.end == SB_EXITED && r.exit_code == 0;
}

/* ---- run and read --------------------------------------------------------------------------------- */

static char **grader_env(const GradeOptions *opt)
{
    double timeout = opt->test_timeout > 0 ? opt->test_timeout : DEFAULT_TEST_TIMEOUT;
    char **env = xcalloc(12, sizeof *env);
    int n = 0;
    env[n++] = xstrdup("PATH=/usr/bin:/bin");
    env[n++] = xstrdup("LANG=C.UTF-8");
    env[n++] = xstrdup("HOME=.");
    env[n++] = xstrdup("LA4AI_TAP=tap.log");
    env[n++] = util_fmt("LA4AI_SEED=%llu", (unsigned long long)(opt->seed ? opt->seed : 42));
    env[n++] = util_fmt("LA4AI_TEST_TIMEOUT=%g", timeout);
    env[n++] = xstrdup("CK_FORK=yes");
    env[n++] = xstrdup("ASAN_OPTIONS=detect_leaks=0:handle_abort=1:print_summary=1:"
                       "allocator_may_return_null=1:symbolize=1");
    env[n++] = xstrdup("UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1");
    return env;
}

static void env_free(char **env)
{
    for (int i = 0; env[i]; i++)
        free(env[i]);
    free(env);
}

/* What a sanitizer error kind means, for a learner. */
static const Explain sanitizer_explanations[] = {
    { "heap-buffer-overflow", "reading or writing past the end of an array you or the grader "
      "allocated: check loop bounds (i < rows, j < cols) and that MAT(M, i, j) uses M's own "
      "shape" },
    { "stack-buffer-overflow", "past the end of a local array: check its size and your loop "
      "bounds" },
    { "global-buffer-overflow", "past the end of a global or static array" },
    { "heap-use-after-free", "using memory after free(): free it later, or not at all" },
    { "double-free", "the same memory is freed twice" },
    { "attempting free", "free() of a pointer that malloc() did not return" },
    { "stack-overflow", "the stack ran out: a recursion that never stops, or a huge local "
      "array (allocate it with malloc instead)" },
    { "SEGV", "a read or write through a bad pointer: NULL, uninitialised, or far out of "
      "range" },
    { "FPE", "an arithmetic error such as an integer division by zero" },
    { "allocation-size-too-big", "an allocation far too large: check the size you compute" },
    { "out of memory", "an allocation far too large: check the size you compute" },
    { "runtime error", "undefined behaviour" },
};

static const char *sanitizer_advice(const char *kind)
{
    for (size_t i = 0; i < sizeof sanitizer_explanations / sizeof *sanitizer_explanations; i++)
        if (strstr(kind, sanitizer_explanations[i].pattern))
            return sanitizer_explanations[i].advice;
    return "a memory error";
}

/* The first stack frame in an exercise file (not the grader, not libc): "fn at file:line". */
static char *learner_frame(const char *text, const char *root)
{
    for (const char *p = strstr(text, "    #"); p; p = strstr(p + 1, "    #")) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *line = xmalloc(len + 1);
        memcpy(line, p, len);
        line[len] = '\0';
        char *in = strstr(line, " in ");
        char *where = in ? strchr(in + 4, ' ') : NULL;
        /* not the grader's, not the guard's, not libc's ("../sysdeps/…"), and with a line */
        if (where && !strstr(where, "graders/") && !strstr(where, "la4guard") &&
            strncmp(where + 1, "../", 3) && strchr(where, ':')) {
            *where++ = '\0';
            char *r = util_fmt("%s at %s", in + 4, util_relative(where, root));
            free(line);
            return r;
        }
        free(line);
    }
    return NULL;
}

char *grade_explain_sanitizer(const char *text, const char *root)
{
    if (!text || !*text)
        return NULL;
    const char *err = strstr(text, "ERROR: AddressSanitizer: ");
    const char *ub = strstr(text, "runtime error: ");
    const char *lsan_oom = strstr(text, "out of memory");
    char kind[128] = "";
    if (err) {
        sscanf(err + strlen("ERROR: AddressSanitizer: "), "%127s", kind);
    } else if (ub) {
        const char *eol = strchr(ub, '\n');
        int len = eol ? (int)(eol - ub) : (int)strlen(ub);
        const char *line = ub; /* back up to the start of "file:line:col: runtime error" */
        while (line > text && line[-1] != '\n')
            line--;
        return util_fmt("undefined behaviour at %.*s", (int)(ub - line + len) > 300 ? 300 :
                        (int)(ub - line + len), util_relative(line, root));
    } else if (lsan_oom) {
        snprintf(kind, sizeof kind, "out of memory");
    } else {
        return NULL;
    }
    char *frame = learner_frame(err ? err : text, root);
    char *msg = frame ? util_fmt("%s in %s — %s", kind, frame, sanitizer_advice(kind))
                      : util_fmt("%s — %s", kind, sanitizer_advice(kind));
    free(frame);
    return msg;
}

/* Turns Check's wording for a test that did not finish into a sentence for a learner. */
static char *explain_check(const char *msg, const char *sanitizer, double timeout)
{
    if (sanitizer)
        return xstrdup(sanitizer);
    if (strstr(msg, "Test timeout expired"))
        return util_fmt("did not finish within %g s — is there a loop that never ends? Check "
                        "that every loop's counter moves toward its limit",
                        timeout);
    int sig;
    if (sscanf(msg, "Received signal %d", &sig) == 1) {
        static const struct { int sig; const char *what; } signals[] = {
            { 11, "a segmentation fault: an index out of range or a bad pointer" },
            { 6, "abort(): an assert() failed or the C library found corrupted memory" },
            { 8, "an arithmetic exception, such as an integer division by zero" },
            { 24, "its CPU-time limit: a loop that never ends" },
            { 7, "a bus error: a bad pointer" },
        };
        for (size_t i = 0; i < sizeof signals / sizeof *signals; i++)
            if (signals[i].sig == sig)
                return util_fmt("crashed with %s (signal %d)", signals[i].what, sig);
        return util_fmt("crashed (%s)", msg);
    }
    int code;
    if (sscanf(msg, "Early exit with return value %d", &code) == 1)
        return util_fmt("the test's process ended early with status %d before the test "
                        "finished — does your code call exit(), or crash?",
                        code);
    return xstrdup(msg);
}

static bool in_lines(const char *lines, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = lines; p && *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len == n && !strncmp(p, name, n))
            return true;
        p = eol ? eol + 1 : NULL;
    }
    return false;
}

int grade_parse_tap(GradeReport *rep, const char *tap, const char *ends, const char *workdir,
                    const char *root, double test_timeout)
{
    if (test_timeout <= 0)
        test_timeout = DEFAULT_TEST_TIMEOUT;
    int cap = 0;
    for (const char *p = tap; p && *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *line = xmalloc(len + 1);
        memcpy(line, p, len);
        line[len] = '\0';
        p = eol ? eol + 1 : NULL;

        bool ok = !strncmp(line, "ok ", 3);
        if (!ok && strncmp(line, "not ok ", 7)) {
            free(line);
            continue;
        }
        /* "ok N - file:tcase:test: message" */
        char *dash = strstr(line, " - ");
        char *file = dash ? dash + 3 : NULL;
        char *tcase = file ? strchr(file, ':') : NULL;
        char *name = tcase ? strchr(tcase + 1, ':') : NULL;
        char *msg = name ? strchr(name + 1, ':') : NULL;
        if (!msg) {
            free(line);
            continue;
        }
        *tcase++ = '\0';
        *name++ = '\0';
        *msg++ = '\0';
        while (*msg == ' ')
            msg++;

        if (rep->ntests == cap) {
            cap = cap ? cap * 2 : 16;
            rep->tests = xrealloc(rep->tests, sizeof *rep->tests * (size_t)cap);
        }
        GradeTest *t = &rep->tests[rep->ntests++];
        t->name = xstrdup(name);
        t->tcase = xstrdup(tcase);
        char *sanitizer = NULL;
        if (workdir) {
            char *path = util_fmt("%s/san-%s.log", workdir, name);
            char *text = util_read_file(path, NULL);
            sanitizer = grade_explain_sanitizer(text, root);
            free(text);
            free(path);
        }
        bool finished = in_lines(ends, name);
        if (ok && finished) {
            t->status = TEST_PASS;
            t->message = xstrdup("");
            rep->npassed++;
        } else if (ok) {
            t->status = TEST_ERROR;
            t->message = xstrdup("the test did not run to its end: its process ended early "
                                 "(a call to exit() or _exit()?), so it cannot count as passed");
        } else {
            bool assertion = !strstr(msg, "Received signal") && !strstr(msg, "Early exit") &&
                             !strstr(msg, "Test timeout");
            t->status = assertion ? TEST_FAIL : TEST_ERROR;
            t->message = assertion ? xstrdup(msg) : explain_check(msg, sanitizer, test_timeout);
        }
        free(sanitizer);
        free(line);
    }
    return rep->ntests;
}

/* ---- the whole check ---------------------------------------------------------------------------- */

static int link_libraries(Argv *cmd, const GradeOptions *opt, const char *lib, char *err,
                          size_t errlen)
{
    const char *libs[] = { "la4main", lib, "la4grade" };
    for (int i = 0; i < 3; i++) {
        if (!libs[i])
            continue;
        char *path = util_fmt("%s/graders/lib%s.a", opt->build, libs[i]);
        if (!util_exists(path)) {
            snprintf(err, errlen, "%s is missing: build the course first (meson compile -C "
                     "build)", path);
            free(path);
            return -1;
        }
        arg(cmd, path);
        free(path);
    }
    args_split(cmd, LA4AI_CHECK_LIBS " -lm " LA4AI_LINK_FLAGS);
    return 0;
}

/* Adds ex's file (and its links') to cmd. */
static int add_sources(Argv *cmd, const Course *c, const Exercise *ex, const GradeOptions *opt,
                       const char *workdir, GradeReport *rep, char *err, size_t errlen)
{
    char *file = file_for(ex, opt, workdir, true, err, errlen);
    if (!file)
        return -1;
    if (!util_exists(file)) {
        snprintf(err, errlen, "%s does not exist%s", shown(file, opt),
                 opt->file ? "" : " — `la4ai reset` restores the stub");
        free(file);
        return -1;
    }
    rep->file = xstrdup(shown(file, opt));
    arg(cmd, shown(file, opt));
    free(file);
    for (int i = 0; i < ex->nlinks; i++) {
        const Exercise *dep = course_exercise(c, ex->links[i]);
        if (!dep)
            continue;
        char *f = file_for(dep, opt, workdir, false, err, errlen);
        if (!f)
            return -1;
        arg(cmd, shown(f, opt));
        free(f);
    }
    return 0;
}

static void run_grader(GradeReport *rep, const char *workdir, const GradeOptions *opt)
{
    char *program = util_fmt("%s/program", workdir);
    char *argv[] = { program, NULL };
    char **env = grader_env(opt);
    SandboxLimits lim = { .wall_seconds = 120, .cpu_seconds = 30, .file_mb = 64,
                          .max_procs = 64, .output_cap = OUTPUT_CAP, .workdir = workdir,
                          .env = env, .drop_root = true,
                          .mem_mb = opt->sanitize ? 0 : 2048 };
    SandboxResult r;
    sandbox_run(argv, &lim, &r);
    rep->run_seconds = r.wall_seconds;
    rep->program_output = r.output ? xstrdup(r.output) : xstrdup("");
    rep->output_total = r.output_total;

    char *tap_path = util_fmt("%s/tap.log", workdir), *ends_path = util_fmt("%s/ends.log", workdir);
    char *tap = util_read_file(tap_path, NULL), *ends = util_read_file(ends_path, NULL);
    grade_parse_tap(rep, tap, ends, workdir, opt->root, opt->test_timeout);
    if (rep->ntests == 0) {
        char how[256];
        sandbox_describe(&r, how, sizeof how);
        rep->problem = util_fmt("the grader produced no results: it %s", how);
    } else if (r.output_total > OUTPUT_CAP) {
        rep->problem = util_fmt("your code printed %zu bytes in all (the first %d are kept): "
                                "printing inside a loop makes tests slow, or endless — remove "
                                "debug prints once you have seen what you needed",
                                r.output_total, OUTPUT_CAP);
    } else if (r.end == SB_TIMEOUT) {
        rep->problem = xstrdup("the grader was stopped by the wall clock before every test "
                               "ran; the tests not listed did not run");
    }
    free(tap);
    free(ends);
    free(tap_path);
    free(ends_path);
    sandbox_result_free(&r);
    env_free(env);
    free(program);
}

int grade_exercise(const Course *c, const Exercise *ex, const GradeOptions *opt,
                   GradeReport *rep, char *err, size_t errlen)
{
    memset(rep, 0, sizeof *rep);
    rep->id = xstrdup(ex->id);
    rep->seed = opt->seed ? opt->seed : 42;
    char *workdir = util_mkdtemp("la4ai-check");
    if (!workdir) {
        snprintf(err, errlen, "cannot create a temporary folder: %s", strerror(errno));
        return -1;
    }
    Argv cmd = { 0 };
    compiler_flags(&cmd, opt);
    int rc = add_sources(&cmd, c, ex, opt, workdir, rep, err, errlen);
    char *lib = util_fmt("grader_%s", ex->id);
    if (rc == 0)
        rc = link_libraries(&cmd, opt, lib, err, errlen);
    free(lib);
    if (rc == 0) {
        char *out = util_fmt("%s/program", workdir);
        arg(&cmd, "-o");
        arg(&cmd, out);
        free(out);
        char *output = NULL;
        int built = build(&cmd, opt, &output, &rep->compile_seconds, err, errlen);
        if (built < 0) {
            rc = -1;
        } else {
            rep->compiled = built == 1;
            rep->compile_output = output ? output : xstrdup("");
            output = NULL;
            if (!rep->compiled)
                rep->compile_summary = grade_explain_compile(rep->compile_output);
            else
                run_grader(rep, workdir, opt);
            rep->passed = rep->compiled && rep->ntests > 0 && rep->npassed == rep->ntests;
        }
        free(output);
    }
    args_free(&cmd);
    if (opt->keep_workdir)
        fprintf(stderr, "la4ai: kept %s\n", workdir);
    else
        util_rmtree(workdir);
    free(workdir);
    return rc;
}

void grade_report_free(GradeReport *rep)
{
    for (int i = 0; i < rep->ntests; i++) {
        free(rep->tests[i].name);
        free(rep->tests[i].tcase);
        free(rep->tests[i].message);
    }
    free(rep->tests);
    free(rep->id);
    free(rep->file);
    free(rep->compile_output);
    free(rep->compile_summary);
    free(rep->program_output);
    free(rep->problem);
    memset(rep, 0, sizeof *rep);
}

char *grade_report_json(const GradeReport *rep)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", rep->id ? rep->id : "");
    cJSON_AddStringToObject(o, "file", rep->file ? rep->file : "");
    cJSON_AddBoolToObject(o, "passed", rep->passed);
    cJSON *comp = cJSON_AddObjectToObject(o, "compile");
    cJSON_AddBoolToObject(comp, "ok", rep->compiled);
    cJSON_AddStringToObject(comp, "output", rep->compile_output ? rep->compile_output : "");
    if (rep->compile_summary)
        cJSON_AddStringToObject(comp, "summary", rep->compile_summary);
    cJSON_AddNumberToObject(comp, "seconds", rep->compile_seconds);
    cJSON *tests = cJSON_AddArrayToObject(o, "tests");
    for (int i = 0; i < rep->ntests; i++) {
        cJSON *t = cJSON_CreateObject();
        cJSON_AddStringToObject(t, "name", rep->tests[i].name);
        cJSON_AddStringToObject(t, "case", rep->tests[i].tcase);
        cJSON_AddStringToObject(t, "status", grade_status_name(rep->tests[i].status));
        cJSON_AddStringToObject(t, "message", rep->tests[i].message);
        cJSON_AddItemToArray(tests, t);
    }
    cJSON_AddNumberToObject(o, "passed_count", rep->npassed);
    cJSON_AddNumberToObject(o, "total", rep->ntests);
    cJSON_AddStringToObject(o, "output", rep->program_output ? rep->program_output : "");
    cJSON_AddNumberToObject(o, "output_bytes", (double)rep->output_total);
    if (rep->problem)
        cJSON_AddStringToObject(o, "problem", rep->problem);
    cJSON_AddNumberToObject(o, "seed", (double)rep->seed);
    cJSON_AddNumberToObject(o, "run_seconds", rep->run_seconds);
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

/* ---- labs ------------------------------------------------------------------------------------------ */

int grade_lab(const Course *c, const Lab *lab, const GradeOptions *opt, char **output,
              char *err, size_t errlen)
{
    *output = NULL;
    char *workdir = util_mkdtemp("la4ai-lab");
    if (!workdir) {
        snprintf(err, errlen, "cannot create a temporary folder: %s", strerror(errno));
        return -1;
    }
    Argv cmd = { 0 };
    compiler_flags(&cmd, opt);
    char *inc = util_fmt("-I%s/src", opt->root);
    arg(&cmd, inc);
    free(inc);
    int rc = 0;
    for (int i = 0; i < lab->nuses && rc == 0; i++) {
        const Exercise *ex = course_exercise(c, lab->uses[i]);
        char *f = ex ? file_for(ex, opt, workdir, false, err, errlen) : NULL;
        if (!f) {
            rc = -1;
            break;
        }
        arg(&cmd, shown(f, opt));
        free(f);
    }
    char *lib = util_fmt("%s/graders/liblab_%s.a", opt->build, lab->id);
    char *grade = util_fmt("%s/graders/libla4grade.a", opt->build);
    char *data = util_fmt("%s/src/libla4data.a", opt->build);
    char *plot = util_fmt("%s/src/libla4plot.a", opt->build);
    const char *need[] = { lib, grade, data, plot };
    for (int i = 0; i < 4 && rc == 0; i++) {
        if (!util_exists(need[i])) {
            snprintf(err, errlen, "%s is missing: build the course first", need[i]);
            rc = -1;
        } else {
            arg(&cmd, need[i]);
        }
    }
    free(lib);
    free(grade);
    free(data);
    free(plot);
    args_split(&cmd, LA4AI_CHECK_LIBS " " LA4AI_ZLIB_LIBS " " LA4AI_PNG_LIBS " -lm "
                     LA4AI_LINK_FLAGS);
    char *prog = util_fmt("%s/program", workdir);
    arg(&cmd, "-o");
    arg(&cmd, prog);
    int status = -1;
    if (rc == 0) {
        char *out = NULL;
        double secs;
        int built = build(&cmd, opt, &out, &secs, err, errlen);
        if (built == 1) {
            free(out);
            char *argv[] = { prog, NULL };
            char **env = grader_env(opt);
            /* what a lab may be told: where the data is, and the learner's own inputs */
            static const char *const passed[] = { "LA4AI_DATA_DIR", "LA4AI_LAB_CSV",
                                                  "LA4AI_LAB_IMAGE", "LA4AI_LAB_OUT" };
            enum { NPASSED = sizeof passed / sizeof *passed };
            char *envx[16], *extra[NPASSED] = { 0 };
            int n = 0;
            for (; env[n]; n++)
                envx[n] = env[n];
            for (int i = 0; i < NPASSED; i++)
                if (getenv(passed[i]))
                    envx[n++] = extra[i] = util_fmt("%s=%s", passed[i], getenv(passed[i]));
            envx[n++] = opt->color ? "LA4AI_COLOR=1" : "LA4AI_COLOR=0";
            envx[n] = NULL;
            SandboxLimits lim = { .wall_seconds = 300, .cpu_seconds = 300, .file_mb = 256,
                                  .output_cap = 1 << 20, .workdir = workdir, .env = envx,
                                  .mem_mb = opt->sanitize ? 0 : 4096 };
            SandboxResult r;
            if (sandbox_run(argv, &lim, &r) == 0) {
                char how[256];
                StrBuf b = { 0 };
                sb_add(&b, r.output);
                if (r.end != SB_EXITED || r.exit_code != 0)
                    sb_addf(&b, "\nThe lab %s.\n", sandbox_describe(&r, how, sizeof how));
                *output = sb_take(&b);
                status = r.end == SB_EXITED ? r.exit_code : 1;
            } else {
                snprintf(err, errlen, "%s", r.error);
            }
            sandbox_result_free(&r);
            for (int i = 0; i < NPASSED; i++)
                free(extra[i]);
            env_free(env);
        } else if (built == 0) {
            char *why = grade_explain_compile(out);
            *output = util_fmt("%s%s%s", out, why ? "\n" : "", why ? why : "");
            free(why);
            free(out);
            status = 1;
        }
    }
    free(prog);
    args_free(&cmd);
    util_rmtree(workdir);
    free(workdir);
    return status;
}
