/*
 * tui_dashboard.c — the dashboard: lessons read and exercises passed week by week (bars),
 * the coding checkpoints with their status, effort (attempts, hints, time), days active and
 * streak, recent activity, and the next three things to do (Enter opens one).
 */
#define _GNU_SOURCE
#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The coding checkpoints of CURRICULUM.md: the exercises each one is made of. An empty list
   means every exercise of the week. */
typedef struct {
    const char *name;
    int week;
    const char *ids[8];
} Checkpoint;

static const Checkpoint checkpoints[] = {
    { "#1 Least squares, three ways", 2,
      { "gram_schmidt", "linreg_normal", "linreg_qr", "linreg_gd", NULL } },
    { "#2 SVD and PCA projects", 4,
      { "low_rank_image", "pca", "kmeans", "mf_svd", "nmf", NULL } },
    { "#3 Optimizers", 6, { NULL } },
    { "Final: an MLP from scratch", 8, { NULL } },
};

typedef struct {
    Screen base;
    DocView view;
    TuiItem next[3]; int nnext;
} Dashboard;

/* s cut to `cols` columns (with an ellipsis when cut) and padded to exactly cols. */
static char *fit(const char *utf8, int cols)
{
    char *t = tui_text(utf8);
    StrBuf b = { 0 };
    if (tui_width(t) > cols) {
        const char *ell = tui_glyph(G_ELLIPSIS);
        int keep = tui_prefix(t, cols - tui_width(ell));
        sb_addn(&b, t, (size_t)keep);
        sb_add(&b, ell);
    } else {
        sb_add(&b, t);
    }
    int pad = cols - tui_width(b.s);
    sb_addf(&b, "%*s", pad > 0 ? pad : 0, "");
    free(t);
    return sb_take(&b);
}

static const char *plural(int n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static char *duration(double seconds)
{
    int min = (int)(seconds / 60 + 0.5);
    if (min < 60)
        return util_fmt("%d min", min);
    return util_fmt("%d h %02d min", min / 60, min % 60);
}

static void weeks_table(App *app, Doc *d)
{
    doc_linef(d, 0, R_DIM, "%-31s%-20s%s", "Week", "lessons read", "exercises passed");
    for (int w = 0; w < COURSE_WEEKS; w++) {
        const Week *wk = &app->course->weeks[w];
        char *title = fit(wk->title ? wk->title : "", 26);
        if (!wk->written) {
            doc_linef(d, 0, R_DIM, "%2d  %s coming", wk->number, title);
            free(title);
            continue;
        }
        int read = 0, ne = 0, passed = 0;
        for (int l = 0; l < wk->nlessons; l++) {
            read += tui_lesson_read(app, wk->lessons[l].id);
            for (int s = 0; s < wk->lessons[l].nsections; s++)
                if (wk->lessons[l].sections[s].exercise) {
                    ne++;
                    passed += tui_exercise_state(app, wk->lessons[l].sections[s].exercise->id) == 2;
                }
        }
        StrBuf b = { 0 };
        sb_addf(&b, "%2d  %s ", wk->number, title);
        tui_bar(&b, wk->nlessons ? (double)read / wk->nlessons : 0, 10);
        sb_addf(&b, " %2d/%-2d     ", read, wk->nlessons);
        tui_bar(&b, ne ? (double)passed / ne : 0, 10);
        sb_addf(&b, " %2d/%-2d", passed, ne);
        doc_line(d, 0, R_NORMAL, b.s);
        sb_free(&b);
        free(title);
    }
}

static void checkpoints_table(App *app, Doc *d)
{
    doc_blank(d);
    doc_line(d, 0, R_SUBHEAD, "Coding checkpoints");
    for (size_t i = 0; i < sizeof checkpoints / sizeof *checkpoints; i++) {
        const Checkpoint *cp = &checkpoints[i];
        const Week *wk = &app->course->weeks[cp->week - 1];
        int total = 0, passed = 0, tried = 0;
        bool missing = !wk->written;
        if (cp->ids[0]) {
            for (int k = 0; cp->ids[k]; k++) {
                const Exercise *ex = course_exercise(app->course, cp->ids[k]);
                if (!ex) {
                    missing = true;
                    continue;
                }
                int st = tui_exercise_state(app, ex->id);
                total++, passed += st == 2, tried += st != 0;
            }
        } else {
            for (int k = 0; k < app->course->nexercises; k++)
                if (app->course->exercises[k]->week == cp->week) {
                    int st = tui_exercise_state(app, app->course->exercises[k]->id);
                    total++, passed += st == 2, tried += st != 0;
                }
            missing |= total == 0;
        }
        char *name = fit(cp->name, 30);
        if (missing)
            doc_linef(d, 2, R_DIM, "  %s week %-2d coming", name, cp->week);
        else if (passed == total)
            doc_linef(d, 2, R_NORMAL, "%s%s%s %s week %-2d %sdone", tui_role(R_PASS),
                      tui_glyph(G_CHECK), tui_role(R_NORMAL), name, cp->week, tui_role(R_PASS));
        else if (tried)
            doc_linef(d, 2, R_NORMAL, "%s%s%s %s week %-2d %sin progress%s %d of %d passed",
                      tui_role(R_WARN), tui_glyph(G_ARROW), tui_role(R_NORMAL), name, cp->week,
                      tui_role(R_WARN), tui_role(R_DIM), passed, total);
        else
            doc_linef(d, 2, R_NORMAL, "%s%s%s %s week %-2d %snot started%s (%d exercises)",
                      tui_role(R_DIM), tui_glyph(G_DOT), tui_role(R_NORMAL), name, cp->week,
                      tui_role(R_DIM), tui_role(R_DIM), total);
        free(name);
    }
}

typedef struct {
    int attempts, hints, solutions, right, streak;
    double lesson_seconds, exercise_seconds;
} Totals;

static Totals totals(const App *app)
{
    const Progress *p = app->progress;
    Totals t = { 0 };
    for (int i = 0; i < p->nexercises; i++) {
        t.attempts += p->exercises[i].attempts;
        t.hints += p->exercises[i].hints_used;
        t.solutions += p->exercises[i].solution_seen;
        t.exercise_seconds += p->exercises[i].seconds;
    }
    for (int i = 0; i < p->nlessons; i++)
        t.lesson_seconds += p->lessons[i].seconds;
    for (int i = 0; i < p->nanswers; i++)
        t.right += p->answers[i].first_correct != 0;
    for (int i = 0; i < app->depth; i++) { /* time on open screens, not saved yet */
        const Screen *s = app->stack[i];
        if (s->ops->time_kind && !strcmp(s->ops->time_kind, "lesson"))
            t.lesson_seconds += s->seconds;
        else if (s->ops->time_kind)
            t.exercise_seconds += s->seconds;
    }
    t.streak = progress_streak(p, time(NULL));
    return t;
}

/* One line under the heading: what a glance should tell. */
static void summary(App *app, Doc *d)
{
    Totals t = totals(app);
    char *all = duration(t.lesson_seconds + t.exercise_seconds);
    doc_linef(d, 0, R_NORMAL, "%sstreak %d %s%s %s %d %s active %s %s spent %s %d %s",
              tui_role(t.streak ? R_PASS : R_NORMAL), t.streak, plural(t.streak, "day", "days"),
              tui_role(R_DIM), tui_glyph(G_MIDDOT), app->progress->ndays,
              plural(app->progress->ndays, "day", "days"), tui_glyph(G_MIDDOT), all,
              tui_glyph(G_MIDDOT), t.attempts, plural(t.attempts, "check", "checks"));
    free(all);
}

static void effort(App *app, Doc *d)
{
    Totals t = totals(app);
    const Progress *p = app->progress;
    int attempts = t.attempts, hints = t.hints, solutions = t.solutions, right = t.right;
    double tl = t.lesson_seconds, te = t.exercise_seconds;
    int streak = t.streak;
    char *all = duration(tl + te), *les = duration(tl), *exs = duration(te);
    doc_blank(d);
    doc_line(d, 0, R_SUBHEAD, "Effort");
    doc_linef(d, 2, R_NORMAL, "%d %s %s %d %s used %s %d %s seen %s %d practice %s right",
              attempts, plural(attempts, "check", "checks"), tui_glyph(G_MIDDOT), hints,
              plural(hints, "hint", "hints"), tui_glyph(G_MIDDOT), solutions,
              plural(solutions, "solution", "solutions"), tui_glyph(G_MIDDOT), right,
              plural(right, "answer", "answers"));
    doc_linef(d, 2, R_NORMAL, "Time spent %s (lessons %s, exercises %s)", all, les, exs);
    doc_linef(d, 2, R_NORMAL, "Days active %d %s streak %s%d %s", p->ndays, tui_glyph(G_MIDDOT),
              tui_role(streak ? R_PASS : R_NORMAL), streak, plural(streak, "day", "days"));
    free(all), free(les), free(exs);
}

typedef struct { time_t when; char *line; } Event;

static int newest_first(const void *a, const void *b)
{
    time_t x = ((const Event *)a)->when, y = ((const Event *)b)->when;
    return x < y ? 1 : x > y ? -1 : 0;
}

static void recent(App *app, Doc *d)
{
    const Progress *p = app->progress;
    int n = 0, cap = 16;
    Event *ev = xmalloc((size_t)cap * sizeof *ev);
    for (int i = 0; i < p->nexercises; i++)
        for (int k = 0; k < p->exercises[i].nrecent; k++) {
            const Attempt *a = &p->exercises[i].recent[k];
            bool ok = a->compiled && a->total && a->passed == a->total;
            if (n == cap)
                ev = xrealloc(ev, (size_t)(cap *= 2) * sizeof *ev);
            ev[n++] = (Event){ a->time,
                               a->compiled
                                   ? util_fmt("%s%s%s check %s%s%s  %d/%d tests",
                                              tui_role(ok ? R_PASS : R_FAIL),
                                              tui_glyph(ok ? G_CHECK : G_CROSS),
                                              tui_role(R_NORMAL), tui_role(R_CODE),
                                              p->exercises[i].id, tui_role(R_DIM), a->passed,
                                              a->total)
                                   : util_fmt("%s%s%s check %s%s%s  did not compile",
                                              tui_role(R_FAIL), tui_glyph(G_CROSS),
                                              tui_role(R_NORMAL), tui_role(R_CODE),
                                              p->exercises[i].id, tui_role(R_DIM)) };
        }
    for (int i = 0; i < p->nlessons; i++)
        if (p->lessons[i].read) {
            const Lesson *l = course_lesson(app->course, p->lessons[i].id);
            if (n == cap)
                ev = xrealloc(ev, (size_t)(cap *= 2) * sizeof *ev);
            ev[n++] = (Event){ p->lessons[i].read,
                               util_fmt("%s%s%s read %s", tui_role(R_PASS), tui_glyph(G_CHECK),
                                        tui_role(R_NORMAL), l ? l->title : p->lessons[i].id) };
        }
    qsort(ev, (size_t)n, sizeof *ev, newest_first);
    doc_blank(d);
    doc_line(d, 0, R_SUBHEAD, "Recent activity");
    if (n == 0)
        doc_line(d, 2, R_DIM, "Nothing yet: open a lesson from the map.");
    for (int i = 0; i < n; i++) {
        if (i < 6) {
            char when[32];
            strftime(when, sizeof when, "%a %d %b %H:%M", localtime(&ev[i].when));
            doc_linef(d, 2, R_NORMAL, "%s%s%s  %s", tui_role(R_DIM), when, tui_role(R_NORMAL),
                      ev[i].line);
        }
        free(ev[i].line);
    }
    free(ev);
}

static void layout(App *app, Dashboard *db)
{
    Doc *d = &db->view.doc;
    doc_free(d);
    doc_init(d, doc_width());
    doc_linef(d, 0, R_HEADING, "Progress of %s", app->opt->learner);
    summary(app, d);
    doc_blank(d);
    weeks_table(app, d);
    checkpoints_table(app, d);
    doc_blank(d);
    doc_line(d, 0, R_SUBHEAD, "Next");
    db->nnext = tui_next_items(app, db->next, 3);
    if (db->nnext == 0)
        doc_line(d, 2, R_PASS, "Everything written so far is done. Well done!");
    for (int i = 0; i < db->nnext; i++) {
        doc_item_begin(d);
        if (db->next[i].lesson)
            doc_linef(d, 2, R_NORMAL, "%d. read %s %s(week %d)", i + 1, db->next[i].lesson->title,
                      tui_role(R_DIM), db->next[i].lesson->week);
        else
            doc_linef(d, 2, R_NORMAL, "%d. write %s%s%s %s %s", i + 1, tui_role(R_CODE),
                      db->next[i].exercise->id, tui_role(R_NORMAL), tui_glyph(G_DASH),
                      db->next[i].exercise->title);
        doc_item_end(d);
    }
    effort(app, d);
    recent(app, d);
}

static void dash_draw(App *app, Screen *s)
{
    Dashboard *db = (Dashboard *)s;
    int top = db->view.top, sel = db->view.sel;
    layout(app, db); /* progress may have changed under it: always fresh */
    db->view.top = top;
    db->view.sel = sel;
    doc_view_draw(&db->view, 1, LINES - 2, 2);
}

static int act_open(App *app, Screen *s)
{
    Dashboard *db = (Dashboard *)s;
    int i = db->view.sel;
    if (i < 0 || i >= db->nnext) {
        tui_message(app, R_DIM, "Tab selects one of the next things to do; Enter opens it.");
        return TUI_REDRAW;
    }
    TuiItem it = db->next[i];
    if (it.lesson)
        tui_open_lesson(app, it.lesson);
    else
        tui_open_exercise(app, it.exercise);
    return TUI_REDRAW;
}

static void dash_destroy(App *app, Screen *s)
{
    (void)app;
    Dashboard *db = (Dashboard *)s;
    doc_free(&db->view.doc);
    tui_screen_free(s);
    free(db);
}

static const Binding dash_keys[] = {
    { { '\n', '\r', KEY_ENTER }, "Enter open", "open the selected next thing to do", act_open,
      NULL },
    { { 0 }, NULL, NULL, NULL, NULL },
};

static const ScreenOps dash_ops = { "Dashboard", dash_keys, dash_draw, NULL, dash_destroy,
                                    NULL };

Screen *tui_dashboard_new(App *app)
{
    Dashboard *db = xcalloc(1, sizeof *db);
    tui_screen_init(&db->base, &dash_ops, "Dashboard");
    db->base.view = &db->view;
    db->view.sel = -1;
    doc_init(&db->view.doc, doc_width());
    layout(app, db);
    return &db->base;
}
