/*
 * tui.c — the terminal course's main loop (see tui.h and tui_int.h): the screen stack, the
 * keys every screen shares, the help screen (printed from the same tables that bind the
 * keys), search, the prompt line, footer messages and time counting.
 *
 * Time spent: while a lesson or exercise screen is on top and a key was pressed in the last
 * five minutes, its clock runs; the seconds are saved (progress_add_time) when the screen
 * closes or the course is left.
 */
#define _GNU_SOURCE
#include "tui_int.h"

#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define IDLE_SECONDS 300.0     /* no key for this long: the clock stops */
#define MESSAGE_SECONDS 4.0
#define PROGRESS_POLL_SECONDS 2.0  /* how often the progress file is looked at for changes */

/* ---- the stack ------------------------------------------------------------------------- */

void tui_screen_init(Screen *s, const ScreenOps *ops, const char *title)
{
    memset(s, 0, sizeof *s);
    s->ops = ops;
    s->title = xstrdup(title ? title : "");
}

void tui_screen_free(Screen *s)
{
    free(s->title);
    free(s->time_id);
}

Screen *tui_top(App *app)
{
    return app->depth ? app->stack[app->depth - 1] : NULL;
}

void tui_push(App *app, Screen *s)
{
    if (!s)
        return;
    if (app->depth == (int)(sizeof app->stack / sizeof *app->stack)) {
        /* deep: the oldest screen above the map gives way */
        Screen *old = app->stack[1];
        tui_save_time(app, old);
        old->ops->destroy(app, old);
        memmove(app->stack + 1, app->stack + 2, (size_t)(app->depth - 2) * sizeof *app->stack);
        app->depth--;
    }
    app->stack[app->depth++] = s;
    app->dirty = true;
}

void tui_pop(App *app)
{
    if (!app->depth)
        return;
    Screen *s = app->stack[--app->depth];
    tui_save_time(app, s);
    s->ops->destroy(app, s);
    app->dirty = true;
}

void tui_replace(App *app, Screen *s)
{
    tui_pop(app);
    tui_push(app, s);
}

/* ---- messages and progress ------------------------------------------------------------ */

void tui_message(App *app, Role r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->msg, sizeof app->msg, fmt, ap);
    va_end(ap);
    app->msg_role = r;
    app->msg_until = util_now() + MESSAGE_SECONDS;
    app->dirty = true;
}

static long long file_stamp(const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return 0;
    return (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec + st.st_size;
}

void tui_reload(App *app)
{
    char err[512];
    char *notice = NULL;
    Progress *p = progress_load(app->opt->progress_dir, app->opt->learner, &notice, err,
                                sizeof err);
    if (notice) {
        tui_message(app, R_WARN, "%s", notice);
        free(notice);
    }
    if (!p) {
        tui_message(app, R_FAIL, "Cannot read your progress: %s", err);
        return;
    }
    progress_free(app->progress);
    app->progress = p;
    app->progress_stamp = file_stamp(app->progress_file);
    app->dirty = true;
}

int tui_update(App *app, int (*fn)(Progress *p, void *ctx), void *ctx)
{
    char err[512];
    char *notice = NULL;
    int rc = progress_update(app->opt->progress_dir, app->opt->learner, fn, ctx, &notice, err,
                             sizeof err);
    if (notice) {
        tui_message(app, R_WARN, "%s", notice);
        free(notice);
    }
    if (rc != 0)
        tui_message(app, R_FAIL, "Progress not saved: %s", err);
    tui_reload(app);
    return rc;
}

typedef struct { const char *kind, *id; double seconds; } TimeArg;

static int add_time(Progress *p, void *arg)
{
    TimeArg *t = arg;
    progress_add_time(p, t->kind, t->id, t->seconds);
    return 0;
}

void tui_save_time(App *app, Screen *s)
{
    if (!s->ops->time_kind || !s->time_id || s->seconds <= 0)
        return;
    TimeArg t = { s->ops->time_kind, s->time_id, s->seconds };
    s->seconds = 0;
    tui_update(app, add_time, &t);
}

int tui_exercise_state(const App *app, const char *id)
{
    const ExerciseRecord *r = progress_find_exercise(app->progress, id);
    if (!r)
        return 0;
    return r->first_pass ? 2 : r->attempts ? 1 : 0;
}

bool tui_lesson_read(const App *app, const char *id)
{
    const LessonRecord *r = progress_find_lesson(app->progress, id);
    return r && r->read;
}

int tui_next_items(const App *app, TuiItem *out, int max)
{
    int n = 0;
    for (int w = 0; w < COURSE_WEEKS && n < max; w++) {
        const Week *wk = &app->course->weeks[w];
        for (int l = 0; wk->written && l < wk->nlessons && n < max; l++) {
            const Lesson *ls = &wk->lessons[l];
            if (!tui_lesson_read(app, ls->id))
                out[n++] = (TuiItem){ ls, NULL };
            for (int s = 0; s < ls->nsections && n < max; s++) {
                const Exercise *ex = ls->sections[s].exercise;
                if (ex && tui_exercise_state(app, ex->id) != 2)
                    out[n++] = (TuiItem){ NULL, ex };
            }
        }
    }
    return n;
}

const char *tui_report_get(App *app, const char *id)
{
    for (int i = 0; i < app->nreports; i++)
        if (!strcmp(app->report_id[i], id))
            return app->report_json[i];
    return NULL;
}

void tui_report_put(App *app, const char *id, const char *json)
{
    for (int i = 0; i < app->nreports; i++)
        if (!strcmp(app->report_id[i], id)) {
            free(app->report_json[i]);
            app->report_json[i] = xstrdup(json);
            return;
        }
    app->report_id = xrealloc(app->report_id, (size_t)(app->nreports + 1) * sizeof(char *));
    app->report_json = xrealloc(app->report_json, (size_t)(app->nreports + 1) * sizeof(char *));
    app->report_id[app->nreports] = xstrdup(id);
    app->report_json[app->nreports++] = xstrdup(json);
}

/* ---- opening things ----------------------------------------------------------------------- */

void tui_open_lesson(App *app, const Lesson *l)
{
    tui_push(app, tui_lesson_new(app, l));
}

void tui_open_exercise(App *app, const Exercise *ex)
{
    tui_push(app, tui_exercise_new(app, ex));
}

void tui_open_lab(App *app, const Lab *lab)
{
    char *argv[] = { app->self, "--root", (char *)app->opt->root, "--progress-dir",
                     (char *)app->opt->progress_dir, "--learner", (char *)app->opt->learner,
                     "lab", lab->id, NULL };
    char *title = util_fmt("Lab %s %s %s", lab->id, tui_glyph(G_DASH), lab->title);
    char *what = util_fmt("Lab %s", lab->id);
    tui_push(app, tui_pager_run(app, title, what, argv));
    free(title);
    free(what);
}

/* ---- drawing ------------------------------------------------------------------------------- */

static const Binding global_keys[8]; /* the keys every screen has, below */

/* The footer: a message, else what runs, else the keys of this screen. */
static void draw_footer(App *app, Screen *s)
{
    int y = LINES - 1;
    tui_blank(y, 0, COLS, R_NORMAL);
    if (app->msg[0]) {
        tui_drawf(y, 1, COLS - 2, app->msg_role, "%s", app->msg);
        return;
    }
    if (s->status[0]) {
        tui_drawf(y, 1, COLS - 2, R_WARN, "%s", s->status);
        return;
    }
    const Binding *tables[] = { s->ops->keys, s->view ? tui_doc_keys : NULL, global_keys };
    int x = 1;
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
        for (const Binding *b = tables[t]; b && b->run; b++) {
            if (!b->brief)
                continue;
            const char *space = strchr(b->brief, ' ');
            int klen = space ? (int)(space - b->brief) : (int)strlen(b->brief);
            char *m = util_fmt("%s%.*s%s%s", tui_role(R_KEY), klen, b->brief, tui_role(R_DIM),
                               space ? space : "");
            char *t2 = tui_text(m);
            int w = tui_width(t2);
            if (x + w > COLS - 1) {
                free(m), free(t2);
                return;
            }
            x += tui_draw(y, x, w, t2, R_NORMAL) + 2;
            free(m), free(t2);
        }
}

static void draw_title(App *app, Screen *s)
{
    tui_blank(0, 0, COLS, R_TITLEBAR);
    int streak = progress_streak(app->progress, time(NULL));
    char *right = streak > 1 ? util_fmt("%s %s %d-day streak ", app->opt->learner,
                                        tui_glyph(G_MIDDOT), streak)
                             : util_fmt("%s ", app->opt->learner);
    char *r = tui_text(right);
    int rw = tui_width(r);
    int x = 1 + tui_drawf(0, 1, COLS - rw - 3, R_TITLEBAR, "la4ai %s ", tui_glyph(G_GUTTER));
    char *t = tui_text(s->title);
    tui_draw(0, x, COLS - rw - x - 2, t, R_TITLEBAR);
    tui_draw(0, COLS - rw, rw, r, R_TITLEBAR);
    free(t), free(r), free(right);
}

static void draw_too_small(void)
{
    erase();
    const char *times = tui_caps.utf8 ? "×" : "x";
    char size[64], need[64];
    snprintf(size, sizeof size, "This window is %d%s%d;", COLS, times, LINES);
    snprintf(need, sizeof need, "the course needs at least 80%s24.", times);
    const char *lines[] = { "Terminal too small", "", size, need, "",
                            "Make the window larger, or press q to quit." };
    int y = LINES / 2 - 3;
    for (int i = 0; i < 6; i++) {
        int w = tui_width(lines[i]);
        tui_draw(y + i, COLS > w ? (COLS - w) / 2 : 0, COLS, lines[i], i ? R_NORMAL : R_FAIL);
    }
}

static void paint(App *app)
{
    if (tui_term_small()) {
        draw_too_small();
        return;
    }
    Screen *s = tui_top(app);
    if (!s)
        return;
    draw_title(app, s);
    s->ops->draw(app, s);
    draw_footer(app, s);
}

void tui_draw_all(App *app)
{
    paint(app);
    refresh();
    app->dirty = false;
}

/* ---- background work and time -------------------------------------------------------------- */

static void tick(App *app)
{
    double now = util_now(), dt = now - app->last_tick;
    app->last_tick = now;
    Screen *top = tui_top(app);
    if (top && top->ops->time_kind && now - app->last_key < IDLE_SECONDS)
        top->seconds += dt < 1 ? dt : 1; /* a long gap (a blocked step) is not counted here */
    for (int i = 0; i < app->depth; i++) {
        Screen *s = app->stack[i];
        if (s->ops->tick && s->ops->tick(app, s) & TUI_REDRAW)
            app->dirty = true;
    }
    if (now - app->progress_polled > PROGRESS_POLL_SECONDS) {
        app->progress_polled = now;
        if (file_stamp(app->progress_file) != app->progress_stamp)
            tui_reload(app); /* changed from outside: `la4ai check` in another terminal */
    }
    if (app->msg[0] && now > app->msg_until) {
        app->msg[0] = '\0';
        app->dirty = true;
    }
}

static bool busy(const App *app)
{
    for (int i = 0; i < app->depth; i++)
        if (app->stack[i]->status[0])
            return true;
    return false;
}

/* ---- the prompt line ------------------------------------------------------------------------- */

static void utf8_append(char *buf, size_t size, unsigned cp)
{
    char enc[5] = { 0 };
    if (cp < 0x80)
        enc[0] = (char)cp;
    else if (cp < 0x800)
        enc[0] = (char)(0xC0 | cp >> 6), enc[1] = (char)(0x80 | (cp & 0x3F));
    else if (cp < 0x10000)
        enc[0] = (char)(0xE0 | cp >> 12), enc[1] = (char)(0x80 | (cp >> 6 & 0x3F)),
        enc[2] = (char)(0x80 | (cp & 0x3F));
    else
        enc[0] = (char)(0xF0 | cp >> 18), enc[1] = (char)(0x80 | (cp >> 12 & 0x3F)),
        enc[2] = (char)(0x80 | (cp >> 6 & 0x3F)), enc[3] = (char)(0x80 | (cp & 0x3F));
    size_t len = strlen(buf);
    if (len + strlen(enc) < size)
        strcat(buf, enc);
}

bool tui_prompt(App *app, const char *label, char *buf, size_t size)
{
    bool ok = false;
    curs_set(1);
    for (;;) {
        if (tui_term_stop_signal())
            break;
        paint(app);
        int y = LINES - 1;
        tui_blank(y, 0, COLS, R_NORMAL);
        char *l = tui_text(label);
        int x = 1 + tui_draw(y, 1, COLS - 10, l, R_KEY) + 1;
        free(l);
        char *shown = tui_text(buf);
        const char *tail = shown;
        while (tui_width(tail) > COLS - x - 2) /* keep the end in sight */
            tail++;
        while (((unsigned char)*tail & 0xC0) == 0x80)
            tail++;
        x += tui_draw(y, x, COLS - x - 1, tail, R_NORMAL);
        free(shown);
        if (!tui_term_small())
            move(y, x);
        refresh();
        int key = tui_term_key(100);
        tick(app);
        if (key == ERR || key == KEY_RESIZE)
            continue;
        app->last_key = util_now();
        if (key == '\n' || key == '\r' || key == KEY_ENTER) {
            ok = true;
            break;
        }
        if (key == KEY_ESC || key == KEY_CTRL('c') || key == KEY_CTRL('g'))
            break;
        size_t len = strlen(buf);
        if (key == KEY_BACKSPACE || key == 127 || key == 8) {
            while (len && ((unsigned char)buf[len - 1] & 0xC0) == 0x80)
                buf[--len] = '\0';
            if (len)
                buf[--len] = '\0';
        } else if (key == KEY_CTRL('u')) {
            buf[0] = '\0';
        } else if (key >= 32 && key < 127) {
            utf8_append(buf, size, (unsigned)key);
        } else if (key & TUI_WIDE && key != TUI_WHEEL_UP && key != TUI_WHEEL_DOWN) {
            utf8_append(buf, size, (unsigned)(key & ~TUI_WIDE));
        }
    }
    curs_set(0);
    app->dirty = true;
    return ok;
}

bool tui_confirm(App *app, const char *question)
{
    for (;;) {
        if (tui_term_stop_signal())
            return false;
        paint(app);
        tui_blank(LINES - 1, 0, COLS, R_NORMAL);
        int x = 1 + tui_drawf(LINES - 1, 1, COLS - 10, R_WARN, "%s", question);
        tui_draw(LINES - 1, x, 7, " [y/N] ", R_KEY); /* the question may be cut, never this */
        refresh();
        int key = tui_term_key(100);
        tick(app);
        if (key == ERR || key == KEY_RESIZE)
            continue;
        app->last_key = util_now();
        app->dirty = true;
        return key == 'y' || key == 'Y';
    }
}

/* ---- help ---------------------------------------------------------------------------------- */

typedef struct {
    Screen base;
    DocView view;
} TextScreen;

static void text_draw(App *app, Screen *s)
{
    (void)app;
    TextScreen *t = (TextScreen *)s;
    doc_view_draw(&t->view, 1, LINES - 2, 2);
}

static void text_destroy(App *app, Screen *s)
{
    (void)app;
    TextScreen *t = (TextScreen *)s;
    doc_free(&t->view.doc);
    tui_screen_free(s);
    free(t);
}

static const Binding help_keys[] = { { { 0 }, NULL, NULL, NULL, NULL } };
static const ScreenOps help_ops = { "Help", help_keys, text_draw, NULL, text_destroy, NULL };

/* One help line per binding: its keys (each name once) and what it does. */
static void help_table(Doc *d, const char *heading, const Binding *table)
{
    doc_blank(d);
    doc_linef(d, 0, R_HEADING, "%s", heading);
    for (const Binding *b = table; b->run; b++) {
        StrBuf keys = { 0 };
        sb_add(&keys, "");
        const char *seen[BINDING_KEYS] = { 0 };
        int nseen = 0;
        if (b->names)
            sb_add(&keys, b->names);
        for (int k = 0; !b->names && k < BINDING_KEYS && b->keys[k]; k++) {
            const char *name = tui_key_name(b->keys[k]);
            bool dup = false;
            for (int i = 0; i < nseen; i++)
                dup |= !strcmp(seen[i], name);
            if (dup)
                continue;
            seen[nseen++] = name;
            sb_addf(&keys, "%s%s", keys.len ? "  " : "", name);
        }
        char *k = tui_text(keys.s);
        int pad = 24 - tui_width(k);
        char *line = util_fmt("%s%s%s%*s%s", tui_role(R_KEY), k, tui_role(R_NORMAL),
                              pad > 1 ? pad : 1, "", b->help);
        doc_wrap(d, 2, 2 + (pad > 1 ? 24 : tui_width(k) + 1), R_NORMAL, line);
        free(line);
        free(k);
        sb_free(&keys);
    }
}

Screen *tui_help_new(App *app, const Screen *of)
{
    (void)app;
    TextScreen *t = xcalloc(1, sizeof *t);
    tui_screen_init(&t->base, &help_ops, "Keys");
    t->base.view = &t->view;
    doc_init(&t->view.doc, doc_width());
    t->view.sel = -1;
    Doc *d = &t->view.doc;
    doc_linef(d, 0, R_SUBHEAD, "Keys on the %s screen, then everywhere. Esc goes back.",
              of->ops->name);
    if (of->ops->keys[0].run)
        help_table(d, of->ops->name, of->ops->keys);
    if (of->view)
        help_table(d, "Moving in the text", tui_doc_keys);
    help_table(d, "Everywhere", global_keys);
    doc_blank(d);
    doc_wrap(d, 0, 0, R_DIM, "Your progress is saved as you go. The mouse wheel scrolls. "
             "Checks and labs run as separate processes: the screen never waits for them.");
    return &t->base;
}

/* ---- search ---------------------------------------------------------------------------------- */

typedef struct {
    TextScreen t;
    const void **targets; char *kinds; int n;   /* 'l' lesson, 'e' exercise, 'b' lab */
} Results;

static int results_open(App *app, Screen *s)
{
    Results *r = (Results *)s;
    int i = r->t.view.sel;
    if (i < 0 || i >= r->n)
        return TUI_NONE;
    const void *target = r->targets[i];
    char kind = r->kinds[i];
    tui_pop(app); /* the results give way to what was chosen */
    if (kind == 'l')
        tui_open_lesson(app, target);
    else if (kind == 'e')
        tui_open_exercise(app, target);
    else
        tui_open_lab(app, target);
    return TUI_REDRAW;
}

static void results_destroy(App *app, Screen *s)
{
    Results *r = (Results *)s;
    free(r->targets);
    free(r->kinds);
    text_destroy(app, s);
}

static int results_down(App *a, Screen *s) { (void)a; return doc_view_next_item(s->view, 1); }
static int results_up(App *a, Screen *s) { (void)a; return doc_view_next_item(s->view, -1); }

static const Binding results_keys[] = {
    { { '\n', '\r', KEY_ENTER }, "Enter open", "open the selected lesson or exercise",
      results_open, NULL },
    { { 'j', KEY_DOWN, '\t' }, "j/k select", "select the next result", results_down, NULL },
    { { 'k', KEY_UP, KEY_BTAB }, NULL, "select the previous result", results_up, NULL },
    { { 0 }, NULL, NULL, NULL, NULL },
};
static const ScreenOps results_ops = { "Search results", results_keys, text_draw, NULL,
                                       results_destroy, NULL };

static bool matches(const char *q, const char *a, const char *b)
{
    return (a && strcasestr(a, q)) || (b && strcasestr(b, q));
}

static void results_add(Results *r, const void *target, char kind, const char *line)
{
    r->targets = xrealloc(r->targets, (size_t)(r->n + 1) * sizeof *r->targets);
    r->kinds = xrealloc(r->kinds, (size_t)(r->n + 1));
    r->targets[r->n] = target;
    r->kinds[r->n++] = kind;
    Doc *d = &r->t.view.doc;
    doc_item_begin(d);
    doc_line(d, 0, R_NORMAL, line);
    doc_item_end(d);
}

Screen *tui_results_new(App *app, const char *query)
{
    Results *r = xcalloc(1, sizeof *r);
    char *title = util_fmt("Search %s%s%s", tui_caps.utf8 ? "“" : "\"", query,
                           tui_caps.utf8 ? "”" : "\"");
    tui_screen_init(&r->t.base, &results_ops, title);
    free(title);
    r->t.base.view = &r->t.view;
    doc_init(&r->t.view.doc, doc_width());
    r->t.view.sel = -1;
    const Course *c = app->course;
    for (int w = 0; w < COURSE_WEEKS; w++) {
        const Week *wk = &c->weeks[w];
        for (int l = 0; wk->written && l < wk->nlessons; l++) {
            const Lesson *ls = &wk->lessons[l];
            if (matches(query, ls->id, ls->title)) {
                char *line = util_fmt("%s lesson    %s  %s(week %d, %s)", tui_glyph(G_ARROW),
                                      ls->title, tui_role(R_DIM), ls->week, ls->id);
                results_add(r, ls, 'l', line);
                free(line);
            }
            for (int s = 0; s < ls->nsections; s++) {
                const Exercise *ex = ls->sections[s].exercise;
                const Lab *lab = ls->sections[s].lab;
                if (ex && matches(query, ex->id, ex->title)) {
                    char *line = util_fmt("%s exercise  %s %s %s  %s(week %d)",
                                          tui_glyph(G_ARROW), ex->id, tui_glyph(G_DASH),
                                          ex->title, tui_role(R_DIM), ex->week);
                    results_add(r, ex, 'e', line);
                    free(line);
                }
                if (lab && matches(query, lab->id, lab->title)) {
                    char *line = util_fmt("%s lab       %s %s %s  %s(week %d)",
                                          tui_glyph(G_ARROW), lab->id, tui_glyph(G_DASH),
                                          lab->title, tui_role(R_DIM), lab->week);
                    results_add(r, lab, 'b', line);
                    free(line);
                }
            }
        }
    }
    return &r->t.base;
}

/* ---- the keys every screen has ------------------------------------------------------------- */

static int act_help(App *app, Screen *s)
{
    if (s->ops != &help_ops)
        tui_push(app, tui_help_new(app, s));
    return TUI_REDRAW;
}

static int act_dashboard(App *app, Screen *s)
{
    if (strcmp(s->ops->name, "Dashboard") != 0)
        tui_push(app, tui_dashboard_new(app));
    return TUI_REDRAW;
}

static int act_search(App *app, Screen *s)
{
    (void)s;
    char q[128] = "";
    if (!tui_prompt(app, "Search lessons and exercises: ", q, sizeof q) || !q[0])
        return TUI_REDRAW;
    const Lesson *l = course_lesson(app->course, q); /* an exact id goes straight there */
    const Exercise *ex = l ? NULL : course_exercise(app->course, q);
    const Lab *lab = l || ex ? NULL : course_lab(app->course, q);
    if (l || ex || lab) {
        if (l)
            tui_open_lesson(app, l);
        else if (ex)
            tui_open_exercise(app, ex);
        else
            tui_open_lab(app, lab);
        return TUI_REDRAW;
    }
    Results *r = (Results *)tui_results_new(app, q);
    if (r->n == 1) { /* one match: go straight there */
        const void *target = r->targets[0];
        char kind = r->kinds[0];
        results_destroy(app, &r->t.base);
        if (kind == 'l')
            tui_open_lesson(app, target);
        else if (kind == 'e')
            tui_open_exercise(app, target);
        else
            tui_open_lab(app, target);
    } else if (r->n == 0) {
        results_destroy(app, &r->t.base);
        tui_message(app, R_WARN, "Nothing matches \"%s\".", q);
    } else {
        tui_push(app, &r->t.base);
    }
    return TUI_REDRAW;
}

static int act_back(App *app, Screen *s)
{
    (void)s;
    if (app->depth > 1)
        tui_pop(app);
    return TUI_REDRAW;
}

static int act_map(App *app, Screen *s)
{
    (void)s;
    while (app->depth > 1)
        tui_pop(app);
    return TUI_REDRAW;
}

static int act_redraw(App *app, Screen *s)
{
    (void)app, (void)s;
    clearok(curscr, TRUE);
    return TUI_REDRAW;
}

static int act_quit(App *app, Screen *s)
{
    (void)app, (void)s;
    return TUI_QUIT;
}

static const Binding global_keys[8] = {
    { { '?', KEY_F(1) }, "? help", "every key, on this screen and everywhere", act_help, NULL },
    { { 'd' }, "d dashboard", "the dashboard: progress, checkpoints, streak, what next",
      act_dashboard, NULL },
    { { '/' }, "/ search", "find a lesson or an exercise by name or id", act_search, NULL },
    { { 'm' }, NULL, "back to the course map", act_map, NULL },
    { { KEY_ESC, KEY_BACKSPACE, 127, KEY_LEFT }, "Esc back", "back to the previous screen",
      act_back, NULL },
    { { KEY_CTRL('l') }, NULL, "redraw the screen", act_redraw, NULL },
    { { 'q' }, "q quit", "quit (progress is saved as you go)", act_quit, NULL },
    { { 0 }, NULL, NULL, NULL, NULL },
};

/* Doc screens: scrolling and items. */
static int doc_down(App *a, Screen *s) { (void)a; return doc_view_scroll(s->view, 1); }
static int doc_up(App *a, Screen *s) { (void)a; return doc_view_scroll(s->view, -1); }
static int page(const Screen *s) { return s->view->height > 2 ? s->view->height - 2 : 1; }
static int doc_pgdn(App *a, Screen *s) { (void)a; return doc_view_scroll(s->view, page(s)); }
static int doc_pgup(App *a, Screen *s) { (void)a; return doc_view_scroll(s->view, -page(s)); }
static int doc_top(App *a, Screen *s) { (void)a; return doc_view_home(s->view, false); }
static int doc_end(App *a, Screen *s) { (void)a; return doc_view_home(s->view, true); }
static int doc_next(App *a, Screen *s) { (void)a; return doc_view_next_item(s->view, 1); }
static int doc_prev(App *a, Screen *s) { (void)a; return doc_view_next_item(s->view, -1); }
static int doc_wheel_down(App *a, Screen *s) { (void)a; return doc_view_scroll(s->view, 3); }
static int doc_wheel_up(App *a, Screen *s) { (void)a; return doc_view_scroll(s->view, -3); }

const Binding tui_doc_keys[] = {
    { { 'j', KEY_DOWN }, "j/k scroll", "scroll down a line", doc_down, NULL },
    { { 'k', KEY_UP }, NULL, "scroll up a line", doc_up, NULL },
    { { ' ', KEY_NPAGE, 'f', KEY_CTRL('f') }, NULL, "page down", doc_pgdn, NULL },
    { { KEY_PPAGE, 'b', KEY_CTRL('b') }, NULL, "page up", doc_pgup, NULL },
    { { 'g', KEY_HOME }, NULL, "to the top", doc_top, NULL },
    { { 'G', KEY_END }, NULL, "to the end", doc_end, NULL },
    { { '\t', 'n' }, NULL, "select the next item (question, exercise, lab, link)", doc_next, NULL },
    { { KEY_BTAB, 'N' }, NULL, "select the previous item", doc_prev, NULL },
    { { TUI_WHEEL_DOWN }, NULL, "scroll down three lines", doc_wheel_down, NULL },
    { { TUI_WHEEL_UP }, NULL, "scroll up three lines", doc_wheel_up, NULL },
    { { 0 }, NULL, NULL, NULL, NULL },
};

static const Binding *find_binding(const Binding *table, int key)
{
    for (const Binding *b = table; b && b->run; b++)
        for (int k = 0; k < BINDING_KEYS && b->keys[k]; k++)
            if (b->keys[k] == key)
                return b;
    return NULL;
}

static int handle_key(App *app, int key)
{
    Screen *s = tui_top(app);
    if (tui_term_small())
        return key == 'q' ? TUI_QUIT : TUI_NONE; /* only q while the window is too small */
    const Binding *b = find_binding(s->ops->keys, key);
    if (!b && s->view)
        b = find_binding(tui_doc_keys, key);
    if (!b)
        b = find_binding(global_keys, key);
    if (!b)
        return TUI_NONE;
    if (app->msg[0] && key != '?') { /* a key read the message */
        app->msg[0] = '\0';
        app->dirty = true;
    }
    app->key = key;
    return b->run(app, s);
}

/* ---- main ------------------------------------------------------------------------------------ */

static char *self_path(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = '\0';
        return xstrdup(buf);
    }
    return xstrdup("/proc/self/exe");
}

int tui_main(const TuiOptions *opt)
{
    App app = { 0 };
    app.opt = opt;
    app.course = opt->course;
    char err[512];
    char *notice = NULL;
    app.progress = progress_load(opt->progress_dir, opt->learner, &notice, err, sizeof err);
    if (!app.progress) {
        fprintf(stderr, "la4ai: cannot read progress: %s\n", err);
        return 2;
    }
    if (tui_term_init(err, sizeof err) != 0) {
        fprintf(stderr, "la4ai: %s\n", err);
        free(notice);
        progress_free(app.progress);
        return 2;
    }
    app.self = self_path();
    app.progress_file = progress_path(opt->progress_dir, opt->learner);
    app.progress_stamp = file_stamp(app.progress_file);
    app.progress_polled = util_now();
    app.last_key = app.last_tick = util_now();
    tui_push(&app, tui_map_new(&app));
    if (notice) {
        tui_message(&app, R_WARN, "%s", notice);
        free(notice);
    }
    int code = 0;
    while (!app.quit && app.depth > 0) {
        int sig = tui_term_stop_signal();
        if (sig) {
            code = 128 + sig;
            break;
        }
        if (app.dirty)
            tui_draw_all(&app);
        int key = tui_term_key(busy(&app) ? 80 : 250);
        tick(&app);
        if (key == ERR)
            continue;
        app.dirty = true; /* a key or a resize: draw again */
        if (key == KEY_RESIZE)
            continue;
        app.last_key = util_now();
        if (handle_key(&app, key) & TUI_QUIT)
            app.quit = true;
    }
    while (app.depth > 0)
        tui_pop(&app); /* saves the time of each screen and stops its children */
    tui_term_done();
    for (int i = 0; i < app.nreports; i++)
        free(app.report_id[i]), free(app.report_json[i]);
    free(app.report_id);
    free(app.report_json);
    free(app.self);
    free(app.progress_file);
    progress_free(app.progress);
    return code;
}
