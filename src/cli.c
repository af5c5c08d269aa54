/*
 * cli.c — the command-line front end (see cli.h).
 *
 * Each command is a row in `commands[]`: its name, its function, a one-line summary and its
 * --help text. Options common to all commands (--root, --progress-dir, --learner) are read
 * first; each command then reads its own arguments. Nothing here draws with curses.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "answer.h"
#include "course.h"
#include "data.h"
#include "grade.h"
#include "la4ai_config.h"
#include "plot.h"
#include "progress.h"
#include "sandbox.h"
#include "stubs.h"
#include "tui.h"
#include "util.h"

#define EXIT_PASS 0
#define EXIT_FAIL 1
#define EXIT_USAGE 2

typedef struct {
    const char *root;
    const char *progress_dir;
    const char *learner;
    Course *course;
    int argc;            /* the command's own arguments, argv[0] = command name */
    char **argv;
} Ctx;

typedef struct {
    const char *name;
    int (*run)(Ctx *ctx);
    const char *usage;
    const char *summary;
    const char *help;
} Command;

/* ---- small helpers ---------------------------------------------------------------------- */

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static bool has_flag(Ctx *ctx, const char *flag)
{
    for (int i = 1; i < ctx->argc; i++)
        if (!strcmp(ctx->argv[i], flag))
            return true;
    return false;
}

/* The value after `flag` (or in --flag=value form), or NULL. */
static const char *flag_value(Ctx *ctx, const char *flag)
{
    size_t n = strlen(flag);
    for (int i = 1; i < ctx->argc; i++) {
        if (!strcmp(ctx->argv[i], flag) && i + 1 < ctx->argc)
            return ctx->argv[i + 1];
        if (!strncmp(ctx->argv[i], flag, n) && ctx->argv[i][n] == '=')
            return ctx->argv[i] + n + 1;
    }
    return NULL;
}

/* The k-th argument that is neither a flag nor a flag's value; flags_with_values lists the
   flags that take one. */
static const char *positional(Ctx *ctx, int k, const char *const *flags_with_values)
{
    for (int i = 1; i < ctx->argc; i++) {
        const char *a = ctx->argv[i];
        if (a[0] == '-' && a[1]) {
            for (const char *const *f = flags_with_values; f && *f; f++)
                if (!strcmp(a, *f))
                    i++;
            continue;
        }
        if (k-- == 0)
            return a;
    }
    return NULL;
}

static const char *const value_flags[] = { "--file", "--seed", "--timeout", "--image", "--csv",
                                           "--out", NULL };

static Progress *load_progress(Ctx *ctx)
{
    char err[512];
    char *notice = NULL;
    Progress *p = progress_load(ctx->progress_dir, ctx->learner, &notice, err, sizeof err);
    if (notice) {
        fprintf(stderr, "la4ai: %s\n", notice);
        free(notice);
    }
    if (!p)
        fprintf(stderr, "la4ai: cannot read progress: %s\n", err);
    return p;
}

/* Runs fn inside a progress transaction; reports problems on stderr. */
static int update_progress(Ctx *ctx, int (*fn)(Progress *, void *), void *arg)
{
    char err[512];
    char *notice = NULL;
    int rc = progress_update(ctx->progress_dir, ctx->learner, fn, arg, &notice, err, sizeof err);
    if (notice) {
        fprintf(stderr, "la4ai: %s\n", notice);
        free(notice);
    }
    if (rc != 0)
        fprintf(stderr, "la4ai: progress not saved: %s\n", err);
    return rc;
}

typedef enum { ST_NOT_STARTED, ST_FAILING, ST_PASSED } ExStatus;
static const char *const status_names[] = { "not-started", "failing", "passed" };
static const char *const status_marks[] = { "·", "✗", "✓" };

static ExStatus exercise_status(const Progress *p, const char *id)
{
    const ExerciseRecord *r = p ? progress_find_exercise(p, id) : NULL;
    if (!r || r->attempts == 0)
        return ST_NOT_STARTED;
    return r->first_pass ? ST_PASSED : ST_FAILING;
}

static const Exercise *find_exercise_or_complain(Ctx *ctx, const char *id)
{
    if (!id) {
        fprintf(stderr, "la4ai %s: which exercise? (la4ai list shows them)\n", ctx->argv[0]);
        return NULL;
    }
    const Exercise *ex = course_exercise(ctx->course, id);
    if (!ex)
        fprintf(stderr, "la4ai %s: no exercise \"%s\" (la4ai list shows them)\n",
                ctx->argv[0], id);
    return ex;
}

/* The first exercise not passed yet, in course order, or NULL when all are. */
static const Exercise *next_exercise(const Course *c, const Progress *p, const Exercise *after)
{
    bool seen = after == NULL;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < c->nexercises; i++) {
            const Exercise *ex = c->exercises[i];
            if (!seen) {
                seen = ex == after;
                continue;
            }
            if (ex != after && exercise_status(p, ex->id) != ST_PASSED)
                return ex;
        }
    return NULL;
}

/* ---- list ------------------------------------------------------------------------------ */

static int cmd_list(Ctx *ctx)
{
    Progress *p = load_progress(ctx);
    const Course *c = ctx->course;
    if (has_flag(ctx, "--json")) {
        cJSON *arr = cJSON_CreateArray();
        for (int i = 0; i < c->nexercises; i++) {
            const Exercise *ex = c->exercises[i];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "id", ex->id);
            cJSON_AddNumberToObject(o, "week", ex->week);
            cJSON_AddStringToObject(o, "lesson", ex->lesson->id);
            cJSON_AddStringToObject(o, "title", ex->title);
            cJSON_AddStringToObject(o, "file", ex->stub);
            cJSON_AddStringToObject(o, "status", status_names[exercise_status(p, ex->id)]);
            cJSON_AddItemToArray(arr, o);
        }
        char *s = cJSON_Print(arr);
        puts(s);
        free(s);
        cJSON_Delete(arr);
        progress_free(p);
        return EXIT_PASS;
    }
    printf("%s\n", c->title);
    for (int w = 0; w < COURSE_WEEKS; w++) {
        const Week *wk = &c->weeks[w];
        if (!wk->written) {
            printf("\nWeek %d — %s  (coming)\n", wk->number, wk->title ? wk->title : "");
            continue;
        }
        printf("\nWeek %d — %s\n", wk->number, wk->title);
        for (int l = 0; l < wk->nlessons; l++) {
            const Lesson *ls = &wk->lessons[l];
            const LessonRecord *lr = p ? progress_find_lesson(p, ls->id) : NULL;
            printf("  %s %-26s %s\n", lr && lr->read ? "✓" : "·", ls->id, ls->title);
            for (int s = 0; s < ls->nsections; s++) {
                const Exercise *ex = ls->sections[s].exercise;
                if (ex)
                    printf("      %s %-22s %s\n", status_marks[exercise_status(p, ex->id)],
                           ex->id, ex->stub);
                const Lab *lab = ls->sections[s].lab;
                if (lab)
                    printf("      ⚗ %-22s lab: la4ai lab %s\n", lab->id, lab->id);
            }
        }
    }
    const Exercise *next = next_exercise(c, p, NULL);
    if (next)
        printf("\nNext: %s — edit %s, then run `la4ai check %s`.\n", next->id, next->stub,
               next->id);
    progress_free(p);
    return EXIT_PASS;
}

/* ---- show ------------------------------------------------------------------------------ */

/* Prints text wrapped at 78 columns. The cursor is at column `col` already (0: print the
   indent first); continuation lines start at `indent`. Newlines in text are kept. */
static void print_wrapped_from(const char *text, int indent, int col)
{
    const int width = 78;
    const char *p = text;
    if (col == 0) {
        printf("%*s", indent, "");
        col = indent;
    }
    int line_start = col;
    while (*p) {
        if (*p == '\n') {
            printf("\n%*s", indent, "");
            col = line_start = indent;
            p++;
            continue;
        }
        const char *end = p;
        while (*end && *end != ' ' && *end != '\n')
            end++;
        int bytes = (int)(end - p), chars = 0;
        for (const char *q = p; q < end; q++)
            chars += ((unsigned char)*q & 0xC0) != 0x80;
        if (col > line_start && col + chars > width) {
            printf("\n%*s", indent, "");
            col = line_start = indent;
        }
        printf("%.*s", bytes, p);
        col += chars;
        p = end;
        while (*p == ' ') {
            if (col > line_start) {
                putchar(' ');
                col++;
            }
            p++;
        }
    }
    putchar('\n');
}

static void print_wrapped(const char *text, int indent) { print_wrapped_from(text, indent, 0); }

static int utf8_width(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* "  • term — text…" with the text hanging under itself (or under the bullet when the term
   is long). */
static void print_item(const char *term, const char *sep, const char *text)
{
    printf("  • %s%s", term, sep);
    int col = 4 + utf8_width(term) + utf8_width(sep);
    print_wrapped_from(text, col > 30 ? 6 : col, col);
}

static void print_question(const Question *q, int number)
{
    int col = printf("\n  Practice %d (%s): ", number, q->id) - 1;
    print_wrapped_from(q->prompt, 4, col);
    if (q->kind == Q_CHOICE)
        for (int i = 0; i < q->nchoices; i++)
            printf("     %c) %s\n", 'a' + i, q->choices[i]);
    printf("     Answer with: la4ai answer %s \"…\"\n", q->id);
}

/* Compiler output keeps its own layout: the caret must stay under the column it marks. */
static void print_prefixed(const char *text, const char *prefix)
{
    for (const char *p = text; *p;) {
        const char *eol = strchr(p, '\n');
        int len = eol ? (int)(eol - p) : (int)strlen(p);
        printf("%s%.*s\n", prefix, len, p);
        p = eol ? eol + 1 : p + len;
    }
}

static void print_indented(const char *text, int indent)
{
    char pad[16];
    snprintf(pad, sizeof pad, "%*s", indent < 15 ? indent : 15, "");
    print_prefixed(text, pad);
}

static void print_section(const Section *s, int *question_no)
{
    switch (s->type) { /* one case per section kind: the layout differs for each */
    case SEC_TEXT:
        if (s->title)
            printf("\n%s\n", s->title);
        putchar('\n');
        print_wrapped(s->body, 2);
        break;
    case SEC_CONCEPTS:
        printf("\nKey concepts\n");
        for (int i = 0; i < s->nitems; i++)
            print_item(s->items[i].a, " — ", s->items[i].b);
        break;
    case SEC_FORMULA:
        printf("\n");
        print_indented(s->body, 6); /* formulas keep their own line breaks */
        if (s->note)
            print_wrapped(s->note, 4);
        break;
    case SEC_EXAMPLE:
        printf("\nWorked example%s%s\n", s->title ? ": " : "", s->title ? s->title : "");
        print_wrapped(s->body, 2);
        break;
    case SEC_CODE:
        printf("\n  ┌── %s%s%s\n", s->lang ? s->lang : "code", s->title ? " — " : "",
               s->title ? s->title : "");
        print_prefixed(s->body, "  │ ");
        printf("  └──\n");
        break;
    case SEC_ML:
        printf("\nML connection\n");
        print_wrapped(s->body, 2);
        break;
    case SEC_WHEN:
        printf("\nWhen to use what\n");
        for (int i = 0; i < s->nitems; i++)
            print_item(s->items[i].a, ": ", s->items[i].b);
        break;
    case SEC_QUESTION:
        print_question(s->question, ++*question_no);
        break;
    case SEC_EXERCISE:
        printf("\nExercise %s — %s\n", s->exercise->id, s->exercise->title);
        print_wrapped(s->exercise->summary, 2);
        printf("  Edit %s, then: la4ai check %s\n", s->exercise->stub, s->exercise->id);
        break;
    case SEC_LAB:
        printf("\nLab %s — %s\n", s->lab->id, s->lab->title);
        print_wrapped(s->lab->summary, 2);
        printf("  Run it: la4ai lab %s\n", s->lab->id);
        break;
    case SEC_COUNT:
        break;
    }
}

static int mark_read(Progress *p, void *id)
{
    progress_mark_read(p, id);
    return 0;
}

static int show_lesson(Ctx *ctx, const Lesson *ls)
{
    printf("%s  (week %d, about %d min)\n", ls->title, ls->week, ls->minutes);
    for (int i = 0; i < ls->nsources; i++) {
        const Source *s = &ls->sources[i];
        printf("  Watch: %s", s->course);
        if (s->number)
            printf(" %d", s->number);
        printf(" — %s\n         %s\n", s->title, s->url);
    }
    int q = 0;
    for (int i = 0; i < ls->nsections; i++)
        print_section(&ls->sections[i], &q);
    update_progress(ctx, mark_read, ls->id);
    return EXIT_PASS;
}

static int show_exercise(Ctx *ctx, const Exercise *ex)
{
    Progress *p = load_progress(ctx);
    const ExerciseRecord *r = p ? progress_find_exercise(p, ex->id) : NULL;
    printf("%s — %s  (week %d, lesson %s)\n\n", ex->id, ex->title, ex->week, ex->lesson->id);
    print_wrapped(ex->summary, 2);
    printf("\n  Write: ");
    for (int i = 0; i < ex->nfunctions; i++)
        printf("%s%s()", i ? ", " : "", ex->functions[i]);
    printf("\n  File:  %s\n", ex->stub);
    printf("  Check: la4ai check %s\n", ex->id);
    printf("  Status: %s", status_names[exercise_status(p, ex->id)]);
    if (r)
        printf(", %d attempt%s, %d of %d hints used", r->attempts, r->attempts == 1 ? "" : "s",
               r->hints_used, ex->nhints);
    printf("\n");
    progress_free(p);
    return EXIT_PASS;
}

static int cmd_show(Ctx *ctx)
{
    const char *id = positional(ctx, 0, NULL);
    if (!id) {
        fprintf(stderr, "la4ai show: which lesson or exercise? (la4ai list shows them)\n");
        return EXIT_USAGE;
    }
    const Lesson *ls = course_lesson(ctx->course, id);
    if (ls)
        return show_lesson(ctx, ls);
    const Exercise *ex = course_exercise(ctx->course, id);
    if (ex)
        return show_exercise(ctx, ex);
    fprintf(stderr, "la4ai show: no lesson or exercise \"%s\" (la4ai list shows them)\n", id);
    return EXIT_USAGE;
}

/* ---- check ----------------------------------------------------------------------------- */

typedef struct {
    const char *id;
    Attempt attempt;
    const Exercise *ex;
    bool offer_hint;      /* reveal the first unseen hint if it failed */
    int hint_shown;       /* out: the hint number shown (1-based) or 0 */
} CheckRecord;

static int record_check(Progress *p, void *arg)
{
    CheckRecord *cr = arg;
    progress_record_attempt(p, cr->id, &cr->attempt);
    ExerciseRecord *r = progress_exercise(p, cr->id);
    cr->hint_shown = 0;
    if (cr->offer_hint && (cr->attempt.passed < cr->attempt.total || !cr->attempt.compiled ||
        cr->attempt.total == 0)) {
        if (r->hints_used < cr->ex->nhints) { /* the first unseen hint goes with a failure */
            r->hints_used++;
            cr->hint_shown = r->hints_used;
        }
    }
    return 0;
}

static void print_report(const GradeReport *rep, const Exercise *ex, int hint_shown)
{
    printf("%s — %s\n", ex->id, rep->file ? rep->file : ex->stub);
    if (!rep->compiled) {
        printf("\n  ✗ does not compile:\n\n");
        print_indented(rep->compile_output, 4);
        if (rep->compile_summary) {
            printf("\n  What it means: ");
            print_wrapped_from(rep->compile_summary, 4, 17);
        }
    } else if (rep->compile_output && *rep->compile_output) {
        printf("\n  compiler warnings (worth fixing):\n");
        print_indented(rep->compile_output, 4);
    }
    if (rep->ntests)
        putchar('\n');
    for (int i = 0; i < rep->ntests; i++) {
        const GradeTest *t = &rep->tests[i];
        printf("  %s %s\n", t->status == TEST_PASS ? "✓" : "✗", t->name);
        if (t->status != TEST_PASS)
            print_wrapped(t->message, 6);
    }
    if (rep->problem) {
        printf("\n  ! ");
        print_wrapped_from(rep->problem, 4, 4);
    }
    if (rep->program_output && *rep->program_output) {
        printf("\n  Your code printed%s:\n", rep->output_total > strlen(rep->program_output)
                                             ? " (cut short)" : "");
        const char *out = rep->program_output;
        size_t n = strlen(out);
        printf("%.*s%s\n", (int)(n > 2000 ? 2000 : n), out, n > 2000 ? "\n  …" : "");
        if (rep->output_total > strlen(out))
            printf("  … %zu bytes in all — is a print inside a loop?\n", rep->output_total);
    }
    if (rep->compiled)
        printf("\n  %d/%d passed  (compile %.2f s, tests %.2f s, seed %llu)\n", rep->npassed,
               rep->ntests, rep->compile_seconds, rep->run_seconds,
               (unsigned long long)rep->seed);
    if (rep->passed)
        printf("  Passed! `la4ai solution %s` shows the reference to compare.\n", ex->id);
    else if (hint_shown)
        printf("\n  Hint %d of %d: %s\n", hint_shown, ex->nhints, ex->hints[hint_shown - 1]);
    else
        printf("\n  Stuck? `la4ai hint %s` shows the next hint.\n", ex->id);
}

static void grade_options_from(Ctx *ctx, GradeOptions *opt)
{
    grade_default_options(opt);
    opt->root = ctx->root;
    const char *file = flag_value(ctx, "--file");
    static char absolute[PATH_MAX]; /* the compiler runs in the course root */
    opt->file = file && realpath(file, absolute) ? absolute : file;
    opt->reference = has_flag(ctx, "--reference");
    opt->pristine = has_flag(ctx, "--pristine");
    opt->keep_workdir = has_flag(ctx, "--keep");
    if (has_flag(ctx, "--no-sanitize"))
        opt->sanitize = false;
    const char *seed = flag_value(ctx, "--seed");
    if (seed)
        opt->seed = strtoull(seed, NULL, 10);
    const char *t = flag_value(ctx, "--timeout");
    if (t)
        opt->test_timeout = atof(t);
}

/* Grades one exercise, prints (or emits JSON), records the attempt; with offer_hint a
   failure reveals the first unseen hint. Returns the exit code. */
static int check_one(Ctx *ctx, const Exercise *ex, const GradeOptions *opt, bool json,
                     bool offer_hint)
{
    GradeReport rep;
    char err[1024];
    if (grade_exercise(ctx->course, ex, opt, &rep, err, sizeof err) != 0) {
        fprintf(stderr, "la4ai check %s: %s\n", ex->id, err);
        grade_report_free(&rep);
        return EXIT_USAGE;
    }
    CheckRecord cr = { ex->id, { time(NULL), rep.npassed, rep.ntests, rep.compiled }, ex,
                       offer_hint, 0 };
    bool own_file = !opt->file && !opt->reference && !opt->pristine;
    if (own_file)
        update_progress(ctx, record_check, &cr);
    if (json) {
        char *s = grade_report_json(&rep);
        cJSON *o = cJSON_Parse(s);
        if (cr.hint_shown)
            cJSON_AddStringToObject(o, "hint", ex->hints[cr.hint_shown - 1]);
        char *t = cJSON_PrintUnformatted(o);
        puts(t);
        free(t);
        free(s);
        cJSON_Delete(o);
    } else {
        print_report(&rep, ex, cr.hint_shown);
    }
    int code = rep.passed ? EXIT_PASS : EXIT_FAIL;
    grade_report_free(&rep);
    return code;
}

static int check_all(Ctx *ctx, const GradeOptions *opt, bool json)
{
    const Course *c = ctx->course;
    int passed = 0, failed = 0;
    cJSON *arr = json ? cJSON_CreateArray() : NULL;
    for (int i = 0; i < c->nexercises; i++) {
        const Exercise *ex = c->exercises[i];
        if (!json) {
            printf("[%2d/%d] %-22s ", i + 1, c->nexercises, ex->id);
            fflush(stdout);
        }
        GradeReport rep;
        char err[1024];
        int rc = grade_exercise(c, ex, opt, &rep, err, sizeof err);
        bool own_file = !opt->reference && !opt->pristine;
        if (rc == 0 && own_file) {
            static const Exercise no_hints = { 0 }; /* --all never reveals hints */
            CheckRecord cr = { ex->id, { time(NULL), rep.npassed, rep.ntests, rep.compiled },
                               &no_hints, false, 0 };
            update_progress(ctx, record_check, &cr);
        }
        if (rc != 0) {
            failed++;
            if (!json)
                printf("error: %s\n", err);
        } else {
            rep.passed ? passed++ : failed++;
            if (json) {
                char *one = grade_report_json(&rep);
                cJSON_AddItemToArray(arr, cJSON_Parse(one));
                free(one);
            }
            else if (!rep.compiled)
                printf("✗ does not compile\n");
            else
                printf("%s %d/%d\n", rep.passed ? "✓" : "✗", rep.npassed, rep.ntests);
        }
        grade_report_free(&rep);
    }
    if (json) {
        char *s = cJSON_Print(arr);
        puts(s);
        free(s);
        cJSON_Delete(arr);
    } else {
        printf("\n%d passed, %d failed\n", passed, failed);
    }
    return failed ? EXIT_FAIL : EXIT_PASS;
}

static int cmd_check(Ctx *ctx)
{
    GradeOptions opt;
    grade_options_from(ctx, &opt);
    bool json = has_flag(ctx, "--json");
    if (has_flag(ctx, "--all"))
        return check_all(ctx, &opt, json);
    const Exercise *ex = find_exercise_or_complain(ctx, positional(ctx, 0, value_flags));
    if (!ex)
        return EXIT_USAGE;
    return check_one(ctx, ex, &opt, json, true);
}

/* ---- watch ----------------------------------------------------------------------------- */

static volatile sig_atomic_t stop_watch;
static void on_interrupt(int sig) { (void)sig; stop_watch = 1; }

static time_t mtime_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_mtime * 1000000000L + st.st_mtim.tv_nsec : 0;
}

/* Waits until path changes (inotify on its folder, else polling). 0 changed, -1 stopped. */
static int wait_for_change(const char *path, int ifd, time_t *last)
{
    while (!stop_watch) {
        if (ifd >= 0) {
            struct pollfd p = { ifd, POLLIN, 0 };
            if (poll(&p, 1, 500) > 0) {
                char buf[4096];
                ssize_t n = read(ifd, buf, sizeof buf);
                (void)n;
                usleep(100000); /* let the editor finish writing */
            }
        } else {
            usleep(500000);
        }
        time_t now_m = mtime_of(path);
        if (now_m != *last) {
            *last = now_m;
            return 0;
        }
    }
    return -1;
}

static int cmd_watch(Ctx *ctx)
{
    GradeOptions opt;
    grade_options_from(ctx, &opt);
    Progress *p = load_progress(ctx);
    const char *id = positional(ctx, 0, value_flags);
    const Exercise *ex = id ? find_exercise_or_complain(ctx, id) : next_exercise(ctx->course, p, NULL);
    progress_free(p);
    if (!ex) {
        if (!id)
            printf("Every exercise passes. Well done!\n");
        return id ? EXIT_USAGE : EXIT_PASS;
    }
    signal(SIGINT, on_interrupt);
    signal(SIGTERM, on_interrupt);
    int ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    while (ex && !stop_watch) {
        char *path = util_fmt("%s/%s", ctx->root, ex->stub);
        char *dir = xstrdup(path);
        *strrchr(dir, '/') = '\0';
        int wd = ifd >= 0 ? inotify_add_watch(ifd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)
                          : -1;
        time_t last = mtime_of(path);
        printf("\nWatching %s — save it to check %s (Ctrl-C to stop)%s\n", ex->stub, ex->id,
               ifd < 0 || wd < 0 ? " [polling]" : "");
        fflush(stdout);
        /* only the first failure of a watch reveals a hint: saves come fast */
        int code = check_one(ctx, ex, &opt, false, true);
        fflush(stdout);
        while (code != EXIT_PASS && wait_for_change(path, wd >= 0 ? ifd : -1, &last) == 0) {
            printf("\n── %s changed ──\n", ex->stub);
            code = check_one(ctx, ex, &opt, false, false);
            fflush(stdout);
        }
        if (wd >= 0)
            inotify_rm_watch(ifd, wd);
        free(path);
        free(dir);
        if (code != EXIT_PASS)
            break;
        p = load_progress(ctx);
        ex = next_exercise(ctx->course, p, ex);
        progress_free(p);
        if (!ex)
            printf("\nEvery exercise passes. Well done!\n");
        else
            printf("\nOn to the next one: %s.\n", ex->id);
    }
    if (ifd >= 0)
        close(ifd);
    return EXIT_PASS;
}

/* ---- hint, solution, reset ------------------------------------------------------------- */

typedef struct { const char *id; int max; int shown; } HintArg;

static int reveal_hint(Progress *p, void *arg)
{
    HintArg *h = arg;
    ExerciseRecord *r = progress_exercise(p, h->id);
    if (r->hints_used < h->max)
        r->hints_used++;
    h->shown = r->hints_used;
    return 0;
}

static int cmd_hint(Ctx *ctx)
{
    const Exercise *ex = find_exercise_or_complain(ctx, positional(ctx, 0, NULL));
    if (!ex)
        return EXIT_USAGE;
    if (has_flag(ctx, "--all")) {
        Progress *p = load_progress(ctx);
        const ExerciseRecord *r = p ? progress_find_exercise(p, ex->id) : NULL;
        int n = r ? r->hints_used : 0;
        if (n == 0)
            printf("No hints seen yet for %s: `la4ai hint %s` shows the first.\n", ex->id, ex->id);
        for (int i = 0; i < n && i < ex->nhints; i++)
            printf("Hint %d of %d: %s\n", i + 1, ex->nhints, ex->hints[i]);
        progress_free(p);
        return EXIT_PASS;
    }
    HintArg h = { ex->id, ex->nhints, 0 };
    if (update_progress(ctx, reveal_hint, &h) != 0)
        return EXIT_USAGE;
    printf("Hint %d of %d for %s:\n", h.shown, ex->nhints, ex->id);
    print_wrapped(ex->hints[h.shown - 1], 2);
    if (h.shown == ex->nhints)
        printf("(That was the last hint.)\n");
    return EXIT_PASS;
}

static int saw_solution(Progress *p, void *id)
{
    progress_exercise(p, id)->solution_seen = true;
    return 0;
}

static int cmd_solution(Ctx *ctx)
{
    const Exercise *ex = find_exercise_or_complain(ctx, positional(ctx, 0, NULL));
    if (!ex)
        return EXIT_USAGE;
    Progress *p = load_progress(ctx);
    bool passed = exercise_status(p, ex->id) == ST_PASSED;
    progress_free(p);
    if (!passed && !has_flag(ctx, "--force")) {
        fprintf(stderr, "la4ai solution: %s has not passed yet. Solve it first — that is where "
                "the learning is — or use --force to look anyway.\n", ex->id);
        return EXIT_FAIL;
    }
    if (!passed)
        fprintf(stderr, "Warning: showing the reference before you passed %s; it will be "
                "recorded.\n\n", ex->id);
    char *path = util_fmt("%s/%s", ctx->root, ex->reference);
    char *text = util_read_file(path, NULL);
    if (!text) {
        fprintf(stderr, "la4ai solution: cannot read %s: %s\n", ex->reference, strerror(errno));
        free(path);
        return EXIT_USAGE;
    }
    printf("── %s ──\n%s", ex->reference, text);
    free(text);
    free(path);
    update_progress(ctx, saw_solution, (void *)ex->id);
    return EXIT_PASS;
}

static int cmd_reset(Ctx *ctx)
{
    const Exercise *ex = find_exercise_or_complain(ctx, positional(ctx, 0, NULL));
    if (!ex)
        return EXIT_USAGE;
    const char *pristine = stubs_pristine(ex->stub);
    if (!pristine) {
        fprintf(stderr, "la4ai reset: this build has no pristine copy of %s\n", ex->stub);
        return EXIT_USAGE;
    }
    char *path = util_fmt("%s/%s", ctx->root, ex->stub);
    char stamp[32];
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", localtime(&now));
    char *backup_dir = util_fmt("%s/backups", ctx->progress_dir);
    char *backup = util_fmt("%s/%s-%s.c", backup_dir, ex->id, stamp);
    bool exists = util_exists(path);
    if (!has_flag(ctx, "--yes")) {
        printf("Reset %s to the original stub?%s%s [y/N] ", ex->stub,
               exists ? " Your file is kept as " : "", exists ? backup : "");
        fflush(stdout);
        char line[16] = "";
        if (!fgets(line, sizeof line, stdin) || (line[0] != 'y' && line[0] != 'Y')) {
            printf("Nothing changed.\n");
            free(path), free(backup), free(backup_dir);
            return EXIT_FAIL;
        }
    }
    int rc = EXIT_PASS;
    mkdir(ctx->progress_dir, 0755);
    mkdir(backup_dir, 0755);
    if (exists && util_copy_file(path, backup) != 0) {
        fprintf(stderr, "la4ai reset: cannot keep a backup at %s (%s); nothing changed\n",
                backup, strerror(errno));
        rc = EXIT_USAGE;
    } else if (util_write_file(path, pristine, strlen(pristine)) != 0) {
        fprintf(stderr, "la4ai reset: cannot write %s: %s\n", ex->stub, strerror(errno));
        rc = EXIT_USAGE;
    } else {
        printf("%s is the original stub again.%s%s\n", ex->stub, exists ? " Your version: " : "",
               exists ? backup : "");
    }
    free(path), free(backup), free(backup_dir);
    return rc;
}

/* ---- answer ------------------------------------------------------------------------------ */

typedef struct { const char *id, *typed; bool ok; } AnswerArg;

static int record_answer(Progress *p, void *arg)
{
    AnswerArg *a = arg;
    progress_record_answer(p, a->id, a->typed, a->ok);
    return 0;
}

static int cmd_answer(Ctx *ctx)
{
    const char *id = positional(ctx, 0, NULL), *typed = positional(ctx, 1, NULL);
    const Question *q = id ? course_question(ctx->course, id) : NULL;
    if (!q || !typed) {
        fprintf(stderr, q ? "la4ai answer: what is your answer? la4ai answer %s \"…\"\n"
                          : "la4ai answer: no question \"%s\" (questions are listed in each "
                            "lesson: la4ai show LESSON)\n", id ? id : "");
        return EXIT_USAGE;
    }
    char fb[512];
    AnswerVerdict v = answer_check(q, typed, fb, sizeof fb);
    printf("%s\n", fb);
    if (v == ANSWER_UNREADABLE)
        return EXIT_USAGE;
    AnswerArg a = { q->id, typed, v == ANSWER_RIGHT };
    update_progress(ctx, record_answer, &a);
    if (q->explain && *q->explain)
        print_wrapped(q->explain, 0);
    return v == ANSWER_RIGHT ? EXIT_PASS : EXIT_FAIL;
}

/* ---- progress ---------------------------------------------------------------------------- */

static int cmd_progress(Ctx *ctx)
{
    Progress *p = load_progress(ctx);
    if (!p)
        return EXIT_USAGE;
    const Course *c = ctx->course;
    bool json = has_flag(ctx, "--json");
    cJSON *weeks = cJSON_CreateArray();
    int total_attempts = 0, total_hints = 0;
    if (!json)
        printf("Progress of %s\n\n", ctx->learner);
    for (int w = 0; w < COURSE_WEEKS; w++) {
        const Week *wk = &c->weeks[w];
        if (!wk->written)
            continue;
        int lessons = 0, read = 0, exercises = 0, passed = 0;
        for (int l = 0; l < wk->nlessons; l++) {
            const LessonRecord *lr = progress_find_lesson(p, wk->lessons[l].id);
            lessons++;
            read += lr && lr->read;
        }
        for (int i = 0; i < c->nexercises; i++) {
            if (c->exercises[i]->week != wk->number)
                continue;
            const ExerciseRecord *r = progress_find_exercise(p, c->exercises[i]->id);
            exercises++;
            passed += r && r->first_pass;
            total_attempts += r ? r->attempts : 0;
            total_hints += r ? r->hints_used : 0;
        }
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "week", wk->number);
        cJSON_AddNumberToObject(o, "lessons", lessons);
        cJSON_AddNumberToObject(o, "lessons_read", read);
        cJSON_AddNumberToObject(o, "exercises", exercises);
        cJSON_AddNumberToObject(o, "exercises_passed", passed);
        cJSON_AddItemToArray(weeks, o);
        if (!json) {
            char bar[64] = "";
            int filled = exercises ? 20 * passed / exercises : 0;
            for (int i = 0; i < 20; i++)
                strcat(bar, i < filled ? "█" : "░");
            printf("Week %-2d %s  exercises %d/%d  lessons read %d/%d  %s\n", wk->number, bar,
                   passed, exercises, read, lessons, wk->title);
        }
    }
    int streak = progress_streak(p, time(NULL));
    if (json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "learner", ctx->learner);
        cJSON_AddItemToObject(o, "weeks", weeks);
        cJSON_AddNumberToObject(o, "attempts", total_attempts);
        cJSON_AddNumberToObject(o, "hints_used", total_hints);
        cJSON_AddNumberToObject(o, "days_active", p->ndays);
        cJSON_AddNumberToObject(o, "streak", streak);
        char *s = cJSON_Print(o);
        puts(s);
        free(s);
        cJSON_Delete(o);
    } else {
        cJSON_Delete(weeks);
        printf("\nAttempts %d, hints used %d, days active %d, streak %d day%s\n",
               total_attempts, total_hints, p->ndays, streak, streak == 1 ? "" : "s");
        printf("\nNext:\n");
        const Exercise *ex = NULL;
        for (int k = 0; k < 3; k++) {
            ex = next_exercise(c, p, ex);
            if (!ex || (k && ex == next_exercise(c, p, NULL)))
                break;
            printf("  %d. %s — la4ai check %s\n", k + 1, ex->title, ex->id);
        }
    }
    progress_free(p);
    return EXIT_PASS;
}

/* ---- lab, validate ------------------------------------------------------------------------ */

static int cmd_lab(Ctx *ctx)
{
    const char *id = positional(ctx, 0, value_flags);
    const Lab *lab = id ? course_lab(ctx->course, id) : NULL;
    if (!lab) {
        fprintf(stderr, "la4ai lab: no lab \"%s\"; labs:", id ? id : "");
        for (int i = 0; i < ctx->course->nlabs; i++)
            fprintf(stderr, " %s", ctx->course->labs[i]->id);
        fprintf(stderr, "\n");
        return EXIT_USAGE;
    }
    /* the learner's own inputs, as absolute paths: the lab runs in a temporary folder */
    static const struct { const char *flag, *env; bool must_exist; } inputs[] = {
        { "--image", "LA4AI_LAB_IMAGE", true },
        { "--csv", "LA4AI_LAB_CSV", true },
        { "--out", "LA4AI_LAB_OUT", false },
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        const char *v = flag_value(ctx, inputs[i].flag);
        if (!v)
            continue;
        char absolute[PATH_MAX];
        if (!inputs[i].must_exist)
            mkdir(v, 0755);
        if (!realpath(v, absolute)) {
            fprintf(stderr, "la4ai lab: %s %s: %s\n", inputs[i].flag, v, strerror(errno));
            return EXIT_USAGE;
        }
        setenv(inputs[i].env, absolute, 1);
    }
    GradeOptions opt;
    grade_options_from(ctx, &opt);
    opt.color = plot_style_auto().color;
    printf("Lab %s — building with %s…\n", lab->id, opt.reference ? "the reference solutions"
                                                                  : "your code");
    fflush(stdout);
    char *output = NULL, err[1024];
    int status = grade_lab(ctx->course, lab, &opt, &output, err, sizeof err);
    if (status < 0) {
        fprintf(stderr, "la4ai lab %s: %s\n", lab->id, err);
        return EXIT_USAGE;
    }
    fputs(output, stdout);
    free(output);
    return status == 0 ? EXIT_PASS : EXIT_FAIL;
}

static int cmd_validate(Ctx *ctx)
{
    /* the course was loaded (and its errors printed) before any command ran */
    const Course *c = ctx->course;
    int weeks = 0, lessons = 0;
    for (int w = 0; w < COURSE_WEEKS; w++) {
        weeks += c->weeks[w].written;
        lessons += c->weeks[w].nlessons;
    }
    printf("ok: %d weeks written, %d lessons, %d exercises, %d labs, %d practice questions\n",
           weeks, lessons, c->nexercises, c->nlabs, c->nquestions);
    return EXIT_PASS;
}

/* ---- tui ------------------------------------------------------------------------------------ */

static int cmd_tui(Ctx *ctx)
{
    TuiOptions opt = { ctx->root, ctx->progress_dir, ctx->learner, ctx->course };
    return tui_main(&opt);
}

/* ---- data --------------------------------------------------------------------------------- */

typedef struct {
    const char *name;        /* `la4ai data fetch NAME` */
    const char *folder;      /* under the data folder */
    const char *url;         /* where the real files are */
    const char *md5;         /* their published MD5 */
    bool zip;                /* unpack with python3's zipfile */
} Download;

/* The published files and checksums (MovieLens: grouplens.org's ml-100k.zip.md5; MNIST: the
   checksums every framework's loader verifies). */
static const Download downloads[] = {
    { "ml-100k", ".", "https://files.grouplens.org/datasets/movielens/ml-100k.zip",
      "0e33842e24a9c977be4e0107933c0723", true },
    { "mnist", "mnist", "https://storage.googleapis.com/cvdf-datasets/mnist/"
      "train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", false },
    { "mnist", "mnist", "https://storage.googleapis.com/cvdf-datasets/mnist/"
      "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", false },
    { "mnist", "mnist", "https://storage.googleapis.com/cvdf-datasets/mnist/"
      "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", false },
    { "mnist", "mnist", "https://storage.googleapis.com/cvdf-datasets/mnist/"
      "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", false },
};

/* Runs argv (argv[0] a full path) with the caller's PATH; returns its output (caller frees)
   and sets *ok when it exited 0. */
static char *run_tool(char *const argv[], double seconds, bool *ok)
{
    char *path = util_fmt("PATH=%s", env_or("PATH", "/usr/bin:/bin"));
    char *env[] = { path, "LANG=C", NULL };
    SandboxLimits lim = { .wall_seconds = seconds, .output_cap = 16384, .env = env };
    SandboxResult r;
    *ok = sandbox_run(argv, &lim, &r) == 0 && r.end == SB_EXITED && r.exit_code == 0;
    char *out = xstrdup(r.output ? r.output : r.error);
    sandbox_result_free(&r);
    free(path);
    return out;
}

static int fetch_one(const Download *d, const char *dir)
{
    char *folder = util_fmt("%s/%s", dir, d->folder);
    mkdir(folder, 0755);
    const char *base = strrchr(d->url, '/') + 1;
    char *file = util_fmt("%s/%s", folder, base);
    printf("  %s\n", d->url);
    fflush(stdout);
    bool ok;
    char *curl[] = { "/usr/bin/curl", "-fsSL", "--connect-timeout", "15", "-o", file,
                     (char *)d->url, NULL };
    char *out = util_exists(curl[0]) ? run_tool(curl, 600, &ok) : (ok = false,
                xstrdup("curl is not installed (apt-get install curl)"));
    int rc = 0;
    if (!ok) {
        fprintf(stderr, "    could not download it: %s    The network may not reach it from "
                "here; the course works offline with its substitutes (la4ai data status).\n",
                *out ? out : "no answer\n");
        unlink(file);
        rc = -1;
    } else {
        free(out);
        char *md5[] = { "/usr/bin/md5sum", file, NULL };
        out = run_tool(md5, 60, &ok);
        if (!ok || strncmp(out, d->md5, 32)) {
            fprintf(stderr, "    checksum mismatch: expected MD5 %s, got %.32s — the file was "
                    "removed; try again later\n", d->md5, out);
            unlink(file);
            rc = -1;
        } else if (d->zip) {
            free(out);
            char *unzip[] = { "/usr/bin/python3", "-m", "zipfile", "-e", file, folder, NULL };
            out = run_tool(unzip, 120, &ok);
            if (!ok) {
                fprintf(stderr, "    could not unpack %s: %s\n", file, out);
                rc = -1;
            } else {
                unlink(file);
            }
        }
        if (rc == 0)
            printf("    verified (MD5 %s)\n", d->md5);
    }
    free(out);
    free(file);
    free(folder);
    return rc;
}

static int cmd_data(Ctx *ctx)
{
    const char *sub = positional(ctx, 0, NULL);
    const char *dir = getenv("LA4AI_DATA_DIR");
    if (!sub || !strcmp(sub, "status")) {
        DataSet sets[DATA_SETS];
        int n = data_find(sets, DATA_SETS);
        printf("Data folder: %s (LA4AI_DATA_DIR)\n\n", dir);
        for (int i = 0; i < n; i++) {
            printf("%-14s ", sets[i].name);
            print_wrapped_from(sets[i].description, 15, 15);
            char *where = sets[i].path
                ? util_fmt("found: %s", sets[i].path)
                : util_fmt("not found (looked in %s)\nin use instead: %s", sets[i].looked_in,
                           sets[i].substitute);
            print_wrapped(where, 15);
            free(where);
        }
        char *mnist = util_fmt("%s/mnist/train-images-idx3-ubyte.gz", dir);
        printf("%-14s MNIST handwritten digits (week 8's MLP)\n%14s %s\n", "mnist", "",
               util_exists(mnist) ? "found" : "not found: la4ai data fetch mnist "
               "(Fashion-MNIST is the offline substitute)");
        free(mnist);
        return EXIT_PASS;
    }
    if (strcmp(sub, "fetch")) {
        fprintf(stderr, "la4ai data: status or fetch, not \"%s\"\n", sub);
        return EXIT_USAGE;
    }
    const char *name = positional(ctx, 1, NULL);
    bool known = false;
    for (size_t i = 0; name && i < sizeof downloads / sizeof *downloads; i++)
        known |= !strcmp(downloads[i].name, name);
    if (!known) {
        fprintf(stderr, "la4ai data fetch: which data set? ml-100k or mnist\n");
        return EXIT_USAGE;
    }
    mkdir(dir, 0755);
    printf("Fetching %s into %s\n", name, dir);
    int failed = 0;
    for (size_t i = 0; i < sizeof downloads / sizeof *downloads; i++)
        if (!strcmp(downloads[i].name, name))
            failed |= fetch_one(&downloads[i], dir) != 0;
    return failed ? EXIT_FAIL : EXIT_PASS;
}

/* ---- the table ------------------------------------------------------------------------------ */

static int cmd_help(Ctx *ctx);

static const Command commands[] = {
    { "list", cmd_list, "la4ai list [--json]", "every week, lesson and exercise, with status",
      "Lists the course: weeks, lessons (✓ read) and exercises (✓ passed, ✗ failing, · not "
      "tried), then what to do next.\n  --json  one object per exercise: id, week, lesson, "
      "title, file, status\n" },
    { "show", cmd_show, "la4ai show LESSON|EXERCISE",
      "read a lesson (marks it read) or an exercise's details",
      "Prints a lesson — what to watch, key concepts, formulas, worked examples, the ML "
      "connection, when to use what, practice questions — and marks it read. For an "
      "exercise: what to write, its file, status, attempts and hints used.\n" },
    { "check", cmd_check,
      "la4ai check ID [--file PATH] [--json] [--seed N] [--no-sanitize] | --all",
      "grade an exercise",
      "Compiles your file for exercise ID with its grader and runs every test in a "
      "sandbox. Exit status 0 passed, 1 failed, 2 usage or set-up error.\n"
      "  --file PATH     grade PATH as exercise ID (try a variant; not recorded)\n"
      "  --json          one JSON object: id, passed, compile{ok, output}, tests[{name, "
      "status, message}], …\n"
      "  --all           grade every exercise, one line each\n"
      "  --seed N        another random seed (failures print the seed that shows them)\n"
      "  --no-sanitize   without AddressSanitizer/UBSan (faster, less precise about crashes)\n"
      "  --timeout S     seconds per test (default 3)\n"
      "  --reference, --pristine   grade the reference or the original stub (for "
      "maintainers)\n  --keep          keep the temporary build folder\n" },
    { "watch", cmd_watch, "la4ai watch [ID]", "re-check on every save, then move on",
      "Checks ID (default: the first exercise not passed) and again every time its file is "
      "saved; after a pass, moves to the next unfinished exercise. Ctrl-C stops.\n" },
    { "hint", cmd_hint, "la4ai hint ID [--all]", "the next hint (--all: those seen so far)",
      "Shows the next hint for exercise ID, from a nudge to a near-answer; the count is "
      "recorded.\n" },
    { "solution", cmd_solution, "la4ai solution ID [--force]",
      "the reference solution, after you pass",
      "Shows the reference solution of ID once your own passes. --force shows it before, "
      "with a warning, and records that you looked.\n" },
    { "reset", cmd_reset, "la4ai reset ID [--yes]", "put the original stub back",
      "Restores exercises/…/ID.c to the original stub after asking; your file is kept in "
      "progress/backups/ first. --yes skips the question.\n" },
    { "answer", cmd_answer, "la4ai answer QUESTION \"ANSWER\"", "answer a practice question",
      "Checks your answer to a practice question from a lesson and records it. Numbers may "
      "be written 0.5, 1/3, sqrt(2)/2; choices as a letter; matrices as \"1 2; 3 4\".\n" },
    { "progress", cmd_progress, "la4ai progress [--json]", "your progress, week by week",
      "Lessons read and exercises passed per week, attempts, hints used, days active, "
      "streak, and the next three things to do.\n" },
    { "lab", cmd_lab, "la4ai lab ID [--reference] [--image PHOTO] [--csv FILE] [--out DIR]",
      "run a lab on your code",
      "Builds a lab with your solutions (--reference: with the reference solutions) and runs "
      "it: tables and pictures of your algorithms on real data.\n"
      "  --image PHOTO   your own PNG/JPEG for image_compression\n"
      "  --csv FILE      your own two-column data for eigen_scatter\n"
      "  --out DIR       where labs write the pictures you can keep (PNG)\n" },
    { "data", cmd_data, "la4ai data [status] | data fetch ml-100k|mnist",
      "which data sets are here, or download a real one",
      "status lists each data set the labs use, where it was found, and the substitute in "
      "use when it is missing. fetch downloads a real set (MovieLens 100K, MNIST) into the "
      "data folder ($LA4AI_DATA_DIR, default data/ in the course) and verifies its checksum; "
      "without a network it says so, and the course goes on offline.\n" },
    { "validate", cmd_validate, "la4ai validate", "check the lesson files",
      "Loads every lessons/weekNN.json and reports each problem as FILE:LINE:COL: message. "
      "Exit status 1 if there is any.\n" },
    { "tui", cmd_tui, "la4ai tui", "the course in full screen (also: la4ai on a terminal)",
      "Opens the terminal course: the course map, lessons with practice questions, exercises "
      "that check themselves on every save, the dashboard. `la4ai` with no command opens it "
      "when stdin and stdout are a terminal (and prints `la4ai list` otherwise). ? shows "
      "every key.\n" },
    { "help", cmd_help, "la4ai help [COMMAND]", "this list, or one command's help", "" },
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *f)
{
    fprintf(f, "la4ai %s — Linear Algebra for AI, Path 2 (Rapid Learner)\n\n"
               "usage: la4ai [--root DIR] [--progress-dir DIR] [--learner NAME] COMMAND …\n\n",
            LA4AI_VERSION);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n`la4ai COMMAND --help` tells more. Environment: LA4AI_ROOT, "
               "LA4AI_PROGRESS_DIR, LA4AI_LEARNER.\n");
}

static const Command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

static int cmd_help(Ctx *ctx)
{
    const Command *c = ctx->argc > 1 ? find_command(ctx->argv[1]) : NULL;
    if (!c) {
        usage(stdout);
        return EXIT_PASS;
    }
    printf("usage: %s\n\n%s", c->usage, c->help);
    return EXIT_PASS;
}

/* Reads the global options; returns the index of the command, or -1 on a usage error. */
static int global_options(int argc, char **argv, Ctx *ctx)
{
    static const struct { const char *flag; size_t offset; } globals[] = {
        { "--root", offsetof(Ctx, root) },
        { "--progress-dir", offsetof(Ctx, progress_dir) },
        { "--learner", offsetof(Ctx, learner) },
    };
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        size_t g = 0;
        for (; g < sizeof globals / sizeof *globals; g++)
            if (!strcmp(argv[i], globals[g].flag))
                break;
        if (g == sizeof globals / sizeof *globals)
            break;
        if (i + 1 >= argc) {
            fprintf(stderr, "la4ai: %s needs a value\n", argv[i]);
            return -1;
        }
        *(const char **)((char *)ctx + globals[g].offset) = argv[i + 1];
        i += 2;
    }
    return i;
}

int cli_main(int argc, char **argv)
{
    Ctx ctx = { 0 };
    int first = global_options(argc, argv, &ctx);
    if (first < 0)
        return EXIT_USAGE;
    if (first < argc && (!strcmp(argv[first], "--help") || !strcmp(argv[first], "-h"))) {
        usage(stdout);
        return EXIT_PASS;
    }
    if (first < argc && !strcmp(argv[first], "--version")) {
        printf("la4ai %s\n", LA4AI_VERSION);
        return EXIT_PASS;
    }
    bool tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO); /* no command: the TUI on a terminal */
    const Command *cmd = first < argc ? find_command(argv[first]) : find_command(tty ? "tui" : "list");
    if (!cmd) {
        fprintf(stderr, "la4ai: no command \"%s\"\n\n", argv[first]);
        usage(stderr);
        return EXIT_USAGE;
    }
    static char *list_argv[] = { "list", NULL }, *tui_argv[] = { "tui", NULL };
    ctx.argc = first < argc ? argc - first : 1;
    ctx.argv = first < argc ? argv + first : tty ? tui_argv : list_argv;
    for (int i = 1; i < ctx.argc; i++)
        if (!strcmp(ctx.argv[i], "--help") || !strcmp(ctx.argv[i], "-h")) {
            printf("usage: %s\n\n%s", cmd->usage, cmd->help);
            return EXIT_PASS;
        }
    if (cmd->run == cmd_help)
        return cmd_help(&ctx);

    if (!ctx.root)
        ctx.root = env_or("LA4AI_ROOT", LA4AI_SOURCE_ROOT);
    char *default_progress = util_fmt("%s/progress", ctx.root);
    if (!ctx.progress_dir)
        ctx.progress_dir = env_or("LA4AI_PROGRESS_DIR", default_progress);
    if (!ctx.learner)
        ctx.learner = env_or("LA4AI_LEARNER", env_or("USER", "learner"));
    char *default_data = util_fmt("%s/data", ctx.root);
    setenv("LA4AI_DATA_DIR", env_or("LA4AI_DATA_DIR", default_data), 1); /* labs see it too */

    CourseErrors errs = { 0 };
    ctx.course = course_load(ctx.root, &errs);
    for (int i = 0; i < errs.count; i++)
        fprintf(stderr, "%s\n", errs.lines[i]);
    int code;
    if (!ctx.course) {
        fprintf(stderr, "la4ai: cannot load the course from %s/lessons (use --root or "
                "LA4AI_ROOT to point at the course)\n", ctx.root);
        code = EXIT_USAGE;
    } else if (cmd->run == cmd_validate && errs.count) {
        fprintf(stderr, "%d problem%s found\n", errs.count, errs.count == 1 ? "" : "s");
        code = EXIT_FAIL;
    } else {
        code = cmd->run(&ctx);
    }
    course_errors_free(&errs);
    course_free(ctx.course);
    free(default_progress);
    free(default_data);
    return code;
}
