/*
 * tui_exercise.c — one exercise: what to write, its file, status, attempts, hints, and the
 * last check's report (each test ✓/✗ with its message). e edits the stub in $VISUAL /
 * $EDITOR, c checks it, h reveals the next hint, s shows the reference after a pass, r puts
 * the original stub back (after a y/n), l runs the lesson's lab.
 *
 * Theory of operation. A check never runs here: this same binary is started as
 * `la4ai --root R --progress-dir P --learner L check ID --json` in its own process group
 * (tui_job.c), its JSON report is read from a pipe between keys while a spinner turns, and
 * Esc kills the group. The child records the attempt (and the hint that goes with a
 * failure); the screen reloads the progress file when it ends. Watch is built in: inotify
 * on the stub's folder (or polling its mtime when inotify is missing) re-checks on every
 * save, a burst of events counted as one.
 */
#define _GNU_SOURCE
#include "tui_int.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "stubs.h"

#define SETTLE_SECONDS 0.15   /* editors write in steps: wait for the burst to end */
#define POLL_SECONDS 1.0      /* without inotify */

typedef struct {
    Screen base;
    DocView view;
    const Exercise *ex;
    char *path;               /* the stub, absolute */
    TuiJob job;
    char *error;              /* why the last check could not run, or NULL */
    int ifd;                  /* inotify, or -1 */
    long long stamp;          /* the stub's mtime (ns) + size when last checked or seen */
    double changed_at;        /* when a change was noticed, 0 when none pending */
    double polled_at;
    bool rerun;               /* saved again while a check ran */
    int spin;
    int hint_line;            /* doc line of the newest hint, -1 */
    int status_line;          /* doc line where "Write / File / Status" start */
} ExScreen;

static long long stamp_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    return (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec + st.st_size;
}

/* ---- layout ------------------------------------------------------------------------------ */

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void layout_report(Doc *d, const char *json)
{
    cJSON *o = cJSON_Parse(json);
    if (!o) {
        doc_line(d, 2, R_FAIL, "The last report could not be read.");
        return;
    }
    const cJSON *comp = cJSON_GetObjectItemCaseSensitive(o, "compile");
    const cJSON *tests = cJSON_GetObjectItemCaseSensitive(o, "tests");
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(o, "checked_at");
    bool passed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "passed"));
    bool compiled = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(comp, "ok"));
    int total = cJSON_GetArraySize(tests), npass = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, tests)
        npass += str(t, "status") && !strcmp(str(t, "status"), "pass");
    char when[32] = "";
    if (cJSON_IsNumber(at)) {
        time_t tt = (time_t)at->valuedouble;
        strftime(when, sizeof when, " at %H:%M:%S", localtime(&tt));
    }
    if (!compiled)
        doc_linef(d, 0, R_SUBHEAD, "Last check%s %s %s%s does not compile", when,
                  tui_glyph(G_DASH), tui_role(R_FAIL), tui_glyph(G_CROSS));
    else if (passed)
        doc_linef(d, 0, R_SUBHEAD, "Last check%s %s %s%s passed: all %d tests", when,
                  tui_glyph(G_DASH), tui_role(R_PASS), tui_glyph(G_CHECK), total);
    else
        doc_linef(d, 0, R_SUBHEAD, "Last check%s %s %s%s %d of %d tests passed", when,
                  tui_glyph(G_DASH), tui_role(R_FAIL), tui_glyph(G_CROSS), npass, total);
    if (!compiled) {
        if (str(comp, "summary")) {
            doc_blank(d);
            doc_prose(d, 2, R_NORMAL, str(comp, "summary"));
        }
        doc_blank(d);
        d->gutter = 1 + R_DIM;
        doc_pre(d, 2, R_BLOCK, R_BLOCK, str(comp, "output") ? str(comp, "output") : "");
        d->gutter = 0;
    } else if (str(comp, "output") && *str(comp, "output")) {
        doc_line(d, 2, R_WARN, "Compiler warnings (worth fixing):");
        d->gutter = 1 + R_DIM;
        doc_pre(d, 2, R_BLOCK, R_BLOCK, str(comp, "output"));
        d->gutter = 0;
    }
    if (total)
        doc_blank(d);
    cJSON_ArrayForEach(t, tests) {
        const char *status = str(t, "status"), *msg = str(t, "message");
        bool ok = status && !strcmp(status, "pass");
        doc_linef(d, 2, R_NORMAL, "%s%s %s%s", tui_role(ok ? R_PASS : R_FAIL),
                  tui_glyph(ok ? G_CHECK : G_CROSS), tui_role(ok ? R_NORMAL : R_EMPH),
                  str(t, "name") ? str(t, "name") : "?");
        if (!ok && msg && *msg)
            doc_prose(d, 6, R_NORMAL, msg);
    }
    if (str(o, "problem")) {
        doc_blank(d);
        doc_prose(d, 2, R_WARN, str(o, "problem"));
    }
    const char *out = str(o, "output");
    if (out && *out) {
        doc_blank(d);
        doc_line(d, 2, R_DIM, "What your code printed:");
        d->gutter = 1 + R_DIM;
        doc_pre(d, 2, R_BLOCK, R_BLOCK, out);
        d->gutter = 0;
    }
    if (passed) {
        doc_blank(d);
        doc_linef(d, 2, R_PASS, "Passed! s shows the reference solution to compare with yours.");
    }
    cJSON_Delete(o);
}

static void layout(App *app, ExScreen *es)
{
    const Exercise *ex = es->ex;
    Doc *d = &es->view.doc;
    doc_free(d);
    doc_init(d, doc_width());
    const ExerciseRecord *r = progress_find_exercise(app->progress, ex->id);
    int st = tui_exercise_state(app, ex->id);
    doc_linef(d, 0, R_HEADING, "%s %s %s", ex->id, tui_glyph(G_DASH), ex->title);
    doc_linef(d, 0, R_DIM, "Week %d %s lesson: %s", ex->week, tui_glyph(G_MIDDOT),
              ex->lesson->title);
    doc_blank(d);
    doc_prose(d, 0, R_NORMAL, ex->summary);
    doc_blank(d);
    es->status_line = d->n;
    StrBuf fns = { 0 };
    for (int i = 0; i < ex->nfunctions; i++)
        sb_addf(&fns, "%s%s()", i ? ", " : "", ex->functions[i]);
    doc_linef(d, 0, R_NORMAL, "%sWrite   %s%s", tui_role(R_DIM), tui_role(R_CODE),
              fns.s ? fns.s : "");
    sb_free(&fns);
    doc_linef(d, 0, R_NORMAL, "%sFile    %s%s", tui_role(R_DIM), tui_role(R_NORMAL), ex->stub);
    static const char *const words[] = { "not tried yet", "not passing yet", "passed" };
    static const Glyph marks[] = { G_DOT, G_CROSS, G_CHECK };
    static const Role roles[] = { R_DIM, R_FAIL, R_PASS };
    double secs = (r ? r->seconds : 0) + es->base.seconds;
    doc_linef(d, 0, R_NORMAL, "%sStatus  %s%s %s%s %s %d attempt%s %s hints %d of %d %s %d min",
              tui_role(R_DIM), tui_role(roles[st]), tui_glyph(marks[st]), words[st],
              tui_role(R_DIM), tui_glyph(G_MIDDOT), r ? r->attempts : 0,
              r && r->attempts == 1 ? "" : "s", tui_glyph(G_MIDDOT), r ? r->hints_used : 0,
              ex->nhints, tui_glyph(G_MIDDOT), (int)(secs / 60));
    doc_linef(d, 0, R_NORMAL, "%sWatch   %s%s", tui_role(R_DIM), tui_role(R_NORMAL),
              es->ifd >= 0 ? "on: saving the file checks it again"
                           : "on (polling): saving the file checks it again");
    doc_blank(d);
    const char *json = tui_report_get(app, ex->id);
    if (es->error) {
        doc_line(d, 0, R_FAIL, "The check could not run:");
        doc_pre(d, 2, R_NORMAL, R_NORMAL, es->error);
    } else if (json) {
        layout_report(d, json);
    } else if (r && r->nrecent) {
        const Attempt *a = &r->recent[r->nrecent - 1];
        char when[48];
        strftime(when, sizeof when, "%a %d %b %H:%M", localtime(&a->time));
        if (!a->compiled)
            doc_linef(d, 0, R_SUBHEAD, "Last check %s %s %s%s did not compile", when,
                      tui_glyph(G_DASH), tui_role(R_FAIL), tui_glyph(G_CROSS));
        else
            doc_linef(d, 0, R_SUBHEAD, "Last check %s %s %s%s %d of %d tests passed", when,
                      tui_glyph(G_DASH), tui_role(a->passed == a->total && a->total ? R_PASS
                                                                                   : R_FAIL),
                      tui_glyph(a->passed == a->total && a->total ? G_CHECK : G_CROSS),
                      a->passed, a->total);
        doc_line(d, 2, R_DIM, "Press c to check again and see every test.");
    } else {
        doc_line(d, 0, R_SUBHEAD, "Not checked yet");
        doc_wrap(d, 2, 2, R_DIM, "Press e to write your code, then c to check it (the stub "
                 "as given fails: that is where you start).");
    }
    es->hint_line = -1;
    int shown = r ? r->hints_used : 0;
    for (int i = 0; i < shown && i < ex->nhints; i++) {
        doc_blank(d);
        es->hint_line = d->n;
        doc_linef(d, 0, R_WARN, "Hint %d of %d", i + 1, ex->nhints);
        doc_prose(d, 2, R_NORMAL, ex->hints[i]);
    }
}

static void relayout(App *app, ExScreen *es)
{
    int top = es->view.top;
    layout(app, es);
    es->view.top = top;
    app->dirty = true;
}

/* ---- checking ---------------------------------------------------------------------------- */

static void start_check(App *app, ExScreen *es, bool saved)
{
    if (es->job.running) {
        es->rerun = saved;
        if (!saved)
            tui_message(app, R_DIM, "A check is running (Esc cancels it).");
        return;
    }
    es->stamp = stamp_of(es->path); /* this check grades the file as it is now */
    es->changed_at = 0;
    char *argv[] = { app->self, "--root", (char *)app->opt->root, "--progress-dir",
                     (char *)app->opt->progress_dir, "--learner", (char *)app->opt->learner,
                     "check", es->ex->id, "--json", NULL };
    char err[512];
    if (tui_job_start(&es->job, argv, err, sizeof err) != 0) {
        tui_message(app, R_FAIL, "Cannot check: %s", err);
        return;
    }
    if (saved)
        tui_message(app, R_DIM, "%s changed %s checking it.", es->ex->stub, tui_glyph(G_DASH));
}

static void finish_check(App *app, ExScreen *es)
{
    free(es->error);
    es->error = NULL;
    cJSON *o = cJSON_Parse(es->job.out.s ? es->job.out.s : "");
    if (!o || !cJSON_IsObject(o)) {
        const char *why = es->job.err.s && *es->job.err.s ? es->job.err.s : "no report came back";
        es->error = util_fmt("%s(exit status %d)", why, es->job.status);
        tui_message(app, R_FAIL, "%s The check could not run.", tui_glyph(G_CROSS));
        cJSON_Delete(o);
        tui_reload(app);
        relayout(app, es);
        return;
    }
    cJSON_AddNumberToObject(o, "checked_at", (double)time(NULL));
    char *json = cJSON_PrintUnformatted(o);
    tui_report_put(app, es->ex->id, json);
    free(json);
    bool passed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "passed"));
    const char *hint = str(o, "hint");
    tui_reload(app);
    relayout(app, es);
    es->view.top = es->status_line; /* the status, then the report */
    if (passed)
        tui_message(app, R_PASS, "%s %s passes every test. Well done!", tui_glyph(G_CHECK),
                    es->ex->id);
    else
        tui_message(app, R_FAIL, "%s Not yet %s %s", tui_glyph(G_CROSS), tui_glyph(G_DASH),
                    hint ? "a new hint is at the end." : "the failing tests say why.");
    cJSON_Delete(o);
}

/* Has the stub been saved since we last looked? inotify (any event in its folder, then the
   stamp decides) or a poll of the stamp every second. */
static bool saved(ExScreen *es, double now)
{
    if (es->ifd >= 0) {
        char buf[4096];
        while (read(es->ifd, buf, sizeof buf) > 0)
            es->changed_at = now;
    } else if (now - es->polled_at >= POLL_SECONDS) {
        es->polled_at = now;
        es->changed_at = now - SETTLE_SECONDS;
    }
    if (!es->changed_at || now - es->changed_at < SETTLE_SECONDS)
        return false;
    es->changed_at = 0;
    long long s = stamp_of(es->path);
    if (s == es->stamp)
        return false;
    es->stamp = s;
    return true;
}

static int ex_tick(App *app, Screen *s)
{
    ExScreen *es = (ExScreen *)s;
    double now = util_now();
    int flags = TUI_NONE;
    if (saved(es, now)) {
        start_check(app, es, true);
        flags = TUI_REDRAW;
    }
    if (es->job.running) {
        if (tui_job_poll(&es->job)) {
            s->status[0] = '\0';
            finish_check(app, es);
            if (es->rerun) {
                es->rerun = false;
                start_check(app, es, true);
            }
        } else {
            snprintf(s->status, sizeof s->status, "%s Checking %s %s %.1f s   Esc cancels",
                     tui_spinner(es->spin++), es->ex->id, tui_glyph(G_ELLIPSIS),
                     now - es->job.started);
        }
        flags = TUI_REDRAW;
    }
    return flags;
}

/* ---- actions ----------------------------------------------------------------------------- */

static int act_check(App *app, Screen *s)
{
    start_check(app, (ExScreen *)s, false);
    return TUI_REDRAW;
}

static int act_edit(App *app, Screen *s)
{
    ExScreen *es = (ExScreen *)s;
    const char *ed = getenv("VISUAL");
    if (!ed || !*ed)
        ed = getenv("EDITOR");
    if (!ed || !*ed)
        ed = "vi";
    char *cmd = util_fmt("%s \"$1\"", ed); /* the editor may carry options: "code -w" */
    char *argv[] = { "/bin/sh", "-c", cmd, "sh", es->path, NULL };
    char err[256];
    double t0 = util_now();
    int st = tui_term_run(argv, err, sizeof err);
    s->seconds += util_now() - t0; /* time in the editor is time on the exercise */
    app->last_key = util_now();
    free(cmd);
    if (st < 0)
        tui_message(app, R_FAIL, "%s", err);
    else if (st == 127)
        tui_message(app, R_FAIL, "Could not start the editor \"%s\" (set $EDITOR).", ed);
    else if (st != 0)
        tui_message(app, R_WARN, "The editor ended with status %d.", st);
    es->changed_at = util_now() - SETTLE_SECONDS; /* look at the file now */
    relayout(app, es);
    return TUI_REDRAW;
}

typedef struct { const char *id; int max, shown; } HintArg;

static int reveal_hint(Progress *p, void *arg)
{
    HintArg *h = arg;
    ExerciseRecord *r = progress_exercise(p, h->id);
    if (r->hints_used >= h->max)
        return 1; /* nothing to save */
    r->hints_used++;
    h->shown = r->hints_used;
    return 0;
}

static int act_hint(App *app, Screen *s)
{
    ExScreen *es = (ExScreen *)s;
    HintArg h = { es->ex->id, es->ex->nhints, 0 };
    const ExerciseRecord *r = progress_find_exercise(app->progress, es->ex->id);
    if (r && r->hints_used >= es->ex->nhints) {
        tui_message(app, R_DIM, "You have seen all %d hints: they are at the end.",
                    es->ex->nhints);
        return TUI_REDRAW;
    }
    if (tui_update(app, reveal_hint, &h) != 0 || !h.shown)
        return TUI_REDRAW;
    relayout(app, es);
    if (es->hint_line >= 0 && es->view.height > 0 &&
        es->hint_line + 3 >= es->view.top + es->view.height)
        es->view.top = es->hint_line - 1;
    tui_message(app, R_WARN, "Hint %d of %d is below%s", h.shown, es->ex->nhints,
                h.shown == es->ex->nhints ? " (the last one)." : ".");
    return TUI_REDRAW;
}

static int saw_solution(Progress *p, void *id)
{
    progress_exercise(p, id)->solution_seen = true;
    return 0;
}

static int act_solution(App *app, Screen *s)
{
    ExScreen *es = (ExScreen *)s;
    if (tui_exercise_state(app, es->ex->id) != 2) {
        tui_message(app, R_WARN, "The solution opens once your code passes. Solve it first "
                    "%s that is where the learning is.", tui_glyph(G_DASH));
        return TUI_REDRAW;
    }
    char *path = util_fmt("%s/%s", app->opt->root, es->ex->reference);
    char *text = util_read_file(path, NULL);
    free(path);
    if (!text) {
        tui_message(app, R_FAIL, "Cannot read %s: %s", es->ex->reference, strerror(errno));
        return TUI_REDRAW;
    }
    tui_update(app, saw_solution, (void *)es->ex->id);
    char *title = util_fmt("Reference solution %s %s", tui_glyph(G_MIDDOT), es->ex->reference);
    tui_push(app, tui_pager_new(app, title, text, R_BLOCK));
    free(title);
    free(text);
    return TUI_REDRAW;
}

static int act_reset(App *app, Screen *s)
{
    ExScreen *es = (ExScreen *)s;
    const char *pristine = stubs_pristine(es->ex->stub);
    if (!pristine) {
        tui_message(app, R_FAIL, "This build has no original copy of %s.", es->ex->stub);
        return TUI_REDRAW;
    }
    char *q = util_fmt("Put the original %s back? (yours goes to backups/)",
                       strrchr(es->ex->stub, '/') ? strrchr(es->ex->stub, '/') + 1 : es->ex->stub);
    bool yes = tui_confirm(app, q);
    free(q);
    if (!yes) {
        tui_message(app, R_DIM, "Nothing changed.");
        return TUI_REDRAW;
    }
    char stamp[32];
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", localtime(&now));
    char *backup_dir = util_fmt("%s/backups", app->opt->progress_dir);
    char *backup = util_fmt("%s/%s-%s.c", backup_dir, es->ex->id, stamp);
    bool exists = util_exists(es->path);
    mkdir(app->opt->progress_dir, 0755);
    mkdir(backup_dir, 0755);
    if (exists && util_copy_file(es->path, backup) != 0)
        tui_message(app, R_FAIL, "Cannot keep a backup at %s (%s); nothing changed.", backup,
                    strerror(errno));
    else if (util_write_file(es->path, pristine, strlen(pristine)) != 0)
        tui_message(app, R_FAIL, "Cannot write %s: %s", es->ex->stub, strerror(errno));
    else {
        es->stamp = stamp_of(es->path); /* not a save of hers: no check */
        es->changed_at = 0;
        tui_message(app, R_PASS, "%s is the original stub again.%s%s", es->ex->stub,
                    exists ? " Yours: " : "", exists ? backup : "");
    }
    free(backup);
    free(backup_dir);
    relayout(app, es);
    return TUI_REDRAW;
}

static int act_lab(App *app, Screen *s)
{
    ExScreen *es = (ExScreen *)s;
    const Lesson *l = es->ex->lesson;
    for (int i = 0; i < l->nsections; i++)
        if (l->sections[i].lab) {
            tui_open_lab(app, l->sections[i].lab);
            return TUI_REDRAW;
        }
    tui_message(app, R_DIM, "The lesson \"%s\" has no lab.", l->title);
    return TUI_REDRAW;
}

static int act_back(App *app, Screen *s)
{
    ExScreen *es = (ExScreen *)s;
    if (es->job.running) {
        tui_job_cancel(&es->job);
        s->status[0] = '\0';
        es->rerun = false;
        tui_message(app, R_WARN, "Check cancelled.");
        return TUI_REDRAW;
    }
    if (app->depth > 1)
        tui_pop(app);
    return TUI_REDRAW;
}

/* ---- screen ------------------------------------------------------------------------------ */

static void ex_draw(App *app, Screen *s)
{
    ExScreen *es = (ExScreen *)s;
    if (es->view.doc.width != doc_width())
        relayout(app, es);
    doc_view_draw(&es->view, 1, LINES - 2, 2);
}

static void ex_destroy(App *app, Screen *s)
{
    (void)app;
    ExScreen *es = (ExScreen *)s;
    tui_job_free(&es->job); /* a check still running is stopped */
    if (es->ifd >= 0)
        close(es->ifd);
    free(es->path);
    free(es->error);
    doc_free(&es->view.doc);
    tui_screen_free(s);
    free(es);
}

static const Binding ex_keys[] = {
    { { 'e' }, "e edit", "edit the stub in $VISUAL / $EDITOR (vi if unset)", act_edit, NULL },
    { { 'c' }, "c check", "check it now (saving the file also checks it)", act_check, NULL },
    { { 'h' }, "h hint", "the next hint, from a nudge to a near-answer", act_hint, NULL },
    { { 's' }, "s solution", "the reference solution, once yours passes", act_solution, NULL },
    { { 'r' }, "r reset", "put the original stub back (yours is kept as a backup)", act_reset,
      NULL },
    { { 'l' }, "l lab", "run the lesson's lab on your code", act_lab, NULL },
    { { KEY_ESC, KEY_BACKSPACE, 127, KEY_LEFT }, NULL,
      "cancel a running check; else back to the previous screen", act_back, NULL },
    { { 0 }, NULL, NULL, NULL, NULL },
};

static const ScreenOps ex_ops = { "Exercise", ex_keys, ex_draw, ex_tick, ex_destroy,
                                  "exercise" };

Screen *tui_exercise_new(App *app, const Exercise *ex)
{
    ExScreen *es = xcalloc(1, sizeof *es);
    char *title = util_fmt("Week %d %s exercise %s", ex->week, tui_glyph(G_MIDDOT), ex->id);
    tui_screen_init(&es->base, &ex_ops, title);
    free(title);
    es->base.view = &es->view;
    es->base.time_id = xstrdup(ex->id);
    es->ex = ex;
    es->view.sel = -1;
    es->job.fd[0] = es->job.fd[1] = -1;
    es->path = util_fmt("%s/%s", app->opt->root, ex->stub);
    es->stamp = stamp_of(es->path);
    es->polled_at = util_now();
    es->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (es->ifd >= 0) {
        char *dir = xstrdup(es->path);
        *strrchr(dir, '/') = '\0';
        if (inotify_add_watch(es->ifd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE) < 0) {
            close(es->ifd);
            es->ifd = -1;
        }
        free(dir);
    }
    doc_init(&es->view.doc, doc_width());
    layout(app, es);
    return &es->base;
}
