/*
 * tui_map.c — the course map, the TUI's home screen: weeks 1–10 with a progress bar each,
 * every written week's lessons (✓ read) with their exercises (✓ passed, ✗ failing, · not
 * tried) and labs; weeks not written yet show "coming". On start the cursor is on the next
 * unfinished item, so Enter resumes where the learner left off.
 */
#define _GNU_SOURCE
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

typedef enum { ROW_WEEK, ROW_LESSON, ROW_EXERCISE, ROW_LAB } RowKind;

typedef struct {
    RowKind kind;
    const Week *week;
    const Lesson *lesson;
    const Exercise *ex;
    const Lab *lab;
} Row;

typedef struct {
    Screen base;
    Row *rows; int nrows;
    int cur, top, height;
    bool collapsed[COURSE_WEEKS];
} Map;

static void build_rows(Map *m, const Course *c)
{
    m->nrows = 0;
    for (int w = 0; w < COURSE_WEEKS; w++) {
        const Week *wk = &c->weeks[w];
        m->rows[m->nrows++] = (Row){ ROW_WEEK, wk, NULL, NULL, NULL };
        if (!wk->written || m->collapsed[w])
            continue;
        for (int l = 0; l < wk->nlessons; l++) {
            const Lesson *ls = &wk->lessons[l];
            m->rows[m->nrows++] = (Row){ ROW_LESSON, wk, ls, NULL, NULL };
            for (int s = 0; s < ls->nsections; s++) {
                if (ls->sections[s].exercise)
                    m->rows[m->nrows++] = (Row){ ROW_EXERCISE, wk, ls, ls->sections[s].exercise,
                                                 NULL };
                if (ls->sections[s].lab)
                    m->rows[m->nrows++] = (Row){ ROW_LAB, wk, ls, NULL, ls->sections[s].lab };
            }
        }
    }
    if (m->cur >= m->nrows)
        m->cur = m->nrows - 1;
    if (m->cur < 0)
        m->cur = 0;
}

/* Lessons read + exercises passed, and how many there are, in a week. */
static void week_counts(const App *app, const Week *wk, int *done, int *total)
{
    *done = *total = 0;
    for (int l = 0; l < wk->nlessons; l++) {
        const Lesson *ls = &wk->lessons[l];
        (*total)++;
        *done += tui_lesson_read(app, ls->id);
        for (int s = 0; s < ls->nsections; s++)
            if (ls->sections[s].exercise) {
                (*total)++;
                *done += tui_exercise_state(app, ls->sections[s].exercise->id) == 2;
            }
    }
}

static const char *exercise_mark(int state)
{
    static const struct { Glyph g; Role r; } marks[] = {
        { G_DOT, R_DIM }, { G_CROSS, R_FAIL }, { G_CHECK, R_PASS } };
    static char buf[3][16];
    snprintf(buf[state], sizeof buf[state], "%s%s", tui_role(marks[state].r),
             tui_glyph(marks[state].g));
    return buf[state];
}

/* A row as markup: the left part and the right-aligned part. */
static void row_text(App *app, const Map *m, const Row *r, StrBuf *left, StrBuf *right)
{
    const Week *wk = r->week;
    switch (r->kind) { /* the four kinds of rows look different */
    case ROW_WEEK:
        if (!wk->written) {
            sb_addf(left, "  %sWeek %-2d %s%s", tui_role(R_DIM), wk->number,
                    wk->title ? wk->title : "", "");
            sb_addf(right, "%scoming", tui_role(R_DIM));
            break;
        }
        sb_addf(left, "%s %sWeek %-2d %s", m->collapsed[wk->number - 1]
                                               ? (tui_caps.utf8 ? "▸" : "+")
                                               : (tui_caps.utf8 ? "▾" : "-"),
                tui_role(R_HEADING), wk->number, wk->title);
        int done, total;
        week_counts(app, wk, &done, &total);
        tui_bar(right, total ? (double)done / total : 0, 12);
        sb_addf(right, " %s%2d/%-2d", tui_role(R_DIM), done, total);
        break;
    case ROW_LESSON: {
        bool read = tui_lesson_read(app, r->lesson->id);
        sb_addf(left, "    %s%s%s %s", tui_role(read ? R_PASS : R_DIM),
                tui_glyph(read ? G_CHECK : G_DOT), tui_role(R_NORMAL), r->lesson->title);
        sb_addf(right, "%s%d min", tui_role(R_DIM), r->lesson->minutes);
        break;
    }
    case ROW_EXERCISE: {
        int st = tui_exercise_state(app, r->ex->id);
        sb_addf(left, "        %s %s%-21s%s%s", exercise_mark(st), tui_role(R_CODE), r->ex->id,
                tui_role(R_DIM), r->ex->title);
        const ExerciseRecord *er = progress_find_exercise(app->progress, r->ex->id);
        if (er && er->attempts)
            sb_addf(right, "%s%d %s", tui_role(R_DIM), er->attempts,
                    er->attempts == 1 ? "try" : "tries");
        break;
    }
    case ROW_LAB:
        sb_addf(left, "        %s%s %s%-21s%slab: %s", tui_role(R_WHEN), tui_glyph(G_LAB),
                tui_role(R_CODE), r->lab->id, tui_role(R_DIM), r->lab->title);
        break;
    }
}

static void map_draw(App *app, Screen *s)
{
    Map *m = (Map *)s;
    build_rows(m, app->course);
    int y0 = 3, h = LINES - 2 - y0 + 1;
    m->height = h;
    for (int y = 1; y < LINES - 1; y++)
        tui_blank(y, 0, COLS, R_NORMAL);
    int done = 0, total = 0;
    for (int w = 0; w < COURSE_WEEKS; w++) {
        int d, t;
        week_counts(app, &app->course->weeks[w], &d, &t);
        done += d, total += t;
    }
    char *count = util_fmt("%d/%d done", done, total);
    int cw = tui_width(count);
    tui_drawf(1, 2, COLS - cw - 6, R_SUBHEAD, "%s", app->course->title);
    tui_draw(1, COLS - cw - 2, cw, count, R_DIM);
    free(count);
    if (m->cur < m->top)
        m->top = m->cur;
    if (m->cur >= m->top + h)
        m->top = m->cur - h + 1;
    if (m->top > m->nrows - h)
        m->top = m->nrows - h > 0 ? m->nrows - h : 0;
    for (int i = 0; i < h && m->top + i < m->nrows; i++) {
        const Row *r = &m->rows[m->top + i];
        int y = y0 + i;
        bool sel = m->top + i == m->cur;
        StrBuf left = { 0 }, right = { 0 };
        sb_add(&left, ""), sb_add(&right, "");
        row_text(app, m, r, &left, &right);
        char *l = tui_text(left.s), *rt = tui_text(right.s);
        int rw = tui_width(rt), width = COLS - 4;
        if (sel) {
            tui_blank(y, 1, width + 2, R_SEL);
            tui_draw(y, 0, 1, tui_glyph(G_SELBAR), R_MARK); /* seen without colour too */
        }
        tui_draw(y, 2, width - rw - 2, l, sel ? R_SEL : R_NORMAL);
        tui_draw(y, 2 + width - rw, rw, rt, sel ? R_SEL : R_NORMAL);
        free(l), free(rt);
        sb_free(&left), sb_free(&right);
    }
}

static int map_move(Map *m, int by)
{
    m->cur += by;
    if (m->cur >= m->nrows)
        m->cur = m->nrows - 1;
    if (m->cur < 0)
        m->cur = 0;
    return TUI_REDRAW;
}

static int act_down(App *a, Screen *s) { (void)a; return map_move((Map *)s, 1); }
static int act_up(App *a, Screen *s) { (void)a; return map_move((Map *)s, -1); }
static int page(Screen *s) { return ((Map *)s)->height - 1; }
static int act_pgdn(App *a, Screen *s) { (void)a; return map_move((Map *)s, page(s)); }
static int act_pgup(App *a, Screen *s) { (void)a; return map_move((Map *)s, -page(s)); }
static int act_top(App *a, Screen *s) { (void)a; return map_move((Map *)s, -100000); }
static int act_end(App *a, Screen *s) { (void)a; return map_move((Map *)s, 100000); }
static int act_wheel_down(App *a, Screen *s) { (void)a; return map_move((Map *)s, 3); }
static int act_wheel_up(App *a, Screen *s) { (void)a; return map_move((Map *)s, -3); }

/* Puts the cursor on the row of the next unfinished lesson or exercise. */
static bool goto_next(App *app, Map *m)
{
    TuiItem next;
    if (tui_next_items(app, &next, 1) < 1)
        return false;
    int week = next.lesson ? next.lesson->week : next.exercise->week;
    const Week *wk = &app->course->weeks[week - 1];
    m->collapsed[wk->number - 1] = false;
    build_rows(m, app->course);
    for (int i = 0; i < m->nrows; i++)
        if ((next.lesson && m->rows[i].kind == ROW_LESSON && m->rows[i].lesson == next.lesson) ||
            (next.exercise && m->rows[i].ex == next.exercise)) {
            m->cur = i;
            m->top = i > 3 ? i - 3 : 0; /* show a little of what came before */
            return true;
        }
    return false;
}

static int act_next(App *app, Screen *s)
{
    if (!goto_next(app, (Map *)s))
        tui_message(app, R_PASS, "Everything written so far is done. Well done!");
    return TUI_REDRAW;
}

static int act_open(App *app, Screen *s)
{
    Map *m = (Map *)s;
    if (m->cur >= m->nrows)
        return TUI_NONE;
    const Row *r = &m->rows[m->cur];
    switch (r->kind) { /* what Enter means depends on the row */
    case ROW_WEEK:
        if (!r->week->written)
            tui_message(app, R_DIM, "Week %d is coming: its lessons are not written yet.",
                        r->week->number);
        else
            m->collapsed[r->week->number - 1] = !m->collapsed[r->week->number - 1];
        break;
    case ROW_LESSON:
        tui_open_lesson(app, r->lesson);
        break;
    case ROW_EXERCISE:
        tui_open_exercise(app, r->ex);
        break;
    case ROW_LAB:
        tui_open_lab(app, r->lab);
        break;
    }
    return TUI_REDRAW;
}

static int act_toggle(App *app, Screen *s)
{
    Map *m = (Map *)s;
    (void)app;
    if (m->cur < m->nrows) {
        int w = m->rows[m->cur].week->number - 1;
        m->collapsed[w] = !m->collapsed[w];
        build_rows(m, app->course);
        for (int i = 0; i < m->nrows; i++) /* the cursor goes to the week's own row */
            if (m->rows[i].kind == ROW_WEEK && m->rows[i].week->number == w + 1)
                m->cur = i;
    }
    return TUI_REDRAW;
}

static void map_destroy(App *app, Screen *s)
{
    (void)app;
    Map *m = (Map *)s;
    free(m->rows);
    tui_screen_free(s);
    free(m);
}

static const Binding map_keys[] = {
    { { 'j', KEY_DOWN }, "j/k move", "move down", act_down, NULL },
    { { 'k', KEY_UP }, NULL, "move up", act_up, NULL },
    { { KEY_NPAGE, ' ', KEY_CTRL('f') }, NULL, "page down", act_pgdn, NULL },
    { { KEY_PPAGE, 'b', KEY_CTRL('b') }, NULL, "page up", act_pgup, NULL },
    { { 'g', KEY_HOME }, NULL, "to the first week", act_top, NULL },
    { { 'G', KEY_END }, NULL, "to the last row", act_end, NULL },
    { { '\n', '\r', KEY_ENTER, 'l', KEY_RIGHT }, "Enter open",
      "open the lesson, exercise or lab; on a week, fold or unfold it", act_open, NULL },
    { { 'z' }, NULL, "fold or unfold the week of the selected row", act_toggle, NULL },
    { { 'n' }, "n next", "jump to the next unfinished lesson or exercise", act_next, NULL },
    { { TUI_WHEEL_DOWN }, NULL, "move down three rows", act_wheel_down, NULL },
    { { TUI_WHEEL_UP }, NULL, "move up three rows", act_wheel_up, NULL },
    { { 0 }, NULL, NULL, NULL, NULL },
};

static const ScreenOps map_ops = { "Course map", map_keys, map_draw, NULL, map_destroy, NULL };

Screen *tui_map_new(App *app)
{
    Map *m = xcalloc(1, sizeof *m);
    tui_screen_init(&m->base, &map_ops, "Course map");
    int max = COURSE_WEEKS;
    for (int w = 0; w < COURSE_WEEKS; w++) {
        const Week *wk = &app->course->weeks[w];
        for (int l = 0; l < wk->nlessons; l++)
            max += 1 + wk->lessons[l].nsections;
    }
    m->rows = xcalloc((size_t)max, sizeof *m->rows);
    build_rows(m, app->course);
    bool started = app->progress->nlessons || app->progress->nexercises ||
                   app->progress->nanswers;
    if (goto_next(app, m)) {
        const Row *r = &m->rows[m->cur];
        const char *what = r->kind == ROW_LESSON ? r->lesson->title : r->ex->id;
        if (started)
            tui_message(app, R_PASS, "Welcome back, %s. Next up: %s %s Enter opens it.",
                        app->opt->learner, what, tui_glyph(G_DASH));
        else
            tui_message(app, R_PASS, "Welcome, %s! Start here: %s %s Enter opens it.",
                        app->opt->learner, what, tui_glyph(G_DASH));
    }
    return &m->base;
}
