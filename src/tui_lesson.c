/*
 * tui_lesson.c — the lesson reader: what to watch (with its URL), prose, key concepts,
 * formulas, worked examples, code blocks on a tinted background, the "ML connection" and
 * "when to use what" callouts, practice questions answered inline, and the exercises and
 * labs of the lesson. Reaching the end marks the lesson read.
 *
 * Questions, exercises and labs are the document's items: Tab selects one, Enter (or a)
 * answers the question, opens the exercise or runs the lab. An answer is checked at once
 * (answer_check), recorded, and the question's explanation appears under it.
 */
#define _GNU_SOURCE
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "answer.h"

typedef struct {
    int verdict;            /* -1 not answered here; else an AnswerVerdict */
    char *typed, *feedback;
} Answer;

typedef struct {
    char kind;              /* 'q' question, 'e' exercise, 'b' lab */
    const Section *sec;
    int number;             /* practice number, for questions */
} Item;

typedef struct {
    Screen base;
    DocView view;
    const Lesson *lesson;
    Answer *answers;        /* one per section (only questions use theirs) */
    Item *items; int nitems;
    bool marked;            /* read recorded (this visit or before) */
} LessonScreen;

/* ---- layout ------------------------------------------------------------------------------ */

static void heading(Doc *d, const char *a, const char *b)
{
    doc_blank(d);
    char *t = util_fmt("%s%s", a, b ? b : "");
    doc_line(d, 0, R_SUBHEAD, t);
    free(t);
}

static void add_item(LessonScreen *ls, char kind, const Section *sec, int number)
{
    ls->items = xrealloc(ls->items, (size_t)(ls->nitems + 1) * sizeof *ls->items);
    ls->items[ls->nitems++] = (Item){ kind, sec, number };
}

static const char *kind_help(const Question *q)
{
    switch (q->kind) { /* how to type each kind of answer */
    case Q_NUMBER: return "a number: 0.5, 1/3, sqrt(2)/2";
    case Q_CHOICE: return "a letter";
    case Q_MATRIX: return "rows split by ;  e.g. 1 2; 3 4";
    case Q_COUNT: break;
    }
    return "";
}

static void layout_question(App *app, LessonScreen *ls, Doc *d, const Section *sec, int number)
{
    const Question *q = sec->question;
    Answer *a = &ls->answers[sec - ls->lesson->sections];
    doc_blank(d);
    doc_item_begin(d);
    add_item(ls, 'q', sec, number);
    doc_linef(d, 0, R_SUBHEAD, "Practice %d %s%s %s", number, tui_role(R_DIM),
              tui_glyph(G_MIDDOT), kind_help(q));
    doc_prose(d, 2, R_NORMAL, q->prompt);
    for (int i = 0; q->kind == Q_CHOICE && i < q->nchoices; i++) {
        char *line = util_fmt("%s%c)%s %s", tui_role(R_KEY), 'a' + i, tui_role(R_NORMAL),
                              q->choices[i]);
        doc_wrap(d, 4, 7, R_NORMAL, line);
        free(line);
    }
    const AnswerRecord *rec = progress_find_answer(app->progress, q->id);
    if (a->verdict >= 0) {
        bool right = a->verdict == ANSWER_RIGHT;
        char *line = util_fmt("%s%s %s%s %s %s", tui_role(right ? R_PASS : R_FAIL),
                              tui_glyph(right ? G_CHECK : G_CROSS), tui_role(R_NORMAL),
                              a->typed, tui_glyph(G_DASH), a->feedback);
        doc_wrap(d, 2, 4, R_NORMAL, line);
        free(line);
        if (q->explain && *q->explain) {
            doc_line(d, 4, R_DIM, "Why:");
            doc_prose(d, 4, R_NORMAL, q->explain);
        }
    } else if (rec && rec->tries) {
        char *line = util_fmt("%s%s%s answered before: %s%s%s (%d %s)",
                              tui_role(rec->correct ? R_PASS : R_FAIL),
                              tui_glyph(rec->correct ? G_CHECK : G_CROSS), tui_role(R_DIM),
                              tui_role(R_NORMAL), rec->last ? rec->last : "", tui_role(R_DIM),
                              rec->tries, rec->tries == 1 ? "try" : "tries");
        doc_wrap(d, 2, 4, R_DIM, line);
        free(line);
    }
    doc_linef(d, 2, R_DIM, "%s Enter: answer", tui_glyph(G_ARROW));
    doc_item_end(d);
}

static void layout_section(App *app, LessonScreen *ls, Doc *d, const Section *s, int *practice)
{
    switch (s->type) { /* each kind of section has its own look */
    case SEC_TEXT:
        if (s->title)
            heading(d, s->title, NULL);
        else
            doc_blank(d);
        doc_prose(d, 0, R_NORMAL, s->body);
        break;
    case SEC_CONCEPTS:
        heading(d, "Key concepts", NULL);
        for (int i = 0; i < s->nitems; i++) {
            char *t = util_fmt("- *%s* %s %s", s->items[i].a, tui_glyph(G_DASH), s->items[i].b);
            doc_prose(d, 0, R_NORMAL, t);
            free(t);
        }
        break;
    case SEC_FORMULA:
        doc_blank(d);
        doc_pre(d, 4, R_FORMULA, R_NORMAL, s->body);
        if (s->note) {
            doc_blank(d);
            doc_prose(d, 2, R_DIM, s->note);
        }
        break;
    case SEC_EXAMPLE:
        heading(d, s->title ? "Worked example: " : "Worked example", s->title);
        doc_prose(d, 0, R_NORMAL, s->body);
        break;
    case SEC_CODE:
        doc_blank(d);
        doc_linef(d, 0, R_DIM, "%s%s%s", s->lang ? s->lang : "code",
                  s->title ? " · " : "", s->title ? s->title : "");
        d->gutter = 1 + R_DIM;
        doc_pre(d, 0, R_BLOCK, R_BLOCK, s->body);
        d->gutter = 0;
        break;
    case SEC_ML:
        doc_blank(d);
        d->gutter = 1 + R_ML;
        doc_line(d, 0, R_ML, "ML connection");
        doc_prose(d, 0, R_NORMAL, s->body);
        d->gutter = 0;
        break;
    case SEC_WHEN:
        doc_blank(d);
        d->gutter = 1 + R_WHEN;
        doc_line(d, 0, R_WHEN, "When to use what");
        for (int i = 0; i < s->nitems; i++) {
            char *t = util_fmt("- *%s:* %s", s->items[i].a, s->items[i].b);
            doc_prose(d, 0, R_NORMAL, t);
            free(t);
        }
        d->gutter = 0;
        break;
    case SEC_QUESTION:
        layout_question(app, ls, d, s, ++*practice);
        break;
    case SEC_EXERCISE: {
        const Exercise *ex = s->exercise;
        int st = tui_exercise_state(app, ex->id);
        static const Glyph marks[] = { G_DOT, G_CROSS, G_CHECK };
        static const Role roles[] = { R_DIM, R_FAIL, R_PASS };
        doc_blank(d);
        doc_item_begin(d);
        add_item(ls, 'e', s, 0);
        doc_linef(d, 0, R_SUBHEAD, "Exercise: %s%s%s %s %s %s", tui_role(R_CODE), ex->id,
                  tui_role(R_SUBHEAD), tui_glyph(G_DASH), ex->title, "");
        doc_linef(d, 2, R_NORMAL, "%s%s%s %s", tui_role(roles[st]), tui_glyph(marks[st]),
                  tui_role(R_DIM), st == 2 ? "passed" : st == 1 ? "not passing yet"
                                                               : "not tried yet");
        doc_prose(d, 2, R_NORMAL, ex->summary);
        doc_linef(d, 2, R_DIM, "%s Enter: open it (edit %s, check, hints)", tui_glyph(G_ARROW),
                  ex->stub);
        doc_item_end(d);
        break;
    }
    case SEC_LAB:
        doc_blank(d);
        doc_item_begin(d);
        add_item(ls, 'b', s, 0);
        doc_linef(d, 0, R_SUBHEAD, "Lab: %s%s%s %s %s", tui_role(R_CODE), s->lab->id,
                  tui_role(R_SUBHEAD), tui_glyph(G_DASH), s->lab->title);
        doc_prose(d, 2, R_NORMAL, s->lab->summary);
        doc_linef(d, 2, R_DIM, "%s Enter: run it on your code", tui_glyph(G_ARROW));
        doc_item_end(d);
        break;
    case SEC_COUNT:
        break;
    }
}

/* The lesson after (dir 1) or before (-1) this one, in course order, or NULL. */
static const Lesson *neighbour(const Course *c, const Lesson *l, int dir)
{
    const Lesson *prev = NULL;
    bool found = false;
    for (int w = 0; w < COURSE_WEEKS; w++)
        for (int i = 0; c->weeks[w].written && i < c->weeks[w].nlessons; i++) {
            const Lesson *x = &c->weeks[w].lessons[i];
            if (found)
                return dir > 0 ? x : NULL;
            if (x == l) {
                if (dir < 0)
                    return prev;
                found = true;
            }
            prev = x;
        }
    return NULL;
}

static void layout(App *app, LessonScreen *ls)
{
    const Lesson *l = ls->lesson;
    Doc *d = &ls->view.doc;
    doc_free(d);
    doc_init(d, doc_width());
    ls->nitems = 0;
    doc_line(d, 0, R_HEADING, l->title);
    bool read = tui_lesson_read(app, l->id);
    doc_linef(d, 0, R_DIM, "Week %d %s about %d min%s%s", l->week, tui_glyph(G_MIDDOT),
              l->minutes, read ? " · " : "", read ? "read" : "");
    if (l->nsources) {
        doc_blank(d);
        doc_line(d, 0, R_SUBHEAD, "Watch or read");
        for (int i = 0; i < l->nsources; i++) {
            const Source *s = &l->sources[i];
            char num[48] = "";
            if (s->number)
                snprintf(num, sizeof num, ", %s %d", s->kind ? s->kind : "", s->number);
            char *t = util_fmt("%s %s%s %s %s", tui_glyph(G_ARROW), s->course, num,
                               tui_glyph(G_DASH), s->title);
            doc_wrap(d, 2, 4, R_NORMAL, t);
            free(t);
            doc_wrap(d, 4, 4, R_LINK, s->url);
        }
    }
    int practice = 0;
    for (int i = 0; i < l->nsections; i++)
        layout_section(app, ls, d, &l->sections[i], &practice);
    doc_blank(d);
    doc_linef(d, 0, R_DIM, "%s end of the lesson %s", tui_glyph(G_DASH), tui_glyph(G_DASH));
    const Lesson *next = neighbour(app->course, l, 1);
    if (next)
        doc_linef(d, 0, R_DIM, "] next lesson: %s", next->title);
}

/* ---- screen ------------------------------------------------------------------------------ */

static void lesson_draw(App *app, Screen *s)
{
    LessonScreen *ls = (LessonScreen *)s;
    if (ls->view.doc.width != doc_width()) { /* resized: lay out again near the same place */
        double at = ls->view.doc.n ? (double)ls->view.top / ls->view.doc.n : 0;
        layout(app, ls);
        ls->view.top = (int)(at * ls->view.doc.n);
    }
    doc_view_draw(&ls->view, 1, LINES - 2, 2);
}

static int mark_read(Progress *p, void *id)
{
    progress_mark_read(p, id);
    return 0;
}

static int lesson_tick(App *app, Screen *s)
{
    LessonScreen *ls = (LessonScreen *)s;
    if (ls->marked || ls->view.height <= 0 || !doc_view_at_end(&ls->view) || tui_top(app) != s)
        return TUI_NONE;
    ls->marked = true;
    if (tui_update(app, mark_read, ls->lesson->id) == 0) {
        tui_message(app, R_PASS, "%s Lesson read: %s", tui_glyph(G_CHECK), ls->lesson->title);
        int top = ls->view.top;
        layout(app, ls);
        ls->view.top = top;
    }
    return TUI_REDRAW;
}

typedef struct { const char *id, *typed; bool ok; } AnswerArg;

static int record_answer(Progress *p, void *arg)
{
    AnswerArg *a = arg;
    progress_record_answer(p, a->id, a->typed, a->ok);
    return 0;
}

static int answer(App *app, LessonScreen *ls, const Item *it)
{
    const Question *q = it->sec->question;
    char typed[256] = "";
    char *label = util_fmt("Practice %d %s your answer:", it->number, tui_glyph(G_ARROW));
    bool entered = tui_prompt(app, label, typed, sizeof typed);
    free(label);
    if (!entered || !typed[0])
        return TUI_REDRAW;
    char fb[512];
    AnswerVerdict v = answer_check(q, typed, fb, sizeof fb);
    if (v == ANSWER_UNREADABLE) {
        tui_message(app, R_WARN, "%s", fb);
        return TUI_REDRAW;
    }
    AnswerArg arg = { q->id, typed, v == ANSWER_RIGHT };
    tui_update(app, record_answer, &arg);
    Answer *a = &ls->answers[it->sec - ls->lesson->sections];
    free(a->typed), free(a->feedback);
    a->verdict = (int)v;
    a->typed = xstrdup(typed);
    a->feedback = xstrdup(fb);
    int top = ls->view.top, sel = ls->view.sel;
    layout(app, ls);
    ls->view.top = top;
    ls->view.sel = sel;
    doc_view_select(&ls->view, sel); /* the feedback and explanation come into view */
    tui_message(app, v == ANSWER_RIGHT ? R_PASS : R_FAIL, "%s %s",
                tui_glyph(v == ANSWER_RIGHT ? G_CHECK : G_CROSS),
                v == ANSWER_RIGHT ? "Right." : "Not quite.");
    return TUI_REDRAW;
}

static int act_activate(App *app, Screen *s)
{
    LessonScreen *ls = (LessonScreen *)s;
    int i = ls->view.sel;
    if (i < 0 || i >= ls->nitems) {
        tui_message(app, R_DIM, "Tab selects a practice question, exercise or lab.");
        return TUI_REDRAW;
    }
    const Item *it = &ls->items[i];
    if (it->kind == 'q')
        return answer(app, ls, it);
    if (it->kind == 'e')
        tui_open_exercise(app, it->sec->exercise);
    else
        tui_open_lab(app, it->sec->lab);
    return TUI_REDRAW;
}

static int act_practice(App *app, Screen *s)
{
    LessonScreen *ls = (LessonScreen *)s;
    int n = app->key - '0';
    for (int i = 0; i < ls->nitems; i++)
        if (ls->items[i].kind == 'q' && ls->items[i].number == n) {
            doc_view_select(&ls->view, i);
            return answer(app, ls, &ls->items[i]);
        }
    tui_message(app, R_DIM, "This lesson has no practice question %d.", n);
    return TUI_REDRAW;
}

static int go_lesson(App *app, Screen *s, int dir)
{
    const Lesson *l = neighbour(app->course, ((LessonScreen *)s)->lesson, dir);
    if (!l) {
        tui_message(app, R_DIM, dir > 0 ? "This is the last lesson written so far."
                                        : "This is the first lesson.");
        return TUI_REDRAW;
    }
    tui_replace(app, tui_lesson_new(app, l));
    return TUI_REDRAW;
}

static int act_next_item(App *app, Screen *s)
{
    (void)app;
    return doc_view_next_item(s->view, 1);
}

static int act_next_lesson(App *app, Screen *s) { return go_lesson(app, s, 1); }
static int act_prev_lesson(App *app, Screen *s) { return go_lesson(app, s, -1); }

static void lesson_destroy(App *app, Screen *s)
{
    (void)app;
    LessonScreen *ls = (LessonScreen *)s;
    for (int i = 0; i < ls->lesson->nsections; i++)
        free(ls->answers[i].typed), free(ls->answers[i].feedback);
    free(ls->answers);
    free(ls->items);
    doc_free(&ls->view.doc);
    tui_screen_free(s);
    free(ls);
}

static const Binding lesson_keys[] = {
    { { '\n', '\r', KEY_ENTER, 'a' }, "Enter answer/open",
      "answer the selected question (or open the exercise, run the lab)", act_activate, NULL },
    { { '\t', 'n' }, "Tab next", "select the next question, exercise or lab", act_next_item, NULL },
    { { '1', '2', '3', '4', '5', '6', '7', '8', '9' }, NULL, "answer practice question 1 … 9",
      act_practice, "1 … 9" },
    { { ']' }, "] next lesson", "the next lesson", act_next_lesson, NULL },
    { { '[' }, NULL, "the previous lesson", act_prev_lesson, NULL },
    { { 0 }, NULL, NULL, NULL, NULL },
};

static const ScreenOps lesson_ops = { "Lesson reader", lesson_keys, lesson_draw, lesson_tick,
                                      lesson_destroy, "lesson" };

Screen *tui_lesson_new(App *app, const Lesson *l)
{
    LessonScreen *ls = xcalloc(1, sizeof *ls);
    char *title = util_fmt("Week %d %s %s", l->week, tui_glyph(G_MIDDOT), l->title);
    tui_screen_init(&ls->base, &lesson_ops, title);
    free(title);
    ls->base.view = &ls->view;
    ls->base.time_id = xstrdup(l->id);
    ls->lesson = l;
    ls->answers = xcalloc((size_t)(l->nsections ? l->nsections : 1), sizeof *ls->answers);
    for (int i = 0; i < l->nsections; i++)
        ls->answers[i].verdict = -1;
    ls->view.sel = -1;
    ls->marked = tui_lesson_read(app, l->id);
    doc_init(&ls->view.doc, doc_width());
    layout(app, ls);
    return &ls->base;
}
